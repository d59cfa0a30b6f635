// The cell rules of an import, one field at a time: what is read, and the reason for what is not.
import { describe, expect, it } from 'vitest';
import { citizenIdCheckChar, upgradeCitizenId15 } from '../../shared/citizen-id';
import { findLayout } from '../../shared/import/layout';
import { standardColumns, standardHeaders } from '../../shared/import/fields';
import type { SheetCell, SheetGrid } from '../../shared/import/sheet';
import { categoryOf, citizenIdOf, dateOf, kindOf, relationOf, textOf, yuanOf } from '../../shared/import/values';

const text = (t: string): SheetCell => ({ kind: 'text', text: t });
const num = (value: number, shown = String(value)): SheetCell => ({ kind: 'number', value, shown });
const TODAY = '2026-11-20';
const ID = '43018819700312001' + citizenIdCheckChar('43018819700312001');

describe('import cell rules', () => {
  it('reads IDs as text, drops one apostrophe, upgrades 15 digits, and refuses a number that lost digits', () => {
    expect(citizenIdOf(text(`'${ID}`), TODAY)).toEqual({ ok: true, value: ID });
    expect(citizenIdOf(text(` ${ID.slice(0, 17)}x `.replace('X', 'x')), TODAY).ok).toBe(ID.endsWith('X'));
    expect(citizenIdOf(num(430188700312001), TODAY)).toEqual({ ok: true, value: upgradeCitizenId15('430188700312001') });
    const lost = citizenIdOf(num(Number('430188197003120010'), '4.30188E+17'), TODAY);
    expect(lost.ok).toBe(false);
    if (!lost.ok) expect(lost.message).toMatch(/4\.30188E\+17.*丢失/);
    expect(citizenIdOf(text('4.30188E+17'), TODAY).ok).toBe(false);
    const checksum = citizenIdOf(text(ID.slice(0, 17) + (ID.endsWith('1') ? '2' : '1')), TODAY);
    expect(!checksum.ok && checksum.message).toContain('校验码');
  });

  it('refuses formulas and error values, and text that starts like a formula', () => {
    expect(textOf({ kind: 'formula', formula: 'A1&B1' })).toMatchObject({ ok: false, message: expect.stringContaining('公式') });
    expect(textOf({ kind: 'error', shown: '#N/A' })).toMatchObject({ ok: false, message: expect.stringContaining('#N/A') });
    expect(textOf(text('=HYPERLINK("x")')).ok).toBe(false);
  });

  it('reads dates in three spellings and a date cell, and refuses days that do not exist and bare numbers', () => {
    for (const d of ['2026-11-05', '2026/11/5', '2026.11.05', '2026年11月5日', '２０２６年１１月５日']) expect(dateOf(text(d))).toEqual({ ok: true, value: '2026-11-05' });
    expect(dateOf({ kind: 'date', iso: '2026-11-05' })).toEqual({ ok: true, value: '2026-11-05' });
    expect(dateOf(text('2026-02-30'))).toMatchObject({ ok: false, message: expect.stringContaining('没有这一天') });
    expect(dateOf(num(46331)).ok).toBe(false);
  });

  it('reads amounts to the fen without rounding, and refuses negatives, three decimals and words', () => {
    expect(yuanOf(num(1234.5))).toEqual({ ok: true, value: 123450 });
    expect(yuanOf(text('1,234.56元'))).toEqual({ ok: true, value: 123456 });
    expect(yuanOf(num(0.07))).toEqual({ ok: true, value: 7 });
    for (const bad of [num(-5), num(12.345), text('一千'), text('-5')]) expect(yuanOf(bad)).toMatchObject({ ok: false, message: expect.stringContaining('金额') });
  });

  it('maps the template words and the everyday ones, and lists the choices for anything else', () => {
    expect(relationOf(text('本人'))).toEqual({ ok: true, value: 'self' });
    expect(relationOf(text('妻子'))).toEqual({ ok: true, value: 'spouse' });
    expect(relationOf(text('外孙女'))).toEqual({ ok: true, value: 'grandchild' });
    expect(relationOf(text('侄子'))).toMatchObject({ ok: false, message: expect.stringContaining('本人、配偶') });
    expect(categoryOf(text('低保'))).toEqual({ ok: true, value: 'dibao' });
    expect(categoryOf(text('五保户')).ok).toBe(false);
    expect(kindOf(text('变更(增发)'))).toEqual({ ok: true, value: 'increase' });
  });

  it('finds the header row under a title, with full-width and half-width brackets alike', () => {
    const headers = standardHeaders.map((h) => h.replace('（元）', '(元)'));
    const grid: SheetGrid = { name: 's', merges: [{ s: { r: 0, c: 0 }, e: { r: 0, c: 10 } }], rows: [{ row: 1, cells: [text('花名册')] }, { row: 2, cells: headers.map(text) }, { row: 3, cells: [text('x')] }] };
    const layout = findLayout(grid, standardColumns)!;
    expect(layout).toMatchObject({ headerRow: 2, firstDataIndex: 2, unmapped: [] });
    expect(layout.columnOf.monthlyIncome).toBe(8);
  });
});
