import { describe, expect, it } from 'vitest';
import { looksLikeCitizenId, looksLikeMobile, normaliseCaseSearch } from '../../shared/case-search';

describe('normaliseCaseSearch', () => {
  it('folds full-width digits, letters and hyphens, and drops every kind of space', () => {
    expect(normaliseCaseSearch('\u3000４３０１８８００１－２０２６１１－００３ ')).toBe('430188001-202611-003');
    expect(normaliseCaseSearch('43018819800101123ｘ')).toBe('43018819800101123X');
    expect(normaliseCaseSearch(' 张 伟\t')).toBe('张伟');
  });

  it('keeps a minority name’s middle dot', () => {
    expect(normaliseCaseSearch('买买提·艾力')).toBe('买买提·艾力');
  });

  it('tells whole ID and mobile numbers from parts of them', () => {
    expect(looksLikeCitizenId('43018819800101123X')).toBe(true);
    expect(looksLikeCitizenId('4301881980010112')).toBe(false);
    expect(looksLikeMobile('13800138000')).toBe(true);
    expect(looksLikeMobile('1380013800')).toBe(false);
  });
});
