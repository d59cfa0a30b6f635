// Re-verifying a published draw: recompute it from the manifest, seed and rate, and name the first place
// where the published sample departs from it. The sample file is read strictly, so a renamed or extra
// field is a difference too.
import { z } from 'zod';
import { drawSample, SAMPLER_ALGORITHM, type SampledCase, type SampleResult } from './sampler';
import type { Manifest } from './manifest';

const Outcome = z.enum(['approved', 'rejected']);

export const SampleResultSchema = z
  .object({
    algorithm: z.string(),
    manifestSha256: z.string(),
    seed: z.string(),
    rate: z.number(),
    strata: z.array(z.object({ street: z.string(), outcome: Outcome, population: z.number().int(), size: z.number().int() }).strict()),
    sample: z.array(
      z
        .object({
          caseNo: z.string(),
          street: z.string(),
          outcome: Outcome,
          ticket: z.string(),
          rank: z.number().int(),
          reason: z.enum(['random', 'mandatory']),
        })
        .strict(),
    ),
  })
  .strict();

export type Verification = { match: true } | { match: false; difference: string };

const where = (c: SampledCase) => `${c.caseNo}（${c.street} ${c.outcome} 第 ${c.rank} 位）`;

function firstSampleDifference(expected: SampledCase[], claimed: SampledCase[]): string | null {
  const wanted = new Map(expected.map((c) => [c.caseNo, c]));
  const given = new Map(claimed.map((c) => [c.caseNo, c]));
  for (let i = 0; i < Math.max(expected.length, claimed.length); i++) {
    const e = expected[i];
    const c = claimed[i];
    if (e && c && JSON.stringify(e) === JSON.stringify(c)) continue;
    if (c && !wanted.has(c.caseNo)) return `样本第 ${i + 1} 条是 ${c.caseNo}，但按这份清单、种子和比例不会抽到它`;
    if (e && !given.has(e.caseNo)) return `样本缺少 ${where(e)}：按这份清单、种子和比例应当抽到它`;
    if (e && c && e.caseNo !== c.caseNo) return `样本第 ${i + 1} 条应为 ${where(e)}，实为 ${c.caseNo}（顺序不同）`;
    if (e && c) {
      for (const key of ['street', 'outcome', 'ticket', 'rank', 'reason'] as const) {
        if (e[key] !== c[key]) return `样本中 ${e.caseNo} 的 ${key} 应为 ${String(e[key])}，实为 ${String(c[key])}`;
      }
    }
    return `样本条数应为 ${expected.length}，实为 ${claimed.length}`;
  }
  return null;
}

/** Recomputes the draw and compares; `claimed` is the parsed JSON of a published sample file. */
export function verifySample(manifest: Manifest, seed: string, rate: number, claimed: unknown): Verification {
  const parsed = SampleResultSchema.safeParse(claimed);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { match: false, difference: `样本文件格式不对：${issue.path.map(String).join('.') || '（整体）'}：${issue.message}` };
  }
  const c = parsed.data;
  const expected: SampleResult = drawSample(manifest, seed, rate);
  const differ = (field: string, e: unknown, got: unknown) => ({ match: false as const, difference: `${field} 应为 ${String(e)}，样本文件中为 ${String(got)}` });
  if (c.algorithm !== SAMPLER_ALGORITHM) return differ('algorithm', SAMPLER_ALGORITHM, c.algorithm);
  if (c.manifestSha256 !== expected.manifestSha256) return differ('manifestSha256（清单的 SHA-256）', expected.manifestSha256, c.manifestSha256);
  if (c.seed !== seed) return differ('seed（随机种子）', seed, c.seed);
  if (c.rate !== rate) return differ('rate（抽查比例）', rate, c.rate);
  for (let i = 0; i < Math.max(expected.strata.length, c.strata.length); i++) {
    const e = expected.strata[i];
    const s = c.strata[i];
    if (JSON.stringify(e) !== JSON.stringify(s)) {
      return { match: false, difference: `第 ${i + 1} 层应为 ${e ? JSON.stringify(e) : '（无）'}，样本文件中为 ${s ? JSON.stringify(s) : '（无）'}` };
    }
  }
  const difference = firstSampleDifference(expected.sample, c.sample);
  return difference === null ? { match: true } : { match: false, difference };
}
