// The spot-check sampler (shared/sampling): the design's test vectors, its hash and ticket arithmetic
// against Node's crypto and BigInt, and the properties the issue names, with fast-check.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildManifest, manifestEntries, type ManifestEntry } from '../../shared/sampling/manifest';
import { drawSample, rankStrata, sampleExtension, stratumSize, ticketOrder } from '../../shared/sampling/sampler';
import { H, Sha256WithPrefix, utf8, wordsToHex } from '../../shared/sampling/sha256';
import { ticketKey, ticketOf, uniform } from '../../shared/sampling/uniform';
import { verifySample } from '../../shared/sampling/verify';
import type { AppError } from '../../shared/result';

const SEED = '01382438112797316654';

/** The design's formula written the obvious way, with Node's crypto and BigInt. */
function referenceTicket(seed: string, caseNo: string): string {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  return `0.${BigInt(`0x${sha(sha(seed) + caseNo)}`).toString().padStart(64, '0').split('').reverse().join('')}`;
}

const caseNoArb = fc.stringMatching(/^[A-Za-z0-9\-_/#]{1,24}$/);
const streetArb = fc.constantFrom('430188001', '430188002', '430188101');
const entryArb = fc.record({ street: streetArb, outcome: fc.constantFrom('approved' as const, 'rejected' as const), caseNo: caseNoArb, mandatory: fc.boolean() });
const framesArb = fc.uniqueArray(entryArb, { selector: (e) => e.caseNo, minLength: 0, maxLength: 120 });
const seedArb = fc.stringMatching(/^\d{20,30}$/);
const rateArb = fc.integer({ min: 30, max: 100 });

describe('test vectors of DESIGN.md §6', () => {
  it('uniform("abc")', () => {
    expect(uniform('abc')).toBe('0.56998071861792858926477341561059638840106636224182943832566300809078486324348');
  });

  it('ticket("AB-130") under seed 01382438112797316654', () => {
    const { ticketAt, order } = ticketOrder(['AB-130'], SEED);
    expect(order[0]).toBe(0);
    expect(ticketAt(0)).toBe('0.26299714122838008416507544297546663599715395525154425586041245287750224561854');
  });

  it('seed 314159 orders ab-1, ab-2, cd-1, ef-3 as cd-1, ef-3, ab-1, ab-2', () => {
    const ids = ['ab-1', 'ab-2', 'cd-1', 'ef-3'];
    const { order } = ticketOrder(ids, '314159');
    expect(Array.from(order, (i) => ids[i])).toEqual(['cd-1', 'ef-3', 'ab-1', 'ab-2']);
  });
});

describe('hash and ticket arithmetic', () => {
  it('SHA-256 agrees with node:crypto on any UTF-8 text, across block boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 150 }), (s) => {
        expect(H(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: 400 },
    );
    for (let n = 0; n < 200; n++) expect(H('a'.repeat(n))).toBe(createHash('sha256').update('a'.repeat(n)).digest('hex'));
  });

  it('the prefix form equals hashing the concatenation, short or long suffix', () => {
    const seedHash = H(SEED);
    const hasher = new Sha256WithPrefix(utf8(seedHash));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 90 }), (s) => {
        expect(wordsToHex(hasher.digest(s))).toBe(H(seedHash + s));
      }),
      { numRuns: 400 },
    );
  });

  it('tickets and their 9-digit sort keys agree with BigInt', () => {
    fc.assert(
      fc.property(caseNoArb, seedArb, (caseNo, seed) => {
        const ticket = referenceTicket(seed, caseNo);
        const words = new Sha256WithPrefix(utf8(H(seed))).digest(caseNo);
        expect(ticketOf(words)).toBe(ticket);
        expect(ticketKey(words)).toBe(Number(ticket.slice(2, 11)));
      }),
      { numRuns: 500 },
    );
  });

  it('orders large strata exactly as full tickets do, ties on the first 9 digits included', () => {
    const ids = Array.from({ length: 60_000 }, (_, i) => `430188001-202611-${i}`);
    const { order, ticketAt } = ticketOrder(ids, SEED);
    // With 60,000 tickets some share their first nine digits (the birthday bound): the slow path runs.
    const keys = Array.from(order, (i) => ids[i]!);
    let ties = 0;
    for (let k = 1; k < keys.length; k++) {
      const a = ticketAt(k - 1);
      const b = ticketAt(k);
      expect(a < b, `${keys[k - 1]} before ${keys[k]}`).toBe(true);
      if (a.slice(0, 11) === b.slice(0, 11)) ties++;
    }
    expect(ties).toBeGreaterThan(0);
    for (const k of [0, 1, 777, 59_999]) expect(ticketAt(k)).toBe(referenceTicket(SEED, keys[k]!));
  });
});

