// The overlap rule of dated standards (shared/standards.ts placeStandard) and the values' own rules.
import { describe, expect, it } from 'vitest';
import { defaultSettings, SettingsPatch } from '../../shared/settings';
import { SetStandardArgs, StandardValues, placeStandard, standardInForce, standardState, startsInThePast } from '../../shared/standards';

const rec = (id: string, effectiveFrom: string, effectiveTo: string | null) => ({ id, effectiveFrom, effectiveTo });
const { nameMasking: _local, ...values } = defaultSettings;

describe('placeStandard', () => {
  const jan = rec('jan', '2026-01-01', null);
  it('closes the open-ended record in force before the new one at the day before it starts', () => {
    expect(placeStandard([jan], '2026-07-01', null)).toEqual({ ok: true, closes: { record: jan, effectiveTo: '2026-06-30' } });
    // A record with an end that closes the open one would leave the days after it without a standard.
    expect(placeStandard([jan], '2026-03-01', '2026-03-31')).toMatchObject({ ok: false, clash: jan, message: expect.stringContaining('2026年4月1日起将没有执行的标准') });
    expect(placeStandard([], '2026-07-01', null)).toEqual({ ok: true, closes: null });
    // Days no record holds are free.
    expect(placeStandard([rec('a', '2026-01-01', '2026-06-30')], '2026-07-01', null)).toEqual({ ok: true, closes: null });
  });
  it('refuses the same start, a day inside a closed range, and a later record an open-ended one would cover', () => {
    expect(placeStandard([jan], '2026-01-01', null)).toMatchObject({ ok: false, clash: jan, message: '与 2026年1月1日起执行的标准重叠' });
    const closed = rec('closed', '2026-01-01', '2026-06-30');
    expect(placeStandard([closed], '2026-06-30', null)).toMatchObject({ ok: false, clash: closed });
    expect(placeStandard([closed], '2025-12-01', '2026-01-01')).toMatchObject({ ok: false, clash: closed });
    const later = rec('later', '2027-01-01', null);
    expect(placeStandard([later], '2026-07-01', null)).toMatchObject({ ok: false, clash: later, message: '与 2027年1月1日起执行的标准重叠' });
    expect(placeStandard([later], '2026-07-01', '2026-12-31')).toEqual({ ok: true, closes: null });
    // Only the open record is closed; the closed one before it is left as it was.
    const b = rec('b', '2026-07-01', null);
    expect(placeStandard([rec('a', '2026-01-01', '2026-06-30'), b], '2026-09-01', null)).toEqual({ ok: true, closes: { record: b, effectiveTo: '2026-08-31' } });
  });
});

describe('the values and dates of a record', () => {
  it('holds the values to the settings rules and takes every setting but name masking', () => {
    expect(StandardValues.safeParse(values).success).toBe(true);
    expect(StandardValues.safeParse(defaultSettings).success).toBe(false);
    const inverted = StandardValues.safeParse({ ...values, approvalMinFen: 3_000_000 });
    expect(inverted.success || inverted.error.issues[0]!.message).toBe('最低金额不能高于最高金额');
    const { dibaoStandardUrbanFen: _gone, ...missing } = values;
    expect(StandardValues.safeParse(missing).success).toBe(false);
  });
  it('refuses malformed dates and an end before the start', () => {
    const args = { districtCode: '430188', effectiveFrom: '2026-07-01', effectiveTo: null, values, basisNote: '' };
    expect(SetStandardArgs.safeParse(args).success).toBe(true);
    expect(SetStandardArgs.safeParse({ ...args, effectiveFrom: '2026-7-1' }).success).toBe(false);
    expect(SetStandardArgs.safeParse({ ...args, effectiveFrom: '2026-02-30' }).success).toBe(false);
    expect(SetStandardArgs.safeParse({ ...args, districtCode: '430188001' }).success).toBe(false);
    const backwards = SetStandardArgs.safeParse({ ...args, effectiveTo: '2026-06-30' });
    expect(backwards.success || backwards.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['effectiveTo', '停止执行日期不能早于开始执行日期']]);
  });
  it('says which record is in force, and refuses a start before today', () => {
    const rs = [rec('a', '2026-01-01', '2026-06-30'), rec('b', '2026-07-01', null)];
    expect(standardInForce(rs, '2026-06-30')?.id).toBe('a');
    expect(standardInForce(rs, '2026-07-01')?.id).toBe('b');
    expect(standardInForce(rs, '2025-12-31')).toBeNull();
    expect([standardState(rs[0]!, '2026-07-01'), standardState(rs[1]!, '2026-07-01'), standardState(rs[1]!, '2026-06-30')]).toEqual(['expired', 'current', 'future']);
    expect(startsInThePast('2026-11-20', '2026-11-20')).toBeNull();
    expect(startsInThePast('2026-11-19', '2026-11-20')).toMatch(/不能早于今天（2026年11月20日）.*不能追溯/);
  });
  it('leaves only name masking to a local update', () => {
    expect(SettingsPatch.safeParse({ nameMasking: 'full' }).success).toBe(true);
    const refused = SettingsPatch.safeParse({ dibaoStandardUrbanFen: 90_000 });
    expect(refused.success || refused.error.issues[0]!.message).toBe('保障标准由区民政局科长统一设定，不能在本机修改');
  });
});
