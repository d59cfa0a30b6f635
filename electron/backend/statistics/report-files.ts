// The monthly report (月度工作报表) as files: the PDF the bureau files, and the workbook with the same
// tables (one sheet per chart and a 汇总 sheet of every street's figures). Both take every figure from
// statisticsView and nothing else, and both are audited like every other document (pdf.print,
// export.xlsx) with the scope, the period and the month: the report holds no personal data.
import type { SessionUser } from '../../../shared/domain';
import { caseCategoryLabels, findingLabels, outcomeLabels } from '../../../shared/glossary';
import { parseYuan } from '../../../shared/money';
import type { PdfFile } from '../../../shared/pdf-file';
import type { SavedFile } from '../../../shared/saved-file';
import { decisionOutcomes, findingKinds, statisticsCategoryOrder, type StatisticsArgs, type StatisticsView, type StreetFigures } from '../../../shared/statistics';
import { statisticsChartIds, statisticsChartTable, statisticsChartTitles, type ChartTable } from '../../../shared/statistics-charts';
import { statisticsReportTitle } from '../../../templates/statistics-report';
import type { BackendContext } from '../context';
import { saveExport } from '../exports/export-file';
import { printPdf } from '../pdf/print';
import { officeOf } from '../regions/offices';
import { type Cell, type Column, type Sheet, tableSheet, type Field } from '../spreadsheet/xlsx-write';
import { statisticsView } from './figures';

/** The period in a file name: 2026-11, 2026-H1, 2026-H2 or 2026. */
function periodTag(view: StatisticsView): string {
  const year = view.period.first.slice(0, 4);
  switch (view.period.kind) {
    case 'month':
      return view.period.first;
    case 'half':
      return `${year}-H${view.period.first.endsWith('-01') ? 1 : 2}`;
    case 'year':
      return year;
    default: {
      const never: never = view.period.kind;
      throw new Error(`unknown period ${String(never)}`);
    }
  }
}

export const statisticsFileName = (view: StatisticsView, ext: 'pdf' | 'xlsx') => `report-${view.scope}-${periodTag(view)}.${ext}`;

/** What the audit entry says: where, which period, which month was asked for; counts only. */
const auditDetails = (args: StatisticsArgs, view: StatisticsView) => ({ scope: args.scope, period: view.period.kind, month: args.month, months: view.months.length, asOf: view.asOf });

/** What a report file is written from: `view`, when the caller has just read it for the same user, args and day. */
export type ReportFileOptions = { outFile?: string; view?: StatisticsView };

export async function writeStatisticsPdf(ctx: BackendContext, user: SessionUser, args: StatisticsArgs, { outFile, view: given }: ReportFileOptions = {}): Promise<PdfFile> {
  const view = given ?? (await statisticsView(ctx.db, user, args, ctx.clock.today()));
  const office = await officeOf(ctx.db, args.scope);
  const fileName = statisticsFileName(view, 'pdf');
  return printPdf(ctx, {
    job: { template: 'statisticsReport', data: { view, officeName: office.name, printedOn: ctx.clock.today() } },
    jobId: `statistics-${args.scope}-${periodTag(view)}`,
    fileName,
    ...(outFile ? { outFile } : {}),
    actorId: user.id,
    entity: 'region',
    entityId: args.scope,
    details: { document: 'statistics', ...auditDetails(args, view) },
  });
}

/** Widths in characters: a street's name, a month, an amount. */
const widthOf = (header: string) => Math.max(8, Math.min(24, [...header].length * 2));

/**
 * A chart's table as a sheet, each column typed from its cells: numbers stay numbers, an amount in 元
 * (printed as 1,234.56) becomes fen again and is written as a number of 元, anything else is text.
 */
export function chartSheet(name: string, table: ChartTable): Sheet {
  const kinds = table.columns.map((header, i): Column['kind'] => {
    const values = table.rows.map((r) => r[i]);
    if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'integer';
    if (header.endsWith('（元）') && values.every((v) => typeof v === 'string' && parseYuan(v).ok)) return 'yuan';
    return 'text';
  });
  const columns = table.columns.map((header, i): Column => ({ header, width: widthOf(header), kind: kinds[i]! }));
  const rows = table.rows.map((r) =>
    r.map((v, i): Cell => {
      if (kinds[i] !== 'yuan') return v;
      const parsed = parseYuan(String(v));
      return parsed.ok ? parsed.fen : null;
    }),
  );
  return { name, columns, rows };
}

