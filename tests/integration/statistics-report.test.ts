// The monthly report (月度工作报表) on the generated district (麓山区), through the CLI as a script runs it
// on 2026-12-01 and through the handler table as the desk calls it: the PDF's title and figures equal to
// the view's (pdftotext), its CJK fonts embedded (pdffonts), its charts vectors whose text is text (no
// image in the file, a street's name and the trend's legend in the extracted text), qpdf --check; the
// workbook's sheets and numbers equal to the view's; the refusals of a bad month, period or street
// (Chinese messages, exit ≠ 0, nothing written); a street's year and the district's half-year; a district
// of 28 streets, whose tables flow over pages without losing a row.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { runCli } from '../../electron/backend/cli/run';
import { runReport } from '../../electron/backend/cli/commands/report';
import { fixedClock } from '../../electron/backend/clock';
import { createHandlerTable } from '../../electron/backend/handlers';
import { documentCharacters, renderPdf, svgTextContent } from '../../electron/backend/pdf/render';
import { statisticsView } from '../../electron/backend/statistics/figures';
import { formatYuan } from '../../shared/money';
import type { PdfFile } from '../../shared/pdf-file';
import { statisticsJson, sumFigures, type StatisticsArgs, type StatisticsView } from '../../shared/statistics';
import { statisticsChartIds, statisticsChartTable, statisticsChartTitles } from '../../shared/statistics-charts';
import { statisticsReportDocument } from '../../templates/statistics-report';
import { districtTemplate, type DistrictWorld } from '../helpers/district';
import { pdfFonts, pdfPages, pdfText } from '../helpers/pdf';
import { readSheet, readWorkbook } from '../helpers/xlsx';

const district = districtTemplate();
afterAll(() => district.dispose());
let world: DistrictWorld | undefined;
let dir: string | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const DISTRICT = '430188';
const STREET = '430188001';
const DEC_1 = '2026-12-01T02:00:00.000Z';
const TODAY = '2026-12-01';
const clock = fixedClock(DEC_1);
const ANY_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;
const chief = { id: 'x', role: 'bureau_chief', regionCode: DISTRICT } as const;
const flat = (text: string) => text.replace(/\s+/g, '');

async function open() {
  world = await district.world(DEC_1);
  dir = mkdtempSync(join(tmpdir(), 'jrd-report-'));
  const w = world;
  const sql = <T>(query: string, ...params: unknown[]) => w.handle.sqlite.prepare(query).all(...params) as T[];
  const cli = async (...argv: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    let code: number;
    try {
      code = await runReport(['--db', w.handle.file, ...argv], (l) => lines.push(l), clock);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
      code = 1;
    }
    return { code, lines, errors };
  };
  const audits = () => sql<{ action: string; entity_id: string; details_json: string }>("SELECT action, entity_id, details_json FROM audit_log WHERE action IN ('pdf.print', 'export.xlsx') ORDER BY seq");
  return { w, sql, cli, audits, view: (args: StatisticsArgs) => statisticsView(w.ctx.db, chief, args, TODAY) };
}

