// The one check behind every way of re-verifying a published draw: the CLI's `sample verify`, the desk's
// 验证 button and the citizen's verify.html. Each reads the files its own way (a path, the export
// folder, a browser file input) and hands the texts here, so the three cannot disagree on a verdict.
import { AppError } from '../result';
import { parseManifest } from './manifest';
import { verifySample, type Verification } from './verify';

/** The published files as text (decoded strictly as UTF-8 by the caller), and the rate as published. */
export type PublishedDraw = { manifestText: string; seed: string; rate: number; sampleText: string };

export type PublishedVerdict =
  | { verdict: 'match'; manifestSha256: string }
  | { verdict: 'differs'; manifestSha256: string; difference: string }
  /** The files cannot be checked at all: a malformed manifest, seed or rate, a sample that is not JSON. */
  | { verdict: 'unverifiable'; message: string };

/** The published seed file's digits: the line as written, without its line end or stray white space. */
export function seedFromFile(text: string): string {
  return text.trim();
}

/** A rate as typed or published ("30", "30%"), as the CLI's --rate takes it: a whole number. */
export function rateFromText(text: string): number {
  const t = text.trim().replace(/[%％]$/, '');
  if (!/^\d{1,3}$/.test(t)) throw new AppError('rate-invalid', `抽查比例应为整数百分比（如 30），现在是“${text.trim()}”`);
  return Number(t);
}

/**
 * The CLI's order of work: the manifest is read first (a broken one is an error), then the sample file
 * as JSON, then the draw is recomputed and compared; a bad seed or rate is an error, not a difference.
 */
export function verifyPublished(files: PublishedDraw): PublishedVerdict {
  try {
    const manifest = parseManifest(files.manifestText);
    let claimed: unknown;
    try {
      claimed = JSON.parse(files.sampleText);
    } catch {
      throw new AppError('validation', '样本文件不是有效的 JSON');
    }
    const result: Verification = verifySample(manifest, files.seed, files.rate, claimed);
    return result.match ? { verdict: 'match', manifestSha256: manifest.sha256 } : { verdict: 'differs', manifestSha256: manifest.sha256, difference: result.difference };
  } catch (error) {
    if (error instanceof AppError) return { verdict: 'unverifiable', message: error.message };
    throw error;
  }
}

/** How a verdict is said, the same in the desk and in verify.html. */
export function verdictWords(v: PublishedVerdict, rate: number): { headline: string; detail: string } {
  switch (v.verdict) {
    case 'match':
      return { headline: '一致', detail: `公布的样本与按这份抽查清单、随机种子和比例（${rate}%）重新抽取的结果逐条一致。` };
    case 'differs':
      return { headline: '不一致', detail: `第一处差异：${v.difference}` };
    case 'unverifiable':
      return { headline: '无法复核', detail: v.message };
    default: {
      const never: never = v;
      throw new Error(`unknown verdict ${JSON.stringify(never)}`);
    }
  }
}