describe('the draw (fast-check properties)', () => {
  it('takes exactly ceil(N·P/100) random cases per stratum, at least one, plus every mandatory case', () => {
    fc.assert(
      fc.property(framesArb, seedArb, rateArb, (frame, seed, rate) => {
        const manifest = buildManifest(frame);
        const draw = drawSample(manifest, seed, rate);
        for (const s of draw.strata) {
          const N = frame.filter((e) => e.street === s.street && e.outcome === s.outcome).length;
          expect(s.population).toBe(N);
          expect(s.size).toBe(Math.ceil((N * rate) / 100 - 1e-9));
          expect(s.size).toBeGreaterThanOrEqual(1);
          const random = draw.sample.filter((c) => c.street === s.street && c.outcome === s.outcome && c.reason === 'random');
          expect(random.map((c) => c.rank)).toEqual(Array.from({ length: s.size }, (_, i) => i + 1));
        }
        const sampled = new Set(draw.sample.map((c) => c.caseNo));
        for (const e of frame) if (e.mandatory) expect(sampled.has(e.caseNo)).toBe(true);
        for (const c of draw.sample) if (c.reason === 'mandatory') expect(frame.find((e) => e.caseNo === c.caseNo)?.mandatory).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('uses the integer formula even where floating point would not: N = 7, P = 100 gives 7', () => {
    expect(stratumSize(7, 100)).toBe(7);
    expect(stratumSize(1, 30)).toBe(1);
    expect(stratumSize(10, 30)).toBe(3);
    expect(stratumSize(11, 30)).toBe(4);
    expect(stratumSize(0, 30)).toBe(0);
  });

  it('keeps the relative order of cases when others are added to the frame', () => {
    fc.assert(
      fc.property(framesArb, framesArb, seedArb, (frame, more, seed) => {
        const extra = more.filter((e) => !frame.some((f) => f.caseNo === e.caseNo));
        const small = rankStrata(buildManifest(frame), seed, 30);
        const large = rankStrata(buildManifest([...frame, ...extra]), seed, 30);
        for (const s of small) {
          const bigger = large.find((l) => l.street === s.street && l.outcome === s.outcome)!;
          const mine = new Set(s.caseNos);
          expect(bigger.caseNos.filter((c) => mine.has(c))).toEqual(s.caseNos);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('extends a sample with the next cases in ticket order: a larger rate is the earlier draw plus those', () => {
    fc.assert(
      fc.property(framesArb, seedArb, rateArb, rateArb, (frame, seed, p, q) => {
        fc.pre(p < q);
        const manifest = buildManifest(frame);
        const before = drawSample(manifest, seed, p).sample.map((c) => c.caseNo);
        const added = sampleExtension(manifest, seed, p, q).map((c) => c.caseNo);
        const after = drawSample(manifest, seed, q).sample.map((c) => c.caseNo);
        expect(new Set([...before, ...added])).toEqual(new Set(after));
        expect(added.filter((c) => before.includes(c))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order the frame arrives in', () => {
    fc.assert(
      fc.property(framesArb, seedArb, (frame, seed) => {
        const a = drawSample(buildManifest(frame), seed, 30);
        const b = drawSample(buildManifest([...frame].reverse()), seed, 30);
        expect(b).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a rate under 30 %, over 100 % or fractional, and a seed under 20 digits or with other characters', () => {
    const manifest = buildManifest([{ street: '430188001', outcome: 'approved', caseNo: 'A-1', mandatory: false }]);
    const refused = (fn: () => unknown, code: string, text: RegExp) => {
      try {
        fn();
      } catch (error) {
        expect((error as AppError).code).toBe(code);
        expect((error as AppError).message).toMatch(text);
        return;
      }
      throw new Error('not refused');
    };
    refused(() => drawSample(manifest, SEED, 29), 'rate-invalid', /不得低于 30%/);
    refused(() => drawSample(manifest, SEED, 101), 'rate-invalid', /100%/);
    refused(() => drawSample(manifest, SEED, 30.5), 'rate-invalid', /整数/);
    refused(() => drawSample(manifest, '1234567890123456789', 30), 'seed-invalid', /至少要 20 位/);
    refused(() => drawSample(manifest, '1234567890123456789x', 30), 'seed-invalid', /只能由数字/);
  });
});

describe('verify', () => {
  const frame: ManifestEntry[] = Array.from({ length: 60 }, (_, i) => ({
    street: i % 3 === 0 ? '430188002' : '430188001',
    outcome: i % 4 === 0 ? 'rejected' : 'approved',
    caseNo: `CASE-${String(i).padStart(3, '0')}`,
    mandatory: i % 11 === 5,
  }));
  const manifest = buildManifest(frame);
  const published = JSON.parse(JSON.stringify(drawSample(manifest, SEED, 30))) as ReturnType<typeof drawSample>;
  const changed = (edit: (s: typeof published) => void) => {
    const copy = structuredClone(published);
    edit(copy);
    return copy;
  };

  it('says match for the published draw', () => {
    expect(verifySample(manifest, SEED, 30, published)).toEqual({ match: true });
  });

  it('catches a different seed, rate or manifest', () => {
    expect(verifySample(manifest, `${SEED.slice(0, -1)}5`, 30, published)).toMatchObject({ match: false, difference: expect.stringContaining('seed') });
    expect(verifySample(manifest, SEED, 31, published)).toMatchObject({ match: false, difference: expect.stringContaining('rate') });
    const fewer = buildManifest(frame.slice(1));
    expect(verifySample(fewer, SEED, 30, published)).toMatchObject({ match: false, difference: expect.stringContaining('manifestSha256') });
  });

  it('catches a case removed from, added to, or swapped in the sample, and names it', () => {
    const removed = published.sample[3]!;
    expect(verifySample(manifest, SEED, 30, changed((s) => s.sample.splice(3, 1)))).toEqual({ match: false, difference: expect.stringContaining(`缺少 ${removed.caseNo}`) });
    const outsider = manifestEntries(manifest).find((e) => !published.sample.some((c) => c.caseNo === e.caseNo))!;
    const added = changed((s) => s.sample.splice(2, 0, { ...s.sample[2]!, caseNo: outsider.caseNo }));
    expect(verifySample(manifest, SEED, 30, added)).toEqual({ match: false, difference: expect.stringContaining(`是 ${outsider.caseNo}，但按这份清单`) });
    const swapped = changed((s) => (s.sample[0]!.caseNo = outsider.caseNo));
    expect(verifySample(manifest, SEED, 30, swapped)).toMatchObject({ match: false, difference: expect.stringContaining(outsider.caseNo) });
    const reordered = changed((s) => ([s.sample[0], s.sample[1]] = [s.sample[1]!, s.sample[0]!]));
    expect(verifySample(manifest, SEED, 30, reordered)).toMatchObject({ match: false, difference: expect.stringContaining('顺序不同') });
    const ticket = changed((s) => (s.sample[4]!.ticket = `${s.sample[4]!.ticket.slice(0, -1)}0`));
    expect(verifySample(manifest, SEED, 30, ticket)).toMatchObject({ match: false, difference: expect.stringContaining('ticket') });
  });

  it('refuses a sample file with missing or extra fields', () => {
    expect(verifySample(manifest, SEED, 30, { ...published, extra: 1 })).toMatchObject({ match: false, difference: expect.stringContaining('格式不对') });
    expect(verifySample(manifest, SEED, 30, changed((s) => delete (s.sample[0] as Partial<(typeof s.sample)[0]>).rank))).toMatchObject({ match: false });
    // Said in Chinese, with the field's path, for a citizen reading verify.html.
    expect(verifySample(manifest, SEED, 30, { ...published, extra: 1 })).toEqual({ match: false, difference: '样本文件格式不对：extra 是多出的字段，样本文件不应有它' });
    expect(verifySample(manifest, SEED, 30, changed((s) => ((s.sample[1] as { rank: unknown }).rank = '2')))).toEqual({ match: false, difference: '样本文件格式不对：sample.1.rank 应为整数，实为 "2"' });
    expect(verifySample(manifest, SEED, 30, changed((s) => ((s.strata[0] as { outcome: unknown }).outcome = 'ok')))).toEqual({ match: false, difference: '样本文件格式不对：strata.0.outcome 应为“approved”或“rejected”，实为 "ok"' });
    expect(verifySample(manifest, SEED, 30, [])).toEqual({ match: false, difference: '样本文件格式不对：整个文件应为一个对象（{…}）' });
  });
});
