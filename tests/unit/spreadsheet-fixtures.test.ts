// The spreadsheet fixtures (tests/fixtures/spreadsheets/) are what their README says: read with the same
// SheetJS build the importer uses, so that a regenerated fixture that lost its point (an ID turned into a
// number, a BOM gone, a merge dropped, a bad cell now good) fails here and not as a puzzling importer
// test. A small reference check of the template's rules finds exactly the bad cells expected.json lists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CFB, SSF, read, utils, type CellObject, type WorkSheet } from '@e965/xlsx';
import { checkCitizenId } from '../../shared/citizen-id';
import { chinaDateOf } from '../../shared/dates';
import { importFieldHeaders, importFields, standardHeaders, type ImportField } from '../../shared/import/fields';
import { fixtureIds, formulaId, futureBirthId, heldElsewhereId, numberCellId, wrongCheckId, type DataSet } from '../fixtures/spreadsheets/sources/ids';
import { freshDatabase } from '../helpers/db';
import { heldElsewhere, seedImportWorld } from '../helpers/import-world';
import { NOW } from '../helpers/minimal';

const dir = fileURLToPath(new URL('../fixtures/spreadsheets/', import.meta.url));
const bytes = (file: string): Buffer => readFileSync(join(dir, file));
const TODAY = chinaDateOf(NOW);

type Expected =
  | { file: string; rows: number; households: number; refused: { row: number; column: string; reason: string }[] }
  | { file: string; fileError: string };
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[];
const expectedOf = (file: string) => {
  const e = expected.find((x) => x.file === file);
  if (!e || !('rows' in e)) throw new Error(`expected.json has no rows for ${file}`);
  return e;
};

// ---- reading -------------------------------------------------------------------------------------------

/** A cell as the template's rules see it. */
type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; shown: string }
  | { kind: 'date'; iso: string }
  | { kind: 'formula'; value: string };

type Row = { row: number; cells: Cell[] };
type Table = { headers: string[]; rows: Row[] };

