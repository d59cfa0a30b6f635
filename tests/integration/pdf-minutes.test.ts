// The minutes (纪要) of a closed meeting, rendered with the bundled fonts and read back with poppler:
// the red mark and issue number, every decided item with its decision and votes, the attendance lines,
// the summary table, embedded fonts, and byte-identical output for the same record.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderPdf, type RenderedPdf } from '../../electron/backend/pdf/render';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { minutesDocument } from '../../templates/minutes';
import { minutesData, minutesMeeting } from '../fixtures/minutes-meeting';
import { pdfFonts, pdfPages, pdfText } from '../helpers/pdf';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };
let dir: string;
let file: string;
let pdf: RenderedPdf;
/** poppler drops the spaces between CJK glyphs and breaks lines anywhere: compare without whitespace. */
let flat: string;
/** The same without the page numbers, which poppler puts wherever a paragraph runs over a page. */
let body: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jrd-minutes-'));
  file = join(dir, 'minutes.pdf');
  pdf = await renderPdf(minutesDocument(minutesData), fonts);
  writeFileSync(file, pdf.buffer);
  flat = pdfText(file).replace(/\s+/g, '');
  body = flat.replace(/—\d+—/g, '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text between a label and the next one, e.g. the names of the 出席 line. */
function between(start: string, end: string): string {
  const from = body.indexOf(start);
  expect(from, start).toBeGreaterThanOrEqual(0);
  const to = body.indexOf(end, from + start.length);
  expect(to, end).toBeGreaterThan(from);
  return body.slice(from + start.length, to);
}

// What each decided item must say, written out independently of the template's phrasing helpers.
const expected: { head: string; decision: string; votes: [number, number, number] }[] = [
  { head: '王建国', decision: '同意，月保障金额680.00元。', votes: [7, 0, 0] },
  { head: '李秀英', decision: '同意，月保障金额1,150.00元。', votes: [7, 0, 0] },
  { head: '陈小兰', decision: '不同意。理由：收入减少情况未能核实，维持原救助金额。', votes: [5, 1, 1] },
  { head: '赵德明', decision: '不同意。理由：家庭成员名下有机动车辆（非残疾人代步车），不符合条件。', votes: [7, 0, 0] },
  { head: '孙桂芝', decision: '同意，月保障金额720.00元。', votes: [6, 0, 0] },
  { head: '周红梅', decision: '同意，救助金额1,500.00元。', votes: [7, 0, 0] },
  { head: '吴永福', decision: '暂缓。理由：赡养义务人经济状况需进一步核实', votes: [7, 0, 0] },
  { head: '阿卜杜热合曼·买买提明', decision: '同意，月保障金额960.00元。', votes: [7, 0, 0] },
  { head: '黄秀珍', decision: '同意，调整后月保障金额520.00元。', votes: [6, 0, 1] },
  { head: '刘志强', decision: '同意，渐退期6个月，渐退期月保障金额600.00元。', votes: [7, 0, 0] },
  { head: '郭淑芬', decision: '同意停保。', votes: [7, 0, 0] },
  { head: '马玉兰', decision: '暂缓。理由：需补充提供医疗费用票据', votes: [7, 0, 0] },
];

describe('meeting minutes PDF (纪要)', () => {
  it('carries the red mark, the issue number, the issuer and the date', () => {
    expect(body).toContain('望江街道社会救助联审联批领导小组会议纪要');
    expect(body).toContain('〔2026〕第11期');
    expect(body).toContain('望江街道社会救助联审联批领导小组办公室2026年11月20日');
  });

  it('opens with when, where, who chaired, the quorum and how many items were decided', () => {
    expect(body).toContain('2026年11月20日上午9时05分，望江街道在街道办事处三楼第一会议室召开2026年第11次社会救助联审联批领导小组会议。');
    expect(body).toContain('会议由街道办事处主任周建华主持，张敏记录。');
    expect(body).toContain('应到领导小组成员8人，实到7人（请假1人），符合超过半数成员出席的规定，会议有效。');
    expect(body).toContain('另有2人列席会议。');
    expect(body).toContain('议定事项12项（另有1项移出议程，未作审议）');
  });

  it('records every decided item in agenda order with its decision and votes, and skips the removed one', () => {
    expect(minutesMeeting.items.filter((i) => !i.removed)).toHaveLength(expected.length);
    const numbers = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
    let at = 0;
    expected.forEach((e, i) => {
      const heading = body.indexOf(`${numbers[i]}、关于`, at);
      expect(heading, `item ${i + 1}`).toBeGreaterThanOrEqual(at);
      const next = i + 1 < expected.length ? body.indexOf(`${numbers[i + 1]}、关于`, heading) : body.indexOf('议定事项汇总表');
      const block = body.slice(heading, next);
      expect(block).toContain(`${e.head}户`);
      expect(block).toContain(`会议决定：${e.decision}`);
      expect(block).toContain(`表决结果：赞成${e.votes[0]}票，反对${e.votes[1]}票，弃权${e.votes[2]}票。`);
      at = heading + 1;
    });
    expect(body).not.toContain('钱玉珍');
  });

  it('states the findings a member must have in view: prepaid aid, close relative, complaint, recusal', () => {
    expect(body).toContain('先行救助：已于2026年11月6日先行发放1,500.00元，本次会议事后补审。');
    expect(body).toContain('近亲属备案：家庭成员与社区党委书记代表孙明系近亲属（兄弟姐妹），依规重点审议。');
    expect(body).toContain('投诉举报：12349热线反映该户子女有稳定工作，已一并核查。');
    expect(body).toContain('回避：孙明（社区党委书记代表），与申请人家庭成员系近亲属，依规回避，已离席。');
    // The long home-visit note wraps inside the type area and is printed whole.
    expect(body).toContain('已查看病历、医疗费用票据及租房合同，并拍照留存。');
    expect(body).toContain('现月保障金额1,200.00元，拟调整为1,680.00元。');
  });

  it('prints the 出席, 请假 and 列席 lines with the right people, and no 缺席 line', () => {
    const present = between('出席：', '请假：');
    for (const name of ['周建华', '刘晓红', '陈志刚', '王丽', '孙明', '李卫东', '何静']) expect(present).toContain(name);
    for (const name of ['赵国庆', '张敏', '吴海燕', '郑立新']) expect(present).not.toContain(name);
    expect(present).toContain('周建华（街道办事处主任）');
    expect(between('请假：', '列席：')).toBe('赵国庆（财政所所长，参加区里专题培训）');
    expect(between('列席：', '记录人：')).toBe('吴海燕（区民政局社会救助科干部）、郑立新（江滨社区党委书记）');
    expect(between('记录人：', '2026年11月20日')).toBe('张敏');
    expect(body).not.toContain('缺席：');
  });

  it('ends with a summary table whose header repeats, and the totals', () => {
    const table = body.slice(body.indexOf('议定事项汇总表'));
    for (const h of ['序号', '社区', '户主', '人数', '事项', '决定', '金额（元）', '表决']) expect(table).toContain(h);
    expect(table).toContain('阿卜杜热合曼·买买提明');
    expect(table).toContain('停发');
    // The votes header (表决 over 赞成-反对-弃权) is on every page the table runs over.
    const headerPages = table.match(/赞成-反对-弃权/g)?.length ?? 0;
    expect(headerPages).toBeGreaterThanOrEqual(1);
    expect(table.match(/序号社区户主人数事项决定金额（元）表决/g)?.length).toBe(headerPages);
    expect(table).toContain('合计：议定事项12项，其中同意8项、不同意2项、暂缓2项；同意事项月保障金额合计4,630.00元，临时救助金额合计1,500.00元（一次性发放）。');
  });

  it('numbers its pages "— n —" and runs over several pages', () => {
    const pages = pdfPages(file);
    expect(pages).toBe(pdf.pages);
    expect(pages).toBeGreaterThan(2);
    expect(pages).toBeLessThan(15);
    for (let p = 1; p <= pages; p++) expect(flat).toContain(`—${p}—`);
  });

  it('embeds the three role fonts as subsets with Unicode maps', () => {
    const rows = pdfFonts(file);
    expect(rows).toHaveLength(3);
    for (const f of rows) {
      expect(f, f.name).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(f.type).not.toMatch(/Type 3/);
    }
  });

  it('renders the same record to the same bytes, whatever the clock says', async () => {
    const again = await renderPdf(minutesDocument(minutesData), fonts);
    expect(again.sha256).toBe(pdf.sha256);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-05-04T12:00:00Z'));
      const later = await renderPdf(minutesDocument(minutesData), fonts);
      expect(later.sha256).toBe(pdf.sha256);
    } finally {
      vi.useRealTimers();
    }
    const info = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+2026-11-20T03:12:40Z/);
    expect(info).toMatch(/ModDate:\s+2026-11-20T03:12:40Z/);
  });

  it('refuses to make minutes while an item still has no decision', () => {
    const open = { ...minutesMeeting, items: minutesMeeting.items.map((i, k) => (k === 0 ? { ...i, decision: null } : i)) };
    expect(() => minutesDocument({ ...minutesData, meeting: open })).toThrow(/decision/);
  });
});

describe('a decision that corrects an earlier meeting’s (issue 17)', () => {
  it('says so under its decision; minutes without one print no such sentence', async () => {
    expect(body).not.toContain('本决定更正了');
    const items = minutesMeeting.items.map((i) =>
      i.case.headName === '郭淑芬' && i.decision ? { ...i, decision: { ...i.decision, supersedes: { decisionId: 'dec-earlier', meetingId: 'm-earlier', label: '2026年10月第1期会议的决定（同意）' } } } : i,
    );
    const corrected = await renderPdf(minutesDocument({ ...minutesData, meeting: { ...minutesMeeting, items } }), fonts);
    const path = join(dir, 'corrected.pdf');
    writeFileSync(path, corrected.buffer);
    const text = pdfText(path).replace(/\s+/g, '').replace(/—\d+—/g, '');
    expect(text).toContain('同意停保。');
    expect(text).toContain('本决定更正了2026年10月第1期会议的决定（同意）。');
    expect(text.indexOf('本决定更正了')).toBeGreaterThan(text.indexOf('郭淑芬'));
    expect(text.indexOf('本决定更正了')).toBeLessThan(text.indexOf('马玉兰'));
  });
});
