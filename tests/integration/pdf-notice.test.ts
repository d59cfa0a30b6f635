// Public notices (公示) rendered with the bundled fonts and read back with poppler: a community's batch
// notice (title, lead, period, every row, 停发, how to object, the signature), a 300-row standing list
// whose header and page numbers are on every page, and a combined street file where each community
// starts on a new page with its own page count. No database: the documents are built here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type RenderedPdf } from '../../electron/backend/pdf/render';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { noticeDocumentDefinition } from '../../templates/notice';
import { NoticeDocument, type NoticeRow, type NoticeSection } from '../../shared/notice';
import { pdfFonts, pdfPages, pdfText } from '../helpers/pdf';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };
let dir: string;

const LONG_NAME = '阿卜杜热合曼·买买提明';
const LONG_COMMUNITY = '沿江大道东段第三社区居民委员会';

const batchRows = (communityName: string): NoticeRow[] => [
  { seq: 1, communityName, headName: '王*国', householdSize: 3, amountFen: 204000, category: 'dibao', kind: 'new_application' },
  { seq: 2, communityName, headName: '李*英', householdSize: 1, amountFen: 115000, category: 'tekun', kind: 'new_application' },
  { seq: 3, communityName, headName: LONG_NAME, householdSize: 4, amountFen: 96000, category: 'dibao', kind: 'new_application' },
  { seq: 4, communityName, headName: '黄*珍', householdSize: 2, amountFen: 52000, category: 'dibao', kind: 'decrease' },
  { seq: 5, communityName, headName: '陈*兰', householdSize: 5, amountFen: 168000, category: 'dibao', kind: 'increase' },
  { seq: 6, communityName, headName: '刘*强', householdSize: 2, amountFen: 60000, category: 'dibao', kind: 'phase_out' },
  { seq: 7, communityName, headName: '郭*芬', householdSize: 1, amountFen: 0, category: 'dibao', kind: 'termination' },
  { seq: 8, communityName, headName: '欧阳*华', householdSize: 3, amountFen: 48000, category: 'dibao_edge', kind: 'new_application' },
];

const batchBase = {
  kind: 'batch',
  title: '望江街道最低生活保障拟审核确认对象公示',
  streetName: '望江街道',
  issuer: '望江街道办事处',
  issuedOn: '2026-11-22',
  period: { start: '2026-11-23', end: '2026-11-29' },
  basis: '经望江街道社会救助联审联批领导小组2026年第11次会议审议',
  objection: { address: '望江街道办事处一楼社会救助窗口', phone: '0731-88880000', hotlines: [{ label: '民政服务热线', number: '12349' }] },
} as const;

const section = (communityCode: string, communityName: string, rows: NoticeRow[]): NoticeSection => ({ communityCode, communityName, rows });

/** A batch notice for 江滨社区 alone. */
const batch = NoticeDocument.parse({ ...batchBase, sections: [section('430188001001', '江滨社区', batchRows('江滨社区'))] });

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const given = [...'秀英桂兰建国志强玉珍淑芬明华红梅'];
const standingRows: NoticeRow[] = Array.from({ length: 300 }, (_, i) => ({
  seq: i + 1,
  communityName: '江滨社区',
  headName: i === 150 ? LONG_NAME : `${surnames[i % surnames.length]}*${given[(i * 7) % given.length]}`,
  householdSize: 1 + (i % 5),
  amountFen: 45000 + ((i * 3100) % 150000),
  category: i % 6 === 0 ? 'tekun' : 'dibao',
  kind: null,
}));
/** The standing list (长期公示) of 江滨社区: 300 households over many pages. */
const standing = NoticeDocument.parse({
  kind: 'standing',
  title: '江滨社区社会救助对象长期公示',
  streetName: '望江街道',
  issuer: '望江街道办事处',
  issuedOn: '2026-11-22',
  period: null,
  basis: '根据《社会救助暂行办法》有关规定',
  objection: {
    address: '',
    phone: '0731-88880000',
    hotlines: [
      { label: '民政服务热线', number: '12349' },
      { label: '政务服务便民热线', number: '12345' },
    ],
  },
  sections: [section('430188001001', '江滨社区', standingRows)],
});