describe('the report as PDF', () => {
  it("prints the district's October: the title and the view's figures, CJK fonts embedded, charts as vectors whose text is text", async () => {
    const { cli, audits, view } = await open();
    const pdf = join(dir!, 'report.pdf');
    const r = await cli('--month', '2026-10', '--out', pdf, '--json');
    expect(r.code, r.errors.join()).toBe(0);
    // --json alone on stdout, exactly the figures the report shows.
    const v = await view({ scope: DISTRICT, month: '2026-10', period: 'month' });
    expect(r.lines).toEqual([JSON.stringify(statisticsJson(v))]);
    const json = JSON.parse(r.lines[0]!) as ReturnType<typeof statisticsJson>;
    expect(json.streets).toHaveLength(7);
    for (const s of json.streets) {
      for (const key of ['code', 'meetingsHeld', 'decisions', 'householdsPaid', 'totalFen', 'objections', 'findings', 'correctionsOpen']) expect(s, key).toHaveProperty(key);
      expect(Object.keys(s.decisions)).toEqual(['approve', 'reject', 'defer']);
    }
    expect(v.total.meetingsHeld).toBe(7);
    expect(v.total.decisions.approve).toBeGreaterThan(100);
    expect(v.total.householdsPaid).toBeGreaterThan(1000);

    const text = pdfText(pdf);
    const flatText = flat(text);
    expect(text).toContain('麓山区2026年10月月度工作报表');
    expect(flatText).toContain('统计截至：2026年10月31日');
    expect(flatText).toContain('编制单位：麓山区民政局');
    expect(flatText).toContain(`共召开联审联批会议${v.total.meetingsHeld}次`);
    expect(flatText).toContain(`审议决定${v.total.decisions.approve + v.total.decisions.reject + v.total.decisions.defer}件，其中同意${v.total.decisions.approve}件、不同意${v.total.decisions.reject}件、暂缓${v.total.decisions.defer}件`);
    expect(flatText).toContain(`在保${v.total.householdsPaid}户${v.total.personsPaid}人，月发放金额${formatYuan(v.total.totalFen)}元`);
    // Each street's roster amount as the street table prints it.
    for (const s of v.streets) expect(flatText, s.name).toContain(formatYuan(s.totalFen));
    expect(flatText).toMatch(/第1页共\d+页/);
    expect(text).not.toMatch(ANY_ID);

    // The fonts: every one embedded (as subsets), the CJK fonts among them, nothing else.
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) expect(f, f.name).toMatchObject({ embedded: true, subset: true, unicode: true });
    expect(fonts.every((f) => /CJK|GB2312|FangSong|SimHei|FZ|仿宋|黑体|小标宋/i.test(f.name))).toBe(true);

    // Vectors: not one image in the file, and the charts' own text (the trend's legend, a street's name
    // on an axis beside the same name in the table under it) extracted as text.
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(images).toEqual([]);
    expect(readFileSync(pdf).toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
    expect(flatText).toContain('发放金额（万元）');
    const pages = text.split('\f');
    const decisionsPage = pages.find((p) => p.includes('图2'))!;
    expect(decisionsPage).toBeDefined();
    expect(flat(decisionsPage).split('望江街道').length - 1).toBeGreaterThanOrEqual(2);
    const meetingsPage = pages.find((p) => p.includes('图3'))!;
    expect(flat(meetingsPage).split('莲湖镇').length - 1).toBeGreaterThanOrEqual(2);
    expect(spawnSync('qpdf', ['--check', pdf]).status).toBe(0); // .ci/run installs qpdf

    const audit = audits();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['pdf.print', DISTRICT]]);
    expect(JSON.parse(audit[0]!.details_json)).toMatchObject({ document: 'statistics', scope: DISTRICT, period: 'month', month: '2026-10', pages: pdfPages(pdf) });
  }, 180_000);

  it("prints a street's year with that street alone, the district's half-year, and flags the months without a meeting", async () => {
    const { cli, sql, view } = await open();
    const year = join(dir!, 'year.pdf');
    expect((await cli('--street', STREET, '--month', '2026-03', '--period', 'year', '--out', year)).code).toBe(0);
    const text = flat(pdfText(year));
    expect(text).toContain('望江街道2026年年度工作报表');
    expect(text).toContain('统计期间：2026年1月1日至2026年12月31日');
    const v = await view({ scope: STREET, month: '2026-03', period: 'year' });
    expect(v.streets.map((s) => s.code)).toEqual([STREET]);
    expect(text).toContain(`期内累计发放${formatYuan(v.total.periodPaidFen)}元`);
    // November ended without a closed meeting (the demo holds it); December runs and is said to run.
    expect(v.total.monthsWithoutMeeting).toEqual(['2026-11', '2026-12']);
    expect(text).toContain('未召开：2026年11月');
    expect(text).toContain('2026年12月截至1日尚未召开');
    // Only that street: no other street's name anywhere.
    const others = sql<{ name: string }>("SELECT name FROM regions WHERE level = 'street' AND code <> ?", STREET).map((r) => r.name);
    expect(others.length).toBe(6);
    for (const name of others) expect(text, name).not.toContain(name);

    const half = join(dir!, 'half.pdf');
    expect((await cli('--month', '2026-10', '--period', 'half', '--out', half)).code).toBe(0);
    const halfText = flat(pdfText(half));
    expect(halfText).toContain('麓山区2026年下半年工作报表');
    expect(halfText).toContain('统计期间：2026年7月1日至2026年12月31日');
    expect(pdfPages(half)).toBeGreaterThan(3);

    // November for the district: every street missed it, and each is flagged.
    const november = join(dir!, 'november.pdf');
    expect((await cli('--month', '2026-11', '--out', november)).code).toBe(0);
    const novemberText = flat(pdfText(november));
    expect(novemberText.split('未召开：2026年11月').length - 1).toBe(7);
    expect(novemberText).toContain('不符合每月至少召开一次的要求');
  }, 240_000);

  it('is what statistics.pdf and statistics.xlsx write for the signed-in street user, into the export folder', async () => {
    const { w, audits } = await open();
    await w.signIn('st001-staff1');
    const registry = createHandlerTable(w.ctx, { checkResults: true });
    const pdf = await registry.invoke('statistics.pdf', { scope: STREET, month: '2026-10' });
    expect(pdf.ok, JSON.stringify(pdf)).toBe(true);
    const file = (pdf as { ok: true; value: PdfFile }).value;
    expect(file.path.startsWith(w.ctx.paths.exportDir)).toBe(true);
    expect(file.fileName).toBe(`report-${STREET}-2026-10.pdf`);
    expect(flat(pdfText(file.path))).toContain('望江街道2026年10月月度工作报表');
    const xlsx = await registry.invoke('statistics.xlsx', { scope: STREET, month: '2026-10', period: 'half' });
    expect(xlsx).toMatchObject({ ok: true, value: { fileName: `report-${STREET}-2026-H2.xlsx` } });
    // Another street, or the district, is refused to a street's user.
    expect(await registry.invoke('statistics.pdf', { scope: '430188002', month: '2026-10' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await registry.invoke('statistics.xlsx', { scope: DISTRICT, month: '2026-10' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(audits().map((a) => [a.action, JSON.parse(a.details_json).period])).toEqual([
      ['pdf.print', 'month'],
      ['export.xlsx', 'half'],
    ]);
  }, 180_000);
});

describe('a district of many streets', () => {
  it('flows its tables over pages and loses nothing: every street in every table, the charts still vectors', async () => {
    const { view } = await open();
    const v = await view({ scope: DISTRICT, month: '2026-10', period: 'month' });
    // 28 streets, as a large district has: the October figures of the seven, again and again under new names.
    const names = Array.from({ length: 28 }, (_, i) => `${'东南西北中'[i % 5]}${'一二三四五六七八九十'[Math.floor(i / 5)]}街道`);
    const streets = names.map((name, i) => ({ ...v.streets[i % v.streets.length]!, code: `430188${String(201 + i)}`, name, monthsWithoutMeeting: i % 9 === 0 ? ['2026-10'] : [] }));
    const many: StatisticsView = {
      ...v,
      streets,
      total: sumFigures(DISTRICT, v.scopeName, streets),
      meetingsByMonth: { months: v.meetingsByMonth.months, streets: streets.map((s, i) => ({ code: s.code, name: s.name, held: v.meetingsByMonth.streets[i % 7]!.held })) },
    };
    const pdf = await renderPdf(statisticsReportDocument({ view: many, officeName: '麓山区民政局', printedOn: TODAY }), { bundledDir: bundledFontsDir() });
    const file = join(dir!, 'many.pdf');
    writeFileSync(file, pdf.buffer);
    const text = flat(pdfText(file));
    // The street table, the meetings held, and the tables of the decisions, meetings, notices, findings and corrections.
    for (const name of names) expect(text.split(name).length - 1, name).toBeGreaterThanOrEqual(7);
    expect(text).toContain(`本期4个街道未召开：${[0, 9, 18, 27].map((i) => names[i]).join('、')}。`);
    expect(text).toContain('统计口径说明');
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '')).toEqual([]);
  }, 120_000);
});

describe('the report as a workbook', () => {
  it("has 汇总 and one sheet per chart, each number the view's, and is audited without personal data", async () => {
    const { cli, audits, view } = await open();
    const xlsx = join(dir!, 'report.xlsx');
    const r = await cli('--month', '2026-10', '--out', xlsx);
    expect(r.code, r.errors.join()).toBe(0);
    expect(r.lines[0]).toMatch(/\t\d+ rows\t/);
    const v = await view({ scope: DISTRICT, month: '2026-10', period: 'month' });
    expect(readWorkbook(xlsx).SheetNames).toEqual(['汇总', ...statisticsChartIds.map((id) => statisticsChartTitles[id])]);

    const summary = readSheet(xlsx, '汇总');
    expect(summary.rows.map((x) => x['区划代码']?.v)).toEqual([...v.streets.map((s) => s.code), DISTRICT]);
    expect(summary.rows.at(-1)!['街道']?.v).toBe('合计');
    for (const [i, s] of [...v.streets, v.total].entries()) {
      const row = summary.rows[i]!;
      expect(row['召开会议（次）']?.v, s.name).toBe(s.meetingsHeld);
      expect(row['同意（件）']?.v).toBe(s.decisions.approve);
      expect(row['不同意（件）']?.v).toBe(s.decisions.reject);
      expect(row['暂缓（件）']?.v).toBe(s.decisions.defer);
      expect(row['在保户数']?.v).toBe(s.householdsPaid);
      expect(row['在保人数']?.v).toBe(s.personsPaid);
      expect(row['月发放金额（元）']).toMatchObject({ t: 'n', v: s.totalFen / 100, z: '0.00' });
      expect(row['收到异议（件）']?.v).toBe(s.objections);
      expect(row['期末整改中（件）']?.v).toBe(s.correctionsOpen);
    }

    for (const id of statisticsChartIds) {
      const table = statisticsChartTable(id, v);
      const sheet = readSheet(xlsx, statisticsChartTitles[id]);
      expect(sheet.headers, id).toEqual(table.columns);
      expect(sheet.rows.length, id).toBe(table.rows.length);
      for (const [i, row] of table.rows.entries()) {
        for (const [c, value] of row.entries()) {
          const got = sheet.rows[i]![table.columns[c]!];
          if (typeof value === 'number') expect(got?.v, `${id} ${i} ${c}`).toBe(value);
        }
      }
    }
    // The trend's amounts as numbers of 元, to the fen.
    const trend = readSheet(xlsx, statisticsChartTitles.trend);
    expect(trend.rows.map((x) => x['发放金额（元）']?.v)).toEqual(v.trend.totalFen.map((f) => f / 100));

    const audit = audits();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['export.xlsx', DISTRICT]]);
    const details = JSON.parse(audit[0]!.details_json) as Record<string, unknown>;
    expect(details).toMatchObject({ document: 'statistics', scope: DISTRICT, period: 'month', month: '2026-10' });
    expect(details).not.toHaveProperty('citizenIds');
    expect(audit[0]!.details_json).not.toMatch(ANY_ID);
  }, 120_000);
});

