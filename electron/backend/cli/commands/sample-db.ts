// `sample draw --db …`: a draw from the database, stored and locked as the app's ceremony stores it, by
// the district's section chief (the role that draws) or the user --as names. The frame's hash is
// recorded first (its own command, as at the ceremony); the seed comes from the command line (dice
// rolled elsewhere) or from the OS CSPRNG.
import { addDays, addMonths } from '../../../../shared/dates';
import { AppError } from '../../../../shared/result';
import { MIN_SEED_DIGITS } from '../../../../shared/sampling/sampler';
import { deskAs } from '../../commands/desk';
import { drawSpotCheck, freezeFrame } from '../../spotchecks/draws';
import { publishedSample } from '../../spotchecks/documents';
import { actingUser, bureauChief } from '../acting';
import { optionalOption, requireOption, UsageError, type ParsedArgs } from '../args';
import { openCliBackend } from '../open';
import { describeDraw } from './sample-describe';

export async function sampleDrawFromDatabase(args: ParsedArgs, rate: number, out: (line: string) => void): Promise<void> {
  const district = requireOption(args, 'district');
  if (!/^\d{6}$/.test(district)) throw new UsageError('--district must be a 6-digit district code');
  const period = requireOption(args, 'period');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new UsageError('--period must be YYYY-MM');
  const seedOption = requireOption(args, 'seed');
  const seed = seedOption === 'csprng' ? ({ source: 'csprng' } as const) : ({ source: 'dice', digits: seedOption } as const);
  if (seed.source === 'dice' && !new RegExp(`^\\d{${MIN_SEED_DIGITS},}$`).test(seedOption)) {
    throw new AppError('seed-invalid', `--seed 应为至少 ${MIN_SEED_DIGITS} 位数字（掷骰所得），或 csprng（由系统随机数生成）`);
  }
  const redrawOf = optionalOption(args, 'redraw-of');
  const reason = optionalOption(args, 'reason');
  if ((redrawOf === undefined) !== (reason === undefined)) throw new UsageError('--redraw-of and --reason go together');

  const backend = await openCliBackend(requireOption(args, 'db'));
  try {
    const db = backend.ctx.db;
    const chief = await actingUser(backend.ctx, args, () => bureauChief(backend.ctx, district, '不能抽样'));
    const streets = optionalOption(args, 'streets')?.split(',').map((s) => s.trim()).filter(Boolean) ??
      (await db.selectFrom('regions').select('code').where('parent_code', '=', district).where('level', '=', 'street').orderBy('code').execute()).map((r) => r.code);
    const query = { periodStart: `${period}-01`, periodEnd: addDays(`${addMonths(period, 1)}-01`, -1), streetCodes: streets };
    const desk = deskAs(backend.ctx, chief);
    const frame = await desk.run(freezeFrame, { query, rate });
    const detail = await desk.run(drawSpotCheck, { query, rate, manifestSha256: frame.manifestSha256, seed, ...(redrawOf ? { redraw: { drawId: redrawOf, reason: reason! } } : {}) });
    const drawId = detail.id;
    const row = await db.selectFrom('spot_check_draws').select('manifest_text').where('id', '=', drawId).executeTakeFirstOrThrow();
    const result = publishedSample(detail, row.manifest_text);
    if (args.options.has('json')) out(JSON.stringify({ drawId, ...result }));
    else {
      out(`draw      ${drawId} (locked, by ${chief.name})`);
      describeDraw(result, out);
    }
  } finally {
    await backend.close();
  }
}