const categoryName = (c: string) => (caseCategoryLabels as Record<string, string>)[c] ?? c;

/** 汇总: every street's figures, and the district's sum where there are several streets. */
function summaryFields(view: StatisticsView): Field<StreetFigures>[] {
  const categories = [...new Set(view.streets.flatMap((s) => Object.keys(s.byCategory)))].sort((a, b) => statisticsCategoryOrder.indexOf(a as never) - statisticsCategoryOrder.indexOf(b as never));
  const multi = view.months.length > 1;
  return [
    { header: '区划代码', width: 12, kind: 'text', value: (s) => s.code },
    { header: '街道', width: 12, kind: 'text', value: (s) => (s.code === view.scope && view.scopeLevel === 'district' ? '合计' : s.name) },
    { header: '召开会议（次）', width: 10, kind: 'integer', value: (s) => s.meetingsHeld },
    { header: '未召开会议的月份', width: 20, kind: 'text', value: (s) => s.monthsWithoutMeeting.join('、') },
    ...decisionOutcomes.map((o): Field<StreetFigures> => ({ header: `${outcomeLabels[o]}（件）`, width: 9, kind: 'integer', value: (s) => s.decisions[o] })),
    { header: '在保户数', width: 9, kind: 'integer', value: (s) => s.householdsPaid },
    { header: '在保人数', width: 9, kind: 'integer', value: (s) => s.personsPaid },
    { header: '月发放金额（元）', width: 15, kind: 'yuan', value: (s) => s.totalFen },
    ...(multi ? [{ header: '期内累计发放（元）', width: 16, kind: 'yuan', value: (s) => s.periodPaidFen } satisfies Field<StreetFigures>] : []),
    ...categories.flatMap((c): Field<StreetFigures>[] => [
      { header: `${categoryName(c)}（户）`, width: 12, kind: 'integer', value: (s) => s.byCategory[c]?.households ?? 0 },
      { header: `${categoryName(c)}（元）`, width: 14, kind: 'yuan', value: (s) => s.byCategory[c]?.totalFen ?? 0 },
    ]),
    { header: '张贴公示（批）', width: 10, kind: 'integer', value: (s) => s.noticesPosted },
    { header: '收到异议（件）', width: 10, kind: 'integer', value: (s) => s.objections },
    ...findingKinds.map((f): Field<StreetFigures> => ({ header: `抽查${findingLabels[f]}（件）`, width: 10, kind: 'integer', value: (s) => s.findings[f] })),
    { header: '下达整改（件）', width: 10, kind: 'integer', value: (s) => s.correctionsOrdered },
    { header: '期末整改中（件）', width: 11, kind: 'integer', value: (s) => s.correctionsOpen },
    { header: '其中逾期（件）', width: 10, kind: 'integer', value: (s) => s.correctionsOverdue },
    { header: '本期完成整改（件）', width: 12, kind: 'integer', value: (s) => s.correctionsDone },
  ];
}

/** The sheets: 汇总 first, then each chart's table under the chart's title. */
export function statisticsSheets(view: StatisticsView): Sheet[] {
  const rows = view.streets.length > 1 ? [...view.streets, view.total] : view.streets;
  return [tableSheet('汇总', summaryFields(view), rows), ...statisticsChartIds.map((id) => chartSheet(statisticsChartTitles[id], statisticsChartTable(id, view)))];
}

export async function exportStatisticsXlsx(ctx: BackendContext, user: SessionUser, args: StatisticsArgs, { outFile, view: given }: ReportFileOptions = {}): Promise<SavedFile> {
  const view = given ?? (await statisticsView(ctx.db, user, args, ctx.clock.today()));
  return saveExport(ctx, user, {
    document: 'statistics',
    fileName: statisticsFileName(view, 'xlsx'),
    title: statisticsReportTitle(view),
    sheets: statisticsSheets(view),
    entity: 'region',
    entityId: args.scope,
    details: auditDetails(args, view),
    citizenIds: 0,
    ...(outFile ? { outFile } : {}),
  });
}
