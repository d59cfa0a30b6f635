import { describe, expect, it } from 'vitest';
import { formatYuan, formatYuanWithUnit, parseYuan } from '../../shared/money';
import { addDays, addMonths, ageOn, chinaDateOf, chineseNumber, daysBetween, formatChineseDate, formatChineseDateUpper, formatChineseMonth, lastDayOfMonth } from '../../shared/dates';

describe('money in fen', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [123456, '1,234.56'],
    [100000000, '1,000,000.00'],
    [-250, '-2.50'],
  ])('%i fen → %s', (fen, text) => expect(formatYuan(fen)).toBe(text));

  it('adds the unit', () => expect(formatYuanWithUnit(123450)).toBe('1,234.50 元'));

  it('refuses fractional fen', () => expect(() => formatYuan(1.5)).toThrow());

  it.each([
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['１２３４', 123400],
    ['800元', 80000],
    [' 0.07 ', 7],
    ['0.1', 10],
  ])('parses %s', (input, fen) => expect(parseYuan(input)).toEqual({ ok: true, fen }));

  it.each([
    ['', 'money-empty'],
    ['abc', 'money-format'],
    ['-5', 'money-format'],
    ['1.234', 'money-format'],
    ['99999999999999', 'money-too-large'],
  ])('refuses %s with %s', (input, code) => {
    const r = parseYuan(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });
});

describe('Chinese dates', () => {
  it('formats without leading zeros', () => {
    expect(formatChineseDate('2026-11-02')).toBe('2026年11月2日');
    expect(formatChineseDate('2026-01-09T23:00:00Z')).toBe('2026年1月9日');
    expect(formatChineseMonth('2026-03')).toBe('2026年3月');
  });
  it('formats upper-case numerals', () => {
    expect(formatChineseDateUpper('2026-11-22')).toBe('二〇二六年十一月二十二日');
    expect(formatChineseDateUpper('2030-10-10')).toBe('二〇三〇年十月十日');
    expect(chineseNumber(21)).toBe('二十一');
  });
  it('does calendar arithmetic on the date itself', () => {
    expect(addDays('2026-02-25', 6)).toBe('2026-03-03');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-11-22', '2026-11-28')).toBe(6);
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(ageOn('1950-11-23', '2026-11-22')).toBe(75);
    expect(ageOn('1950-11-22', '2026-11-22')).toBe(76);
  });
  it('takes the day in China Standard Time', () => {
    expect(chinaDateOf('2026-11-22T16:30:00Z')).toBe('2026-11-23');
    expect(chinaDateOf('2026-11-22T15:59:59Z')).toBe('2026-11-22');
  });
});