/** The combined street file: three communities, the second long enough for several pages. */
const combinedSections = [
  section('430188001001', '江滨社区', batchRows('江滨社区')),
  section(
    '430188001002',
    '望江花园社区',
    Array.from({ length: 60 }, (_, i) => ({ ...batchRows('望江花园社区')[i % 8]!, seq: i + 1, headName: `${surnames[i % surnames.length]}*${given[i % given.length]}` })),
  ),
  section('430188001003', LONG_COMMUNITY, batchRows(LONG_COMMUNITY).slice(0, 3)),
];
const combined = NoticeDocument.parse({ ...batchBase, objection: { address: '', phone: '', hotlines: [] }, sections: combinedSections });

type Rendered = { file: string; pdf: RenderedPdf; flat: string; layout: string };
const rendered: Record<'batch' | 'standing' | 'combined', Rendered> = {} as never;
const flatten = (s: string) => s.replace(/\s+/g, '');
/** The text of one page, whitespace removed; or as poppler lays it out. */
function pageText(file: string, page: number, layout = false): string {
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-f', String(page), '-l', String(page), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return layout ? text : flatten(text);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jrd-notice-'));
  for (const [name, doc] of [['batch', batch], ['standing', standing], ['combined', combined]] as const) {
    const file = join(dir, `${name}.pdf`);
    const pdf = await renderPdf(noticeDocumentDefinition(doc), fonts);
    writeFileSync(file, pdf.buffer);
    rendered[name] = { file, pdf, flat: flatten(pdfText(file)), layout: pdfText(file, true) };
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The whole text of a cell that wraps, from poppler's layout: the piece on the row's line (found by
 * `first`), then on each following line the piece nearest the same column, until the next row.
 */
function wrappedCell(layout: string, rowLine: RegExp, first: string): string {
  const lines = layout.split('\n');
  const at = lines.findIndex((l) => rowLine.test(l));
  expect(at, String(rowLine)).toBeGreaterThanOrEqual(0);
  const column = lines[at]!.indexOf(first);
  let text = first;
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '' || /^\s*\d+\s/.test(line)) break;
    const pieces = [...line.matchAll(/\S+/g)];
    const nearest = pieces.reduce((a, b) => (Math.abs(b.index - column) < Math.abs(a.index - column) ? b : a));
    text += nearest[0];
  }
  return text;
}

