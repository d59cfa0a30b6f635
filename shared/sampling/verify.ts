// Re-verifying a published draw: recompute it from the manifest, seed and rate, and name the first place
// where the published sample departs from it. The sample file is read strictly, so a renamed or extra
// field is a difference too.
import { drawSample, SAMPLER_ALGORITHM, type SampledCase, type SampleResult } from './sampler';
import type { Manifest } from './manifest';
import { sampleOutcomeLabels } from '../glossary';

// The sample file's reader is written out by hand rather than with zod: verify.html inlines this module,
// and zod (with its locales) would be twenty times the size of the sampler; the reader also says what is
// wrong in Chinese, for the citizen reading it.
type Claimed = { algorithm: string; manifestSha256: string; seed: string; rate: number; strata: SampleResult['strata']; sample: SampledCase[] };

class ShapeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

type Field = 'text' | 'number' | 'integer' | 'outcome' | 'reason';
const fieldWords: Record<Field, string> = { text: '文本', number: '数字', integer: '整数', outcome: '“approved”或“rejected”', reason: '“random”或“mandatory”' };

function fits(value: unknown, field: Field): boolean {
  switch (field) {
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isSafeInteger(value);
    case 'outcome':
      return value === 'approved' || value === 'rejected';
    case 'reason':
      return value === 'random' || value === 'mandatory';
    default: {
      const never: never = field;
      throw new Error(`unknown field kind ${String(never)}`);
    }
  }
}

/** A value as the message quotes it, cut short. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const at = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/** An object with exactly these fields, each of its kind; a missing, mistyped or extra field is refused. */
function record(value: unknown, path: string, fields: Record<string, Field | ((v: unknown, p: string) => unknown)>): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(path, '应为一个对象（{…}）');
  const obj = value as Record<string, unknown>;
  for (const [key, kind] of Object.entries(fields)) {
    if (!(key in obj)) throw new ShapeError(at(path, key), '缺少这个字段');
    if (typeof kind === 'function') kind(obj[key], at(path, key));
    else if (!fits(obj[key], kind)) throw new ShapeError(at(path, key), `应为${fieldWords[kind]}，实为 ${shown(obj[key])}`);
  }
  const extra = Object.keys(obj).find((key) => !(key in fields));
  if (extra !== undefined) throw new ShapeError(at(path, extra), '是多出的字段，样本文件不应有它');
  return obj;
}

function list(value: unknown, path: string, item: (v: unknown, p: string) => unknown): void {
  if (!Array.isArray(value)) throw new ShapeError(path, '应为一个数组（[…]）');
  value.forEach((v, i) => item(v, at(path, i)));
}

/** The parsed JSON of a published sample file, checked field by field. */
function readClaimed(value: unknown): Claimed {
  const stratum = (v: unknown, p: string) => record(v, p, { street: 'text', outcome: 'outcome', population: 'integer', size: 'integer' });
  const sampled = (v: unknown, p: string) => record(v, p, { caseNo: 'text', street: 'text', outcome: 'outcome', ticket: 'text', rank: 'integer', reason: 'reason' });
  record(value, '', {
    algorithm: 'text',
    manifestSha256: 'text',
    seed: 'text',
    rate: 'number',
    strata: (v, p) => list(v, p, stratum),
    sample: (v, p) => list(v, p, sampled),
  });
  return value as Claimed;
}

export type Verification = { match: true } | { match: false; difference: string };

const where = (c: SampledCase) => `${c.caseNo}（${c.street} ${sampleOutcomeLabels[c.outcome]}层第 ${c.rank} 位）`;

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
  let c: Claimed;
  try {
    c = readClaimed(claimed);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    return { match: false, difference: `样本文件格式不对：${error.path ? `${error.path} ` : '整个文件'}${error.message}` };
  }
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