/** RFC 4180 CSV, enough for these files: quoted fields, "" inside quotes, LF or CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** A CSV's rows as cells; one leading apostrophe (Excel's text marker) is dropped, as the importer does. */
function csvTable(text: string): Table {
  const [headers = [], ...rest] = parseCsv(text);
  return {
    headers,
    rows: rest.map((r, i) => ({ row: i + 2, cells: r.map((v): Cell => (v === '' ? { kind: 'empty' } : { kind: 'text', text: v.replace(/^'/, '') })) })),
  };
}

function cellOf(c: CellObject | undefined): Cell {
  if (!c || c.v === undefined || c.v === '') return { kind: 'empty' };
  if (c.f) return { kind: 'formula', value: String(c.v) };
  if (c.t === 'n' && typeof c.v === 'number') {
    if (c.z !== undefined && SSF.is_date(c.z)) {
      const d = SSF.parse_date_code(c.v);
      return { kind: 'date', iso: `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}` };
    }
    return { kind: 'number', value: c.v, shown: c.w ?? String(c.v) };
  }
  return { kind: 'text', text: String(c.v) };
}

function workbook(file: string) {
  return read(bytes(file), { cellNF: true, cellFormula: true });
}

function firstSheet(file: string): WorkSheet {
  const wb = workbook(file);
  return wb.Sheets[wb.SheetNames[0]!]!;
}

const at = (sheet: WorkSheet, address: string): CellObject | undefined => sheet[address] as CellObject | undefined;

/** A sheet's rows from `headerRow` (1-based) on, as cells; header text of a merged-down cell is taken from above. */
function sheetTable(sheet: WorkSheet, headerRow = 1): Table {
  const range = utils.decode_range(sheet['!ref'] ?? 'A1:A1');
  const headerOf = (col: number): string => {
    for (let r = headerRow - 1; r >= 0; r--) {
      const c = at(sheet, utils.encode_cell({ r, c: col }));
      const merged = (sheet['!merges'] ?? []).some((m) => m.s.c === col && m.e.c === col && m.s.r <= r && m.e.r >= headerRow - 1);
      if (c && c.v !== undefined && c.v !== '') return String(c.v);
      if (!merged) return '';
    }
    return '';
  };
  const headers = Array.from({ length: range.e.c + 1 }, (_, c) => headerOf(c));
  const rows: Row[] = [];
  for (let r = headerRow; r <= range.e.r; r++) {
    rows.push({ row: r + 1, cells: headers.map((_, c) => cellOf(at(sheet, utils.encode_cell({ r, c })))) });
  }
  return { headers, rows };
}

// ---- the template's rules, for checking the fixtures ----------------------------------------------------

const userCommunities = ['430188001001', '430188001002'];
const relations = ['本人', '配偶', '子女', '父母', '兄弟姐妹', '祖父母', '孙子女', '其他'];
const categories = ['特困人员', '低保对象', '低保边缘家庭', '刚性支出困难家庭', '防止返贫监测对象', '其他困难人员', '临时救助'];
const kinds = ['新申请', '临时救助'];
const householdFields: ImportField[] = ['communityCode', 'category', 'kind', 'appliedOn', 'monthlyIncome', 'phone', 'address'];

const textOf = (c: Cell): string | null => (c.kind === 'text' ? c.text.trim() : null);
const validId = (c: Cell): string | null => {
  const t = textOf(c);
  if (t === null) return null;
  const check = checkCitizenId(t, TODAY);
  return check.ok ? check.id : null;
};

function isoDateOf(c: Cell): string | null {
  if (c.kind === 'date') return c.iso;
  const t = textOf(c);
  const m = t === null ? null : (/^(\d{4})-(\d{2})-(\d{2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function amountOk(c: Cell): boolean {
  if (c.kind === 'number') return c.value >= 0 && Math.abs(c.value * 100 - Math.round(c.value * 100)) < 1e-6;
  const t = textOf(c);
  return t !== null && /^\d+(\.\d{1,2})?$/.test(t);
}

/** A cell's value for comparing household-level columns between rows. */
const valueOf = (c: Cell): string => (c.kind === 'empty' ? '' : c.kind === 'text' ? c.text.trim() : c.kind === 'number' ? String(c.value) : c.kind === 'date' ? c.iso : `=${c.value}`);

/**
 * Every cell the template's rules refuse, as "row|header", and the number of person rows and households.
 * `columns` names each field's header in this file. Rows without an ID (blank, 合计, footnotes) are not persons.
 */
function check(table: Table, columns: Record<ImportField, string> = importFieldHeaders) {
  const index = Object.fromEntries(importFields.map((f) => [f, table.headers.indexOf(columns[f])])) as Record<ImportField, number>;
  for (const f of importFields) expect(index[f], `column ${columns[f]}`).toBeGreaterThanOrEqual(0);
  const people = table.rows.filter((r) => (r.cells[index.citizenId] ?? { kind: 'empty' }).kind !== 'empty' || (r.cells[index.name] ?? { kind: 'empty' }).kind === 'text');
  const refused = new Set<string>();
  const get = (r: Row, f: ImportField): Cell => r.cells[index[f]] ?? { kind: 'empty' };
  const refuse = (r: Row, f: ImportField) => refused.add(`${r.row}|${columns[f]}`);
  for (const r of people) {
    const community = textOf(get(r, 'communityCode'));
    if (community === null || !userCommunities.includes(community)) refuse(r, 'communityCode');
    if (validId(get(r, 'headCitizenId')) === null) refuse(r, 'headCitizenId');
    const id = validId(get(r, 'citizenId'));
    if (id === null || id === heldElsewhereId) refuse(r, 'citizenId');
    if (textOf(get(r, 'name')) === null) refuse(r, 'name');
    if (!relations.includes(textOf(get(r, 'relation')) ?? '')) refuse(r, 'relation');
    const category = textOf(get(r, 'category')) ?? '';
    const kind = textOf(get(r, 'kind')) ?? '';
    if (!categories.includes(category)) refuse(r, 'category');
    if (!kinds.includes(kind) || (categories.includes(category) && (kind === '临时救助') !== (category === '临时救助'))) refuse(r, 'kind');
    const applied = isoDateOf(get(r, 'appliedOn'));
    if (applied === null || applied > TODAY) refuse(r, 'appliedOn');
    if (!amountOk(get(r, 'monthlyIncome'))) refuse(r, 'monthlyIncome');
    const phone = get(r, 'phone');
    if (!/^[0-9-]{7,20}$/.test(phone.kind === 'number' ? String(phone.value) : (textOf(phone) ?? ''))) refuse(r, 'phone');
    const address = textOf(get(r, 'address')) ?? '';
    if (address === '' || address.length > 120) refuse(r, 'address');
  }
  const households = new Map<string, Row[]>();
  for (const r of people) households.set(valueOf(get(r, 'headCitizenId')), [...(households.get(valueOf(get(r, 'headCitizenId'))) ?? []), r]);
  for (const [head, rows] of households) {
    const [first] = rows;
    for (const r of rows.slice(1)) {
      for (const f of householdFields) if (valueOf(get(r, f)) !== valueOf(get(first!, f)) && !refused.has(`${r.row}|${columns[f]}`)) refuse(r, f);
    }
    const selves = rows.filter((r) => textOf(get(r, 'relation')) === '本人');
    const headRow = selves.find((r) => valueOf(get(r, 'citizenId')) === head);
    expect(headRow, `household ${head} has its 本人 row`).toBeDefined();
    for (const r of selves) if (r !== headRow) refuse(r, 'relation');
  }
  return { refused: [...refused].sort(), rows: people.length, households: households.size };
}

const refusedOf = (file: string) => expectedOf(file).refused.map((x) => `${x.row}|${x.column}`).sort();

/** The 18-character IDs a table holds in its two ID columns (text cells only). */
function idsIn(table: Table, columns: Record<ImportField, string> = importFieldHeaders): Set<string> {
  const cols = [table.headers.indexOf(columns.headCitizenId), table.headers.indexOf(columns.citizenId)];
  const out = new Set<string>();
  for (const r of table.rows) {
    for (const c of cols) {
      const cell = r.cells[c];
      const v = cell?.kind === 'text' ? cell.text : cell?.kind === 'formula' ? cell.value : null;
      if (v && /^\d{17}[\dX]$/.test(v)) out.add(v);
    }
  }
  return out;
}
const idsOf = (set: DataSet) => new Set(Object.values(fixtureIds[set]));

// ---- the fixtures --------------------------------------------------------------------------------------

describe('spreadsheet fixtures: the folder and expected.json', () => {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.') && !['README.md', 'make.sh', 'expected.json', 'sources'].includes(f));

  it('lists every fixture once, each small', () => {
    expect(expected.map((e) => e.file).sort()).toEqual([...files].sort());
    for (const f of files) expect(statSync(join(dir, f)).size, f).toBeLessThan(200 * 1024);
    for (const e of expected) {
      if ('fileError' in e) expect(e.fileError.length).toBeGreaterThan(0);
      else for (const r of e.refused) expect(r.reason.length, `${e.file} row ${r.row}`).toBeGreaterThan(0);
    }
  });

  it('gives every person in the fixtures an ID of their own, except the world’s 孙明辉 repeated in bad-rows.xlsx', () => {
    const seen = new Map<string, string>();
    for (const [set, ids] of Object.entries(fixtureIds)) {
      for (const id of Object.values(ids)) {
        expect(seen.get(id), `${id} in ${set}`).toBeUndefined();
        seen.set(id, set);
      }
    }
    expect(seen.get(heldElsewhereId)).toBe('world');
  });
});

describe('template.csv and its copies', () => {
  const text = bytes('template.csv').toString('utf8');
  const table = csvTable(text);

  it('is UTF-8 without a BOM, LF line ends, the standard headers and ten good rows in four households', () => {
    expect([...bytes('template.csv').subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes('template.csv'))).not.toThrow();
    expect(text).not.toContain('\r');
    expect(table.headers).toEqual(standardHeaders);
    expect(check(table)).toEqual({ refused: refusedOf('template.csv'), rows: 10, households: 4 });
    expect(refusedOf('template.csv')).toEqual([]);
  });

  it('covers both communities of 望江街道, a 临时救助 household, IDs ending in X and a head not on the first row', () => {
    const col = (h: string) => table.headers.indexOf(h);
    const values = (h: string) => table.rows.map((r) => textOf(r.cells[col(h)]!) ?? '');
    expect(new Set(values('社区代码'))).toEqual(new Set(userCommunities));
    expect(values('事项')).toContain('临时救助');
    expect(values('身份证号').filter((id) => id.endsWith('X')).length).toBeGreaterThanOrEqual(2);
    expect(values('户主身份证号').some((id) => id.endsWith('X'))).toBe(true);
    expect(idsIn(table)).toEqual(idsOf('template'));
    const zhao = table.rows.filter((r) => textOf(r.cells[col('户主身份证号')]!) === fixtureIds.template['赵志强']);
    expect(textOf(zhao[0]!.cells[col('与户主关系')]!)).not.toBe('本人');
  });

  it('template-bom.csv is the same bytes after a UTF-8 BOM', () => {
    const bom = bytes('template-bom.csv');
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.subarray(3).equals(bytes('template.csv'))).toBe(true);
  });

  it('template-gbk.csv is GB18030 (not UTF-8; 䶮 is not in GBK), CRLF, dates as 2026年11月5日, otherwise the same', () => {
    const raw = bytes('template-gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
    const decoded = new TextDecoder('gb18030', { fatal: true }).decode(raw);
    expect(decoded.split('\r\n').length).toBe(12); // header, ten rows, and the empty string after the last CRLF
    expect(decoded.replace(/\r\n/g, '')).not.toContain('\n');
    // 䶮 (U+4DAE) is FE 9F in GB18030 (since 2005); GBK (code page 936) has no character there.
    expect(decoded).toContain('刘䶮');
    expect(raw.includes(Buffer.from([0xc1, 0xf5, 0xfe, 0x9f]))).toBe(true);
    const gbk = csvTable(decoded);
    const dateCol = table.headers.indexOf('申请日期');
    expect(gbk.headers).toEqual(table.headers);
    gbk.rows.forEach((r, i) => {
      const original = table.rows[i]!.cells.map(valueOf);
      const date = textOf(r.cells[dateCol]!)!;
      expect(date).toMatch(/^2026年11月\d{1,2}日$/);
      expect(isoDateOf(r.cells[dateCol]!)).toBe(original[dateCol]);
      expect(r.cells.map(valueOf).filter((_, c) => c !== dateCol)).toEqual(original.filter((_, c) => c !== dateCol));
    });
    expect(check(gbk)).toEqual({ refused: [], rows: 10, households: 4 });
  });

  for (const file of ['template.xlsx', 'template.xls']) {
    it(`${file} holds the same rows with IDs, 社区代码 and 联系电话 as text and 申请日期 as date cells`, () => {
      const sheet = firstSheet(file);
      const xl = sheetTable(sheet);
      expect(xl.headers).toEqual(standardHeaders);
      expect(xl.rows.map((r) => r.cells.map(valueOf))).toEqual(table.rows.map((r) => r.cells.map((c, i) => (i === 8 ? String(Number(valueOf(c))) : valueOf(c)))));
      for (let r = 2; r <= 11; r++) {
        for (const col of ['A', 'B', 'D', 'J']) expect(at(sheet, `${col}${r}`)?.t, `${col}${r}`).toBe('s');
        for (const col of ['B', 'D']) expect(String(at(sheet, `${col}${r}`)?.v)).toHaveLength(18);
        expect(cellOf(at(sheet, `H${r}`)).kind, `H${r}`).toBe('date');
        expect(at(sheet, `I${r}`)?.t, `I${r}`).toBe('n');
      }
      expect(check(xl)).toEqual({ refused: [], rows: 10, households: 4 });
    });
  }

  it('template.xlsx is a zip and template.xls is BIFF8 (an OLE compound file with a Workbook stream)', () => {
    expect(bytes('template.xlsx').subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const xls = bytes('template.xls');
    expect([...xls.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const paths = (CFB.read(xls, { type: 'buffer' }) as { FullPaths: string[] }).FullPaths;
    expect(paths).toContain('Root Entry/Workbook');
    expect(paths).not.toContain('Root Entry/Book');
  });
});

describe('provincial.xlsx / provincial.xls', () => {
  // README: standard field → this file's header. Row 3 is the last header row.
  const mapping: Record<ImportField, string> = {
    communityCode: '所属社区代码',
    headCitizenId: '户主证件号码',
    name: '成员姓名',
    citizenId: '证件号码',
    relation: '与户主关系',
    category: '保障类别',
    kind: '业务类型',
    appliedOn: '申请时间',
    monthlyIncome: '家庭月收入（元）',
    phone: '联系方式',
    address: '家庭住址',
  };

  for (const file of ['provincial.xlsx', 'provincial.xls']) {
    it(`${file}: a merged title, a two-row header with groups, a blank row, 合计 and a footnote; nine good people`, () => {
      const sheet = firstSheet(file);
      const merges = (sheet['!merges'] ?? []).map((m) => utils.encode_range(m)).sort();
      expect(merges).toEqual(['A1:L1', 'A2:A3', 'B2:C2', 'D2:F2', 'G2:G3', 'H2:H3', 'I2:I3', 'J2:J3', 'K2:K3', 'L2:L3', 'A15:L15'].sort());
      expect(at(sheet, 'A1')?.v).toBe('望江街道社会救助申请人员花名册（2026年11月）');
      expect([at(sheet, 'B2')?.v, at(sheet, 'D2')?.v]).toEqual(['家庭信息', '成员信息']);
      const table = sheetTable(sheet, 3);
      expect(table.headers).toEqual(['序号', ...Object.values(mapping)]);
      expect(table.headers.filter((h) => standardHeaders.includes(h))).toEqual(['与户主关系', '家庭住址']);
      expect(table.rows.find((r) => r.row === 10)!.cells.every((c) => c.kind === 'empty')).toBe(true);
      expect(at(sheet, 'A14')?.v).toBe('合计');
      expect(at(sheet, 'D14')?.f).toMatch(/^COUNTA\(D4:D13\)$/);
      expect(at(sheet, 'E14')).toBeUndefined();
      expect(String(at(sheet, 'A15')?.v)).toMatch(/^制表人：/);
      for (const r of [4, 5, 6, 7, 8, 9, 11, 12, 13]) {
        expect(at(sheet, `C${r}`)?.t).toBe('s');
        expect(at(sheet, `E${r}`)?.t).toBe('s');
        expect(cellOf(at(sheet, `I${r}`)).kind).toBe('date');
      }
      expect(at(sheet, 'I4')?.w).toBe('2026年11月3日');
      expect(at(sheet, 'K4')?.t).toBe('n'); // a mobile number as a number cell
      expect(at(sheet, 'K8')?.t).toBe('s'); // a landline with its dash
      expect(idsIn(table, mapping)).toEqual(idsOf('provincial'));
      expect(check(table, mapping)).toEqual({ refused: refusedOf(file), rows: 9, households: 3 });
    });
  }
});

describe('bad-rows.xlsx', () => {
  const sheet = firstSheet('bad-rows.xlsx');
  const table = sheetTable(sheet);

  it('has the standard headers and one refused cell per bad row, exactly the cells expected.json lists', () => {
    expect(table.headers).toEqual(standardHeaders);
    const e = expectedOf('bad-rows.xlsx');
    expect(check(table)).toEqual({ refused: refusedOf('bad-rows.xlsx'), rows: e.rows, households: e.households });
    const rows = e.refused.map((r) => r.row);
    expect(new Set(rows).size).toBe(rows.length);
    expect(table.rows.length - rows.length).toBeGreaterThanOrEqual(3); // a few good rows
  });

  it('holds each bad cell as README describes', () => {
    expect(at(sheet, 'D3')?.v).toBe(wrongCheckId);
    expect(checkCitizenId(wrongCheckId)).toMatchObject({ ok: false, code: 'citizen-id-checksum' });
    expect(at(sheet, 'D4')?.v).toBe(heldElsewhereId);
    expect(at(sheet, 'D5')).toMatchObject({ t: 'n', w: '4.30188E+17' });
    expect(String(at(sheet, 'D5')?.v)).not.toBe(numberCellId);
    expect(at(sheet, 'D6')).toMatchObject({ t: 's', v: formulaId, f: `"${formulaId.slice(0, 14)}"&"${formulaId.slice(14)}"` });
    expect(checkCitizenId(formulaId).ok).toBe(true);
    expect(at(sheet, 'E8')?.v).toBe('侄子');
    expect(at(sheet, 'C9')).toBeUndefined();
    expect([at(sheet, 'E10')?.v, at(sheet, 'D10')?.v === at(sheet, 'B10')?.v]).toEqual(['本人', false]);
    expect(at(sheet, 'J11')?.v).not.toBe(at(sheet, 'J7')?.v);
    expect(at(sheet, 'D12')?.v).toBe(futureBirthId);
    expect(checkCitizenId(futureBirthId, TODAY)).toMatchObject({ ok: false, code: 'citizen-id-birth-date' });
    expect(checkCitizenId(futureBirthId).ok).toBe(true);
    expect(at(sheet, 'A13')?.v).toBe('430188002001');
    expect(at(sheet, 'F14')?.v).toBe('五保户');
    expect(at(sheet, 'G15')?.v).toBe('年审');
    expect(at(sheet, 'H16')).toMatchObject({ t: 's', v: '2026-13-45' });
    expect(cellOf(at(sheet, 'H17'))).toEqual({ kind: 'date', iso: '2026-12-25' });
    expect(at(sheet, 'I18')).toMatchObject({ t: 's', v: '一千' });
    expect(at(sheet, 'I19')).toMatchObject({ t: 'n', v: -5 });
    expect(at(sheet, 'I20')).toMatchObject({ t: 'n', v: 12.345 });
    expect(cellOf(at(sheet, 'H2')).kind).toBe('date');
    expect(at(sheet, 'H7')).toMatchObject({ t: 's', v: '2026-11-09' });
    const ids = idsIn(table);
    expect(ids).toContain(heldElsewhereId);
    const own = [...idsOf('badRows')].filter((id) => id !== numberCellId && id !== fixtureIds.badRows['周玉兰']);
    expect([...ids].filter((id) => id !== heldElsewhereId && id !== wrongCheckId).sort()).toEqual(own.sort());
  });
});

describe('apostrophe.csv', () => {
  it('writes every ID with a leading apostrophe; without it the rows are good', () => {
    const text = bytes('apostrophe.csv').toString('utf8');
    const rows = parseCsv(text).slice(1);
    expect(rows).toHaveLength(4);
    for (const r of rows) for (const c of [1, 3]) expect(r[c]).toMatch(/^'\d{17}[\dX]$/);
    for (const r of rows) expect(r[0]).toMatch(/^\d{12}$/);
    const table = csvTable(text);
    expect(idsIn(table)).toEqual(idsOf('apostrophe'));
    expect(check(table)).toEqual({ refused: refusedOf('apostrophe.csv'), rows: 4, households: 2 });
  });
});

describe('sci-ids.xlsx', () => {
  it('holds every ID as a number cell shown as 4.30188E+17, its last digits lost', () => {
    const sheet = firstSheet('sci-ids.xlsx');
    const source = parseCsv(readFileSync(join(dir, 'sources/sci-ids.csv'), 'utf8')).slice(1);
    expect(source).toHaveLength(4);
    source.forEach((r, i) => {
      for (const [col, src] of [['B', r[1]!], ['D', r[3]!]] as const) {
        const c = at(sheet, `${col}${i + 2}`);
        expect(c).toMatchObject({ t: 'n', w: '4.30188E+17' });
        expect(String(c?.v)).not.toBe(src);
        expect(Math.abs(Number(c?.v) - Number(src))).toBeLessThan(1000);
      }
      expect(at(sheet, `A${i + 2}`)?.t).toBe('s');
    });
    expect(new Set(source.flatMap((r) => [r[1]!, r[3]!]))).toEqual(idsOf('sciIds'));
    const e = expectedOf('sci-ids.xlsx');
    expect(check(sheetTable(sheet))).toEqual({ refused: refusedOf('sci-ids.xlsx'), rows: e.rows, households: e.households });
  });
});

describe('whole-file failures', () => {
  it('encrypted.xlsx is an ECMA-376 encrypted package (OLE: EncryptionInfo and EncryptedPackage)', () => {
    const raw = bytes('encrypted.xlsx');
    expect([...raw.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const paths = (CFB.read(raw, { type: 'buffer' }) as { FullPaths: string[] }).FullPaths;
    expect(paths).toEqual(expect.arrayContaining(['Root Entry/EncryptionInfo', 'Root Entry/EncryptedPackage']));
    expect(() => read(raw)).toThrow(/password/i);
  });

  it('corrupt.xlsx is the first half of template.xlsx and does not read', () => {
    const whole = bytes('template.xlsx');
    const half = bytes('corrupt.xlsx');
    expect(half.length).toBe(Math.floor(whole.length / 2));
    expect(whole.subarray(0, half.length).equals(half)).toBe(true);
    expect(() => read(half)).toThrow();
  });

  it('not-a-spreadsheet.xlsx is a PDF', () => {
    expect(bytes('not-a-spreadsheet.xlsx').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('empty.xlsx has one sheet with no cells; headers-only.xlsx the standard headers and nothing else', () => {
    const empty = workbook('empty.xlsx');
    expect(empty.SheetNames).toHaveLength(1);
    expect(empty.Sheets[empty.SheetNames[0]!]!['!ref']).toBeUndefined();
    const headersOnly = utils.sheet_to_json<unknown[]>(firstSheet('headers-only.xlsx'), { header: 1 });
    expect(headersOnly).toEqual([standardHeaders]);
  });
});

describe('the import world', () => {
  it('seeds both communities of 望江街道, 临江街道 and the household on file', async () => {
    const { handle, cleanup } = await freshDatabase();
    try {
      seedImportWorld(handle);
      const db = handle.sqlite;
      const communities = db.prepare("SELECT code, name FROM regions WHERE level = 'community' ORDER BY code").all();
      expect(communities).toEqual([
        { code: '430188001001', name: '江边社区' },
        { code: '430188001002', name: '江村' },
        { code: '430188002001', name: '临江社区' },
      ]);
      const member = db.prepare('SELECT m.name, m.relation, m.birth_date, h.household_no, h.community_code FROM members m JOIN households h ON h.id = m.household_id WHERE m.citizen_id = ?').get(heldElsewhereId);
      expect(member).toEqual({ name: heldElsewhere.name, relation: 'self', birth_date: '1975-06-01', household_no: '430188001001-0001', community_code: '430188001001' });
    } finally {
      await cleanup();
    }
  });
});
