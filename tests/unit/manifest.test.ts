// The manifest format of DESIGN.md §6: built sorted and hashed; published text refused on any deviation.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildManifest, compareCodePoints, manifestEntries, parseManifest } from '../../shared/sampling/manifest';
import type { AppError } from '../../shared/result';

const text = '430188001,approved,A-1,0\n430188001,approved,A-2,1\n430188001,rejected,A-3,0\n430188002,approved,B-1,0\n';

function refusal(input: string): { code: string; message: string; line: number } {
  try {
    parseManifest(input);
  } catch (error) {
    const e = error as AppError;
    return { code: e.code, message: e.message, line: (e.details as { line: number }).line };
  }
  throw new Error('accepted');
}

describe('manifest', () => {
  it('builds sorted lines whatever the input order, and hashes the UTF-8 text', () => {
    const entries = manifestEntries(parseManifest(text));
    const built = buildManifest([...entries].reverse());
    expect(built.text).toBe(text);
    expect(built.sha256).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(built.cases).toBe(4);
    expect(built.strata.map((s) => [s.street, s.outcome, s.caseNos, Array.from(s.mandatory)])).toEqual([
      ['430188001', 'approved', ['A-1', 'A-2'], [0, 1]],
      ['430188001', 'rejected', ['A-3'], [0]],
      ['430188002', 'approved', ['B-1'], [0]],
    ]);
  });

  it('accepts the empty frame', () => {
    expect(parseManifest('')).toMatchObject({ cases: 0, strata: [], sha256: createHash('sha256').update('').digest('hex') });
  });

  it('sorts by code point, not by UTF-16 unit, for case numbers beyond the BMP', () => {
    // U+FF5E (～) is above the surrogates in UTF-16 but below U+20000 (𠀀) as a code point.
    expect(compareCodePoints('～', '𠀀')).toBeLessThan(0);
    expect('～' < '𠀀').toBe(false);
    const built = buildManifest([
      { street: '430188001', outcome: 'approved', caseNo: '𠀀-1', mandatory: false },
      { street: '430188001', outcome: 'approved', caseNo: '～-1', mandatory: false },
    ]);
    expect(built.text).toBe('430188001,approved,～-1,0\n430188001,approved,𠀀-1,0\n');
    expect(refusal('430188001,approved,𠀀-1,0\n430188001,approved,～-1,0\n').line).toBe(2);
  });

  it('refuses, naming the line, every way a published manifest can break the format', () => {
    const cases: [string, number, RegExp][] = [
      ['street_code,outcome,case_no,mandatory\n' + text, 1, /表头/],
      [text.slice(0, -1), 0, /没有以换行符结束/],
      [text.replace(/\n/g, '\r\n'), 1, /回车符/],
      [`\ufeff${text}`, 1, /BOM/],
      ['43018800,approved,A-1,0\n', 1, /不是 9 位数字/],
      ['430188001,approve,A-1,0\n', 1, /approved 或 rejected/],
      ['430188001,approved,A 1,0\n', 1, /案件编号/],
      ['430188001,approved,A-1,2\n', 1, /0 或 1/],
      ['430188001,approved,A-1\n', 1, /4 个字段/],
      ['430188001,approved,A-1,0,x\n', 1, /4 个字段/],
      ['430188001,approved,A-2,0\n430188001,approved,A-1,0\n', 2, /升序/],
      ['430188001,approved,A-1,0\n430188001,approved,A-1,0\n', 2, /升序|重复/],
      ['430188001,approved,A-1,0\n430188001,rejected,A-1,0\n', 2, /已出现/],
      ['430188001,approved,A-1,0\n\n430188001,approved,A-2,0\n', 2, /4 个字段/],
    ];
    for (const [input, line, message] of cases) {
      const r = refusal(input);
      expect(r.code, input).toBe('manifest-invalid');
      expect(r.line, input).toBe(line);
      expect(r.message, input).toMatch(message);
    }
  });

  it('refuses to build a frame with a case twice or a bad field', () => {
    expect(() => buildManifest([
      { street: '430188001', outcome: 'approved', caseNo: 'A-1', mandatory: false },
      { street: '430188002', outcome: 'rejected', caseNo: 'A-1', mandatory: false },
    ])).toThrow(/出现了两次/);
    expect(() => buildManifest([{ street: '430188001', outcome: 'approved', caseNo: 'A,1', mandatory: false }])).toThrow(/案件编号/);
  });
});
