import { describe, expect, it } from 'vitest';
import { checkCitizenId, citizenIdCheckChar, normaliseCitizenId, upgradeCitizenId15 } from '../../shared/citizen-id';

describe('GB 11643 citizen ID', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['530102192005080116', false],
    ['53010219200508011X', true],
    ['110105194912310021', false],
  ])('%s valid=%s', (id, valid) => {
    expect(checkCitizenId(id).ok).toBe(valid);
  });

  it('normalises a lower-case x and reads birth date and gender', () => {
    const r = checkCitizenId(' 11010519491231002x ');
    expect(r).toEqual({ ok: true, id: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', addressCode: '110105' });
  });

  it('computes the check character with the GB 11643 weights', () => {
    expect(citizenIdCheckChar('11010519491231002')).toBe('X');
    expect(citizenIdCheckChar('43010219900307123')).toBe('4');
    expect(() => citizenIdCheckChar('1234')).toThrow();
  });

  it.each([
    ['1101051949123100', 'citizen-id-length'],
    ['1101051949123100A2', 'citizen-id-characters'],
    ['110105194902300023', 'citizen-id-birth-date'],
    ['110105194913310021', 'citizen-id-birth-date'],
    ['110105194912310021', 'citizen-id-checksum'],
  ])('%s is refused with %s', (id, code) => {
    const r = checkCitizenId(id);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/公民身份号码/);
    }
  });

  it('refuses a birth date after today', () => {
    const id = `43010220300101001`;
    expect(checkCitizenId(id + citizenIdCheckChar(id), '2026-11-23').ok).toBe(false);
  });

  it('accepts 29 February only in leap years', () => {
    const leap = '43010220000229001';
    const common = '43010219990229001';
    expect(checkCitizenId(leap + citizenIdCheckChar(leap)).ok).toBe(true);
    expect(checkCitizenId(common + citizenIdCheckChar(common)).ok).toBe(false);
  });

  it('upgrades a 15-digit ID by inserting 19 and the check character', () => {
    expect(upgradeCitizenId15('110105491231002')).toBe('11010519491231002X');
    expect(normaliseCitizenId('110105491231002')).toMatchObject({ ok: true, id: '11010519491231002X' });
    expect(() => upgradeCitizenId15('11010549123100')).toThrow();
  });
});
