// `npm run cli -- sample draw|verify …`: the spot-check sampler for scripts and outside auditors. The
// manifest forms need no database: anyone with the published manifest, seed and rate can redraw the
// sample and check a published one. The interface is fixed by issue 5; do not change it lightly.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../../shared/result';
import { parseManifest, type Manifest } from '../../../../shared/sampling/manifest';
import { drawSample } from '../../../../shared/sampling/sampler';
import { verifySample } from '../../../../shared/sampling/verify';
import { integerOption, parseArgs, requireOption, UsageError, type ParsedArgs } from '../args';
import type { Command } from './types';
import { sampleDrawFromDatabase } from './sample-db';
import { describeDraw } from './sample-describe';

/** A file's text, refusing bytes that are not UTF-8 rather than guessing. */
export function readUtf8(path: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(path));
  } catch (error) {
    throw new AppError('not-found', `读不到${what}：${resolve(path)}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AppError('manifest-invalid', `${what}不是有效的 UTF-8 文本：${resolve(path)}`);
  }
}

function rateOf(args: ParsedArgs): number {
  if (!args.options.has('rate')) throw new UsageError('--rate is required');
  return integerOption(args, 'rate', 0);
}

function readManifest(args: ParsedArgs): Manifest {
  return parseManifest(readUtf8(requireOption(args, 'manifest'), '抽查清单'));
}

const drawUsage = 'sample draw --manifest FILE --seed DIGITS --rate P [--json]  |  sample draw --db FILE --district CODE --period YYYY-MM [--streets CODE,…] --rate P --seed DIGITS|csprng [--redraw-of ID --reason TEXT] [--as USERNAME] [--json]';
const verifyUsage = 'sample verify --manifest FILE --seed DIGITS --rate P --sample FILE.json';

export const sampleCommand: Command = {
  usage: `${drawUsage}\n  ${verifyUsage}`,
  async run(argv, out) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'draw': {
        const args = parseArgs(rest, { values: ['manifest', 'seed', 'rate', 'db', 'district', 'period', 'streets', 'redraw-of', 'reason', 'as'], flags: ['json'] });
        if (args.options.has('db') === args.options.has('manifest')) throw new UsageError('give either --manifest FILE or --db FILE');
        if (args.options.has('db')) return sampleDrawFromDatabase(args, rateOf(args), out);
        for (const dbOnly of ['district', 'period', 'streets', 'redraw-of', 'reason', 'as']) if (args.options.has(dbOnly)) throw new UsageError(`--${dbOnly} goes with --db`);
        const result = drawSample(readManifest(args), requireOption(args, 'seed'), rateOf(args));
        if (args.options.has('json')) out(JSON.stringify(result));
        else describeDraw(result, out);
        return;
      }
      case 'verify': {
        const args = parseArgs(rest, { values: ['manifest', 'seed', 'rate', 'sample'], flags: [] });
        const manifest = readManifest(args);
        const seed = requireOption(args, 'seed');
        const rate = rateOf(args);
        const sampleFile = requireOption(args, 'sample');
        let claimed: unknown;
        try {
          claimed = JSON.parse(readUtf8(sampleFile, '样本文件'));
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw new AppError('validation', `样本文件不是有效的 JSON：${resolve(sampleFile)}`);
        }
        // The recomputation checks the seed and rate itself, so a bad one is an error, not a difference.
        const result = verifySample(manifest, seed, rate, claimed);
        if (result.match) {
          out('match');
          return 0;
        }
        out(`differs: ${result.difference}`);
        return 1;
      }
      default:
        throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'sample needs a subcommand: draw or verify');
    }
  },
};