/** A row as poppler lays it out: the cells in order on one line, separated by spaces. */
function rowPattern(cells: (string | number)[]): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*${cells.map((c) => esc(String(c))).join('\\s+')}\\s*$`, 'm');
}

describe('batch notice (拟审核确认对象公示) of one community', () => {
  it('carries the title, the community, the basis, the households and the 7-day period', () => {
    const { flat } = rendered.batch;
    expect(flat.startsWith('望江街道最低生活保障拟审核确认对象公示（江滨社区）')).toBe(true);
    expect(flat).toContain('经望江街道社会救助联审联批领导小组2026年第11次会议审议，拟对江滨社区以下8户21人的社会救助事项予以审核确认，现予以公示。');
    expect(flat).toContain('现予以公示。公示期为2026年11月23日至2026年11月29日（7天），期满无异议的，自2026年11月30日起执行。');
  });

  it('lists every row with its masked name, household size, amount, category and change; 停发 for a termination', () => {
    const { layout, flat } = rendered.batch;
    // The two-line headers come out interleaved: 保障 月保障金额 / 人数 （元）.
    for (const h of ['序号', '社区', '户主姓名', '保障', '人数', '月保障金额', '（元）', '救助类别', '变动类型']) expect(flat).toContain(h);
    expect(layout).toMatch(rowPattern([1, '江滨社区', '王*国', 3, '2,040.00', '低保对象', '新申请']));
    expect(layout).toMatch(rowPattern([2, '江滨社区', '李*英', 1, '1,150.00', '特困人员', '新申请']));
    expect(layout).toMatch(rowPattern([4, '江滨社区', '黄*珍', 2, '520.00', '低保对象', '变更（减发）']));
    expect(layout).toMatch(rowPattern([5, '江滨社区', '陈*兰', 5, '1,680.00', '低保对象', '变更（增发）']));
    expect(layout).toMatch(rowPattern([6, '江滨社区', '刘*强', 2, '600.00', '低保对象', '渐退']));
    expect(layout).toMatch(rowPattern([7, '江滨社区', '郭*芬', 1, '停发', '低保对象', '停保']));
    expect(layout).toMatch(rowPattern([8, '江滨社区', '欧阳*华', 3, '480.00', '低保边缘家庭', '新申请']));
    expect(flat).not.toContain('0.00低保对象停保');
  });

  it('wraps a long name inside its cell and prints it whole', () => {
    const { flat, layout, file } = rendered.batch;
    expect(flat).toContain(LONG_NAME);
    // The row's other cells are on the name's first line; the name continues below, in its column.
    const row = /^\s*3\s+江滨社区\s+(阿卜杜\S*)\s+4\s+960\.00\s+低保对象\s+新申请\s*$/m.exec(layout);
    expect(row).not.toBeNull();
    expect(wrappedCell(layout, /^\s*3\s+江滨社区\s+阿卜杜/, row![1]!)).toBe(LONG_NAME);
    expect(pdfPages(file)).toBe(1);
  });

  it('says how to object, with the address, phone and the hotlines the office publishes, then the issuer and the date', () => {
    const { flat } = rendered.batch;
    expect(flat).toContain(
      '公示期间，如对公示对象有异议，可向望江街道办事处反映（地址：望江街道办事处一楼社会救助窗口，电话：0731-88880000），也可拨打民政服务热线12349。望江街道办事处2026年11月22日',
    );
    expect(flat).toContain('第1页共1页');
  });

  it('embeds its fonts as subsets with Unicode maps, and gives the same bytes for the same notice', async () => {
    const rows = pdfFonts(rendered.batch.file);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const f of rows) {
      expect(f, f.name).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(f.type).not.toMatch(/Type 3/);
    }
    const again = await renderPdf(noticeDocumentDefinition(batch), fonts);
    expect(again.sha256).toBe(rendered.batch.pdf.sha256);
  });
});

describe('standing list (长期公示), 300 households', () => {
  it('states the basis and the date it stands at, without a notice period or 变动类型', () => {
    const { flat } = rendered.standing;
    expect(flat.startsWith('江滨社区社会救助对象长期公示根据《社会救助暂行办法》有关规定，现将截至2026年11月22日江滨社区正在享受社会救助的对象名单（共300户')).toBe(true);
    expect(flat).not.toContain('公示期');
    expect(flat).not.toContain('变动类型');
    // Every hotline the office publishes, in its order.
    expect(flat).toContain('如对公示对象有异议，可向望江街道办事处反映（电话：0731-88880000），也可拨打民政服务热线12349或政务服务便民热线12345。');
  });

  it('lists every household with its name, size and amount', () => {
    const { layout, flat } = rendered.standing;
    for (const r of standingRows) {
      if (r.headName === LONG_NAME) continue;
      const category = r.category === 'tekun' ? '特困人员' : '低保对象';
      expect(layout, `row ${r.seq}`).toMatch(rowPattern([r.seq, '江滨社区', r.headName, r.householdSize, (r.amountFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }), category]));
    }
    expect(flat).toContain(LONG_NAME);
  });

  it('repeats the header and numbers "第 x 页 共 N 页" on every page', () => {
    const { file, pdf } = rendered.standing;
    const pages = pdfPages(file);
    expect(pages).toBe(pdf.pages);
    // About 28 rows a page: a sane count, not one row a page nor rows cut off.
    expect(pages).toBeGreaterThanOrEqual(9);
    expect(pages).toBeLessThanOrEqual(14);
    let tablePages = 0;
    for (let p = 1; p <= pages; p++) {
      const text = pageText(file, p);
      const layout = pageText(file, p, true);
      // Every page the table runs over has the header above its first row (the objection and the
      // signature may follow alone on a last page). In poppler's layout the two-line headers straddle
      // the line with the others: 保障 月保障金额 / 序号 社区 户主姓名 救助类别 / 人数 （元）.
      const firstRow = /^\s*\d+\s+江滨社区\s/m.exec(layout);
      if (firstRow) {
        tablePages++;
        const header = /^\s*保障\s+月保障金额\s*\n\s*序号\s+社区\s+户主姓名\s+救助类别\s*\n\s*人数\s+（元）\s*$/m.exec(layout);
        expect(header, `page ${p}`).not.toBeNull();
        expect(header!.index, `page ${p}`).toBeLessThan(firstRow.index);
      }
      // poppler puts the footer wherever its reading order takes it; it is there once.
      expect(text.match(/第\d+页共\d+页/g), `page ${p}`).toEqual([`第${p}页共${pages}页`]);
    }
    expect(tablePages).toBeGreaterThanOrEqual(pages - 1);
  });
});

describe('combined street file', () => {
  it('starts each community on a new page with the title, its name and its own lead', () => {
    const { file } = rendered.combined;
    const pages = pdfPages(file);
    const starts = combinedSections.map((s) => {
      const households = s.rows.length;
      for (let p = 1; p <= pages; p++) {
        const text = pageText(file, p);
        if (text.startsWith(`望江街道最低生活保障拟审核确认对象公示（${s.communityName}）`)) {
          expect(text).toContain(`拟对${s.communityName}以下${households}户`);
          return p;
        }
      }
      return -1;
    });
    expect(starts[0]).toBe(1);
    expect(starts[1]).toBeGreaterThan(starts[0]!);
    expect(starts[2]).toBeGreaterThan(starts[1]! + 1);
    expect(starts[2]).toBe(pages);
    // No community's rows on another's pages.
    for (let p = starts[1]!; p < starts[2]!; p++) {
      const text = pageText(file, p);
      expect(text).not.toContain('江滨社区');
      expect(text).not.toContain(LONG_COMMUNITY);
    }
  });

  it('numbers the pages within each community, so each community posts 第 1 页 onwards', () => {
    const { file } = rendered.combined;
    const pages = pdfPages(file);
    const footers = Array.from({ length: pages }, (_, i) => /第(\d+)页共(\d+)页/.exec(pageText(file, i + 1))?.slice(1).map(Number));
    const second = pages - 2;
    expect(footers).toEqual([[1, 1], ...Array.from({ length: second }, (_, i) => [i + 1, second]), [1, 1]]);
    expect(second).toBeGreaterThan(1);
  });

  it('wraps a long community name inside its cell, and leaves out an empty address, phone and hotline list', () => {
    const { flat } = rendered.combined;
    expect(flat).toContain(`（${LONG_COMMUNITY}）`);
    expect(flat.match(/可向望江街道办事处反映。/g)).toHaveLength(3);
    expect(flat).not.toContain('热线');
    const last = pageText(rendered.combined.file, pdfPages(rendered.combined.file), true);
    for (const [seq, name] of [[1, '王*国'], [2, '李*英'], [3, '阿卜杜']] as const) {
      const row = new RegExp(`^\\s*${seq}\\s+(\\S+)\\s+${name.replace('*', '\\*')}`, 'm').exec(last);
      expect(row, `row ${seq}`).not.toBeNull();
      expect(LONG_COMMUNITY.startsWith(row![1]!)).toBe(true);
      expect(row![1]!.length).toBeLessThan(LONG_COMMUNITY.length);
      expect(wrappedCell(last, new RegExp(`^\\s*${seq}\\s+${row![1]!}`), row![1]!), `row ${seq}`).toBe(LONG_COMMUNITY);
    }
    // 阿卜杜热合曼·买买提明 wraps beside it, in its own column.
    expect(wrappedCell(last, /^\s*3\s+沿江/, /^\s*3\s+\S+\s+(阿卜杜\S*)/m.exec(last)![1]!)).toBe(LONG_NAME);
  });
});
