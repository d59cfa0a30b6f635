// `report`: the monthly report (月度工作报表) of the district or one street, for a month, a half-year or a
// year, as PDF or .xlsx, and with --json the figures it shows (statisticsJson). It acts as --as USERNAME,
// else as the bureau chief of the database's district (the signed-in user's, or the only one), like
// `roster`: the report is the bureau's to file. Without --street the scope is the acting user's own: the
// district for the bureau, the street for a street's user. The desk's access and period rules apply.
import { extname, resolve } from 'node:path';
import type { SessionUser } from '../../../../shared/domain';
import { AppError } from '../../../../shared/result';
import { statisticsJson, statisticsPeriodKinds, type StatisticsArgs, type StatisticsPeriodKind } from '../../../../shared/statistics';
import type { Clock } from '../../clock';
import type { BackendContext } from '../../context';
import { sessionUser } from '../../session/session';
import { statisticsView } from '../../statistics/figures';
import { exportStatisticsXlsx, writeStatisticsPdf } from '../../statistics/report-files';
import { actingUser, bureauChief } from '../acting';
import { optionalOption, parseArgs, requireOption, UsageError } from '../args';
import { openCliBackend } from '../open';
import type { Command } from './types';

/** The district this database serves: the signed-in user's, or else the only district it holds. */
async function homeDistrict(ctx: BackendContext): Promise<string> {
  const signedIn = await sessionUser(ctx.db);
  if (signedIn) return signedIn.regionCode.slice(0, 6);
  const districts = await ctx.db.selectFrom('regions').select('code').where('level', '=', 'district').orderBy('code').execute();
  if (districts.length === 1) return districts[0]!.code;
  throw new AppError('no-session', '数据库没有登录用户，且不止一个区：请用 --as 指定用户');
}

/** The options, checked before the database is opened: each refusal says in Chinese what is wrong. */
function reportOptions(argv: string[]) {
  const args = parseArgs(argv, { values: ['db', 'street', 'month', 'period', 'out', 'as'], flags: ['json'] });
  const month = requireOption(args, 'month');
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new UsageError(`--month 应为“年-月”格式的月份，如 2026-11，收到的是“${month}”`);
  const period = optionalOption(args, 'period') ?? 'month';
  if (!(statisticsPeriodKinds as readonly string[]).includes(period)) throw new UsageError(`--period 只能是 month（月度）、half（半年）或 year（年度），收到的是“${period}”`);
  const street = optionalOption(args, 'street');
  if (street !== undefined && !/^\d{9}$/.test(street)) throw new UsageError(`--street 应为 9 位街道区划代码，收到的是“${street}”`);
  const outOption = optionalOption(args, 'out');
  const json = args.options.has('json');
  if (outOption === undefined && !json) throw new UsageError('give --out FILE.pdf|FILE.xlsx, or --json');
  const ext = outOption === undefined ? null : extname(outOption).toLowerCase();
  if (ext !== null && ext !== '.pdf' && ext !== '.xlsx') throw new UsageError('--out must end in .pdf or .xlsx');
  return { args, month, period: period as StatisticsPeriodKind, street, out: outOption === undefined ? null : { file: resolve(outOption), ext }, json };
}

/** The command's body over an open backend, so tests can give it a fixed clock. */
export async function runReport(argv: string[], out: (line: string) => void, clock?: Clock): Promise<number> {
  const options = reportOptions(argv);
  const backend = await openCliBackend(requireOption(options.args, 'db'), clock ? { clock } : {});
  try {
    const { ctx } = backend;
    const user: SessionUser = await actingUser(ctx, options.args, async () => bureauChief(ctx, await homeDistrict(ctx)));
    const args: StatisticsArgs = { scope: options.street ?? user.regionCode, month: options.month, period: options.period };
    const view = await statisticsView(ctx.db, user, args, ctx.clock.today());
    if (options.out?.ext === '.pdf') {
      const pdf = await writeStatisticsPdf(ctx, user, args, { outFile: options.out.file, view });
      if (!options.json) out(`${pdf.path}\t${pdf.pages} pages\t${pdf.bytes} bytes\tsha256 ${pdf.sha256}`);
    } else if (options.out) {
      const saved = await exportStatisticsXlsx(ctx, user, args, { outFile: options.out.file, view });
      if (!options.json) out(`${saved.path}\t${saved.rows} rows\t${saved.bytes} bytes\tsha256 ${saved.sha256}`);
    }
    // --json prints the figures alone on stdout, so a script can parse them whatever else was written.
    if (options.json) out(JSON.stringify(statisticsJson(view)));
    return 0;
  } finally {
    await backend.close();
  }
}

export const reportCommand: Command = {
  usage: 'report --db FILE --month YYYY-MM [--street CODE] [--period month|half|year] [--out FILE.pdf|FILE.xlsx] [--json] [--as USERNAME]',
  run: (argv, out) => runReport(argv, out),
};
