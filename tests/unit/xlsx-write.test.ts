// The one .xlsx writer, read back with the same library: typed cells, the Text format, the frozen
// header row, column widths, and the same bytes for the same data.
import { createHash } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { DATE_FORMAT, excelDateSerial, FROZEN_SHEET_VIEW, writeWorkbook, YUAN_FORMAT, type Sheet } from '../../electron/backend/spreadsheet/xlsx-write';

const sheet: Sheet = {
  name: '个案',
  columns: [
    { header: '身份证号', width: 21, kind: 'text' },
    { header: '金额（元）', width: 12, kind: 'yuan' },
    { header: '日期', width: 12, kind: 'date' },
    { header: '人数', width: 6, kind: 'integer' },
  ],
  rows: [
    ['43018819700101100X', 123456, '2026-11-05', 3],
    ['=HYPERLINK("http://example.com","点我")', 5, null, null],
    ['001234', 0, '2000-02-29', 0],
  ],
};

const sheetXml = (bytes: Buffer, k = 1) => {
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  return Buffer.from((XLSX.CFB.find(zip, `/xl/worksheets/sheet${k}.xml`) as { content: Uint8Array }).content).toString('utf8');
};

describe('writeWorkbook', () => {
  it('writes IDs and codes as text, amounts as 元 with two decimals, dates as dates, counts as numbers', () => {
    const wb = XLSX.read(writeWorkbook([sheet], '测试'), { type: 'buffer', cellNF: true, cellDates: true });
    const ws = wb.Sheets['个案']!;
    expect(XLSX.utils.sheet_to_json(ws, { header: 1 })[0]).toEqual(['身份证号', '金额（元）', '日期', '人数']);
    expect(ws.A2).toMatchObject({ t: 's', v: '43018819700101100X', z: '@' });
    expect(ws.A4).toMatchObject({ t: 's', v: '001234' });
    expect(ws.B2).toMatchObject({ t: 'n', v: 1234.56, z: YUAN_FORMAT, w: '1234.56' });
    expect(ws.B4).toMatchObject({ t: 'n', v: 0, w: '0.00' });
    expect(ws.C2).toMatchObject({ t: 'd', z: DATE_FORMAT, w: '2026-11-05' });
    expect((ws.C2!.v as Date).toISOString()).toBe('2026-11-05T00:00:00.000Z');
    expect(ws.D2).toMatchObject({ t: 'n', v: 3 });
    expect(ws.C3).toBeUndefined();
    const cols = XLSX.read(writeWorkbook([sheet], '测试'), { type: 'buffer', cellStyles: true }).Sheets['个案']!['!cols']!;
    expect(cols.map((c) => c.wch)).toEqual([21, 12, 12, 6]);
  });

  it('never writes a formula: a text starting with = stays the text', () => {
    const bytes = writeWorkbook([sheet], '测试');
    expect(sheetXml(bytes)).not.toContain('<f>');
    const ws = XLSX.read(bytes, { type: 'buffer', cellFormula: true }).Sheets['个案']!;
    expect(ws.A3).toMatchObject({ t: 's', v: '=HYPERLINK("http://example.com","点我")' });
    expect(ws.A3!.f).toBeUndefined();
  });

  it('freezes the header row of every sheet and formats text columns as Text', () => {
    const bytes = writeWorkbook([sheet, { ...sheet, name: '第二张' }], '测试');
    for (const k of [1, 2]) {
      const xml = sheetXml(bytes, k);
      expect(xml).toContain(FROZEN_SHEET_VIEW);
      expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
      expect(xml).toMatch(/<col min="1" max="1" style="\d+" /);
      expect(xml).not.toMatch(/<col min="2" max="2" style=/);
    }
  });

  it('gives the same bytes for the same data', () => {
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(hash(writeWorkbook([sheet], '测试'))).toBe(hash(writeWorkbook([sheet], '测试')));
  });

  it('refuses a cell its column cannot hold, a malformed row and a bad sheet name', () => {
    const bad = (rows: Sheet['rows'], name = '个案') => () => writeWorkbook([{ ...sheet, name, rows }], '测试');
    expect(bad([['x', 12.5, null, null]])).toThrow(/金额/);
    expect(bad([['x', null, '2026-02-30', null]])).toThrow(/ISO date/);
    expect(bad([['x', null, null, 1.5]])).toThrow(/人数/);
    expect(bad([['x']])).toThrow(/1 cells for 4 columns/);
    expect(bad([], '个案/2026')).toThrow(/sheet name/);
  });

  it('counts dates as Excel does', () => {
    expect(excelDateSerial('1900-03-01')).toBe(61);
    expect(excelDateSerial('2026-11-05')).toBe(46331);
  });
});
