import { describe, expect, it } from 'vitest';
import { maskCitizenId, maskName, maskPhone, surnameOf } from '../../shared/masking';
import { isWithin, parseDivisionCode, streetOfCommunity } from '../../shared/division-code';

describe('name masking', () => {
  it.each([
    ['张三丰', 'full', '张三丰'],
    ['张三丰', 'middle', '张*丰'],
    ['张三丰', 'surname', '张*'],
    ['张三', 'middle', '张*'],
    ['欧阳明月', 'middle', '欧阳*月'],
    ['欧阳娜', 'surname', '欧阳*'],
    ['李𬌗', 'middle', '李*'],
    ['阿卜杜·热合曼', 'middle', '阿*曼'],
  ] as const)('%s (%s) → %s', (name, mode, masked) => expect(maskName(name, mode)).toBe(masked));

  it('treats a two-character name starting with a compound surname as one surname + one name', () => {
    expect(surnameOf('欧阳')).toBe('欧');
  });

  it('masks IDs and phones', () => {
    expect(maskCitizenId('11010519491231002X')).toBe('11*************02X');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
  });
});

describe('division codes', () => {
  it('parses the three levels', () => {
    expect(parseDivisionCode('430188')).toMatchObject({ ok: true, value: { level: 'district', provinceName: '湖南省' } });
    expect(parseDivisionCode('430188003')).toMatchObject({ ok: true, value: { level: 'street', townshipKind: 'subdistrict', streetCode: '430188003' } });
    expect(parseDivisionCode('430188101')).toMatchObject({ ok: true, value: { level: 'street', townshipKind: 'town' } });
    expect(parseDivisionCode('430188003012')).toMatchObject({ ok: true, value: { level: 'community', committeeKind: 'residents', streetCode: '430188003' } });
    expect(parseDivisionCode('430188101203')).toMatchObject({ ok: true, value: { level: 'community', committeeKind: 'villagers' } });
  });

  it('reads zero-padded 12-digit codes as the level they stand for', () => {
    expect(parseDivisionCode('430188000000')).toMatchObject({ ok: true, value: { level: 'district', code: '430188' } });
    expect(parseDivisionCode('430188003000')).toMatchObject({ ok: true, value: { level: 'street', code: '430188003' } });
  });

  it.each([
    ['43018', 'division-code-format'],
    ['43a188', 'division-code-format'],
    ['990188', 'division-code-province'],
    ['430000', 'division-code-county'],
    ['430188300', 'division-code-street'],
    ['430188003400', 'division-code-community'],
  ])('%s is refused with %s', (code, err) => {
    const r = parseDivisionCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(err);
  });

  it('finds the street of a community and jurisdiction membership', () => {
    expect(streetOfCommunity('430188003012')).toBe('430188003');
    expect(() => streetOfCommunity('430188003')).toThrow();
    expect(isWithin('430188003012', '430188')).toBe(true);
    expect(isWithin('430188003012', '430188004')).toBe(false);
  });
});