describe('the report refused', () => {
  it('refuses a bad month, a bad period, a bad street code and a street outside the user’s district, in Chinese, and writes nothing', async () => {
    const { w, cli, audits } = await open();
    const out = join(dir!, 'r.pdf');
    const run = async (...argv: string[]) => {
      const errors: string[] = [];
      const code = await runCli(['report', '--db', w.handle.file, ...argv], () => undefined, (l) => errors.push(l));
      return { code, error: errors.join('\n') };
    };
    const badMonth = await run('--month', '2026-13', '--out', out);
    expect(badMonth.code).toBe(2);
    expect(badMonth.error).toContain('--month 应为“年-月”格式的月份');
    const badPeriod = await run('--month', '2026-10', '--period', 'quarter', '--json');
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.error).toContain('--period 只能是 month（月度）、half（半年）或 year（年度）');
    const badStreet = await run('--month', '2026-10', '--street', '4301880', '--json');
    expect(badStreet.code).toBe(2);
    expect(badStreet.error).toContain('--street 应为 9 位街道区划代码');
    const outside = await run('--month', '2026-10', '--street', '430199001', '--out', out);
    expect(outside.code).toBe(1);
    expect(outside.error).toMatch(/不在您的管辖范围内 \[forbidden\]$/);
    const neighbour = await run('--as', 'st001-staff1', '--month', '2026-10', '--street', '430188002', '--json');
    expect(neighbour.code).toBe(1);
    expect(neighbour.error).toContain('不在您的管辖范围内');
    const missing = await run('--month', '2026-10', '--street', '430188099', '--json');
    expect(missing.code).toBe(1);
    expect(missing.error).toContain('没有区划代码为 430188099 的街道或区');
    const early = await run('--month', '2027-01', '--out', out);
    expect(early.code).toBe(1);
    expect(early.error).toContain('2027年1月还没有开始，没有可统计的数据');
    expect(existsSync(out)).toBe(false);
    expect(audits()).toEqual([]);
    // A street's own user, without --street, has the street's report.
    const own = await cli('--as', 'st001-staff1', '--month', '2026-10', '--json');
    expect(own.code).toBe(0);
    expect(JSON.parse(own.lines[0]!)).toMatchObject({ scope: STREET, period: 'month', months: ['2026-10'] });
  }, 60_000);
});

describe("a chart's text and the fonts", () => {
  it('counts the text inside an SVG among the characters the fonts must have, entities decoded', () => {
    const svg = '<svg><text x="1">望江&amp;街道</text><g><text><tspan>&#x1F600;&#27700;</tspan></text></g><rect fill="红"/></svg>';
    expect(svgTextContent(svg)).toBe('望江&街道\u{1F600}水');
    const chars = documentCharacters({ content: [{ svg, width: 100, font: 'JrdBody' }] });
    for (const ch of ['望', '&', '\u{1F600}', '水']) expect(chars.has(ch), ch).toBe(true);
    // The markup is not printed: an attribute's text is not asked of the fonts.
    expect(chars.has('红')).toBe(false);
    expect(chars.has('<')).toBe(false);
  });
});
