// The district bureau's spot-check draw (DESIGN.md §6): Rivest's consistent sampler as VotingWorks' Arlo
// uses it, over strata (street, outcome). ticket(case_no) = uniform(H(seed) + case_no); each stratum is
// ordered by ticket (tie: case number); its sample is the first ceil(N·P/100) cases plus every mandatory
// case not among them. Pure and deterministic: the same manifest, seed and rate give the same sample on
// any machine, which is what lets anyone re-verify a draw.
import { AppError } from '../result';
import { compareCodePoints, type Manifest, type SampleOutcome } from './manifest';
import { H, Sha256WithPrefix, utf8 } from './sha256';
import { ticketKey, ticketOf } from './uniform';

export const SAMPLER_ALGORITHM = 'consistent-sampler-sha256-v1';
export const MIN_RATE_PERCENT = 30;
export const MIN_SEED_DIGITS = 20;
export const MAX_SEED_DIGITS = 100;
/** Cases in one stratum at most: 2^22, so a sort key and an index share one double exactly. */
const INDEX_LIMIT = 4_194_304;

export type SampleReason = 'random' | 'mandatory';

export type StratumSummary = { street: string; outcome: SampleOutcome; population: number; size: number };

export type SampledCase = { caseNo: string; street: string; outcome: SampleOutcome; ticket: string; rank: number; reason: SampleReason };

/** The draw as published: exactly the JSON the CLI prints and `verify` reads. */
export type SampleResult = {
  algorithm: typeof SAMPLER_ALGORITHM;
  manifestSha256: string;
  seed: string;
  rate: number;
  strata: StratumSummary[];
  sample: SampledCase[];
};

/** A stratum in ticket order: enough to rank any of its cases, sample it, or extend a sample. */
export type RankedStratum = StratumSummary & {
  /** Case numbers in ticket order (rank k is index k − 1). */
  caseNos: string[];
  /** 1 where the case at that index is mandatory. */
  mandatory: Uint8Array;
  /** The full ticket of the case at an index, made on demand. */
  ticketAt(index: number): string;
};

export function checkSeed(seed: string): void {
  if (!/^\d+$/.test(seed)) throw new AppError('seed-invalid', '随机种子只能由数字组成（0–9）');
  if (seed.length < MIN_SEED_DIGITS) throw new AppError('seed-invalid', `随机种子至少要 ${MIN_SEED_DIGITS} 位数字，现在只有 ${seed.length} 位`);
  if (seed.length > MAX_SEED_DIGITS) throw new AppError('seed-invalid', `随机种子最多 ${MAX_SEED_DIGITS} 位数字`);
}

export function checkRate(rate: number): void {
  if (!Number.isInteger(rate)) throw new AppError('rate-invalid', '抽查比例必须是整数百分比');
  if (rate < MIN_RATE_PERCENT) throw new AppError('rate-invalid', `抽查比例不得低于 ${MIN_RATE_PERCENT}%（已批准和未批准的个案各至少抽查 30%）`);
  if (rate > 100) throw new AppError('rate-invalid', '抽查比例不能超过 100%');
}

/** n = ceil(N·P/100) in integers; at least 1 when the stratum has any case. */
export function stratumSize(population: number, rate: number): number {
  if (population === 0) return 0;
  return Math.min(population, Math.max(1, Math.floor((population * rate + 99) / 100)));
}

/**
 * Orders cases by ticket under a seed (tie: case number), with no check of the seed's length: the design's
 * test vectors use short seeds. Draws go through `rankStrata`, which checks it.
 */
export function ticketOrder(caseNos: readonly string[], seed: string): { order: Int32Array; ticketAt: (index: number) => string } {
  const n = caseNos.length;
  if (n > INDEX_LIMIT) throw new AppError('manifest-invalid', `一层最多 ${INDEX_LIMIT} 件个案`);
  const hasher = new Sha256WithPrefix(utf8(H(seed)));
  const keys = new Float64Array(n);
  const digests = new Int32Array(n * 8);
  for (let i = 0; i < n; i++) {
    const words = hasher.digest(caseNos[i]!);
    keys[i] = ticketKey(words);
    for (let w = 0; w < 8; w++) digests[i * 8 + w] = words[w]!;
  }
  const ticket = (i: number): string => ticketOf(digests, i * 8);
  const fullCompare = (a: number, b: number) => compareCodePoints(ticket(a), ticket(b)) || compareCodePoints(caseNos[a]!, caseNos[b]!);
  // Sort key and index packed in one double (key < 2^30, index < 2^22), sorted natively; the rare runs
  // with equal 9-digit keys are then put in order by whole tickets, then case numbers.
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = keys[i]! * INDEX_LIMIT + i;
  packed.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = packed[k]! % INDEX_LIMIT;
  for (let k = 0; k < n; ) {
    let end = k + 1;
    while (end < n && keys[order[end]!] === keys[order[k]!]) end++;
    if (end - k > 1) order.subarray(k, end).sort(fullCompare);
    k = end;
  }
  return { order, ticketAt: (index) => ticket(order[index]!) };
}

/** Orders each stratum of the manifest by ticket under this seed. */
export function rankStrata(manifest: Manifest, seed: string, rate: number): RankedStratum[] {
  checkSeed(seed);
  checkRate(rate);
  const ranked: RankedStratum[] = [];
  for (const stratum of manifest.strata) {
    const { order, ticketAt } = ticketOrder(stratum.caseNos, seed);
    const n = order.length;
    const mandatory = new Uint8Array(n);
    const caseNos = new Array<string>(n);
    for (let k = 0; k < n; k++) {
      caseNos[k] = stratum.caseNos[order[k]!]!;
      mandatory[k] = stratum.mandatory[order[k]!]!;
    }
    ranked.push({ street: stratum.street, outcome: stratum.outcome, population: n, size: stratumSize(n, rate), caseNos, mandatory, ticketAt });
  }
  return ranked;
}

/** The sample of one ranked stratum: its first `size` cases, then its mandatory cases further down. */
export function stratumSample(s: RankedStratum): SampledCase[] {
  const out: SampledCase[] = [];
  for (let k = 0; k < s.population; k++) {
    const reason: SampleReason | null = k < s.size ? 'random' : s.mandatory[k] === 1 ? 'mandatory' : null;
    if (reason) out.push({ caseNo: s.caseNos[k]!, street: s.street, outcome: s.outcome, ticket: s.ticketAt(k), rank: k + 1, reason });
  }
  return out;
}

/**
 * The cases a larger rate adds to a draw: the next ones in each stratum's ticket order, same seed
 * (DESIGN.md §6: a sample is extended, never redrawn). A draw at the larger rate is exactly the earlier
 * draw plus these.
 */
export function sampleExtension(manifest: Manifest, seed: string, fromRate: number, toRate: number): SampledCase[] {
  checkRate(fromRate);
  if (toRate <= fromRate) throw new AppError('rate-invalid', `扩大抽查时新比例（${toRate}%）须高于原比例（${fromRate}%）`);
  return rankStrata(manifest, seed, toRate).flatMap((s) => {
    const before = stratumSize(s.population, fromRate);
    return stratumSample(s).filter((c) => c.reason === 'random' && c.rank > before && !(s.mandatory[c.rank - 1] === 1));
  });
}

/** Draws the sample of a manifest: strata and sample in the published order (street, outcome, rank). */
export function drawSample(manifest: Manifest, seed: string, rate: number): SampleResult {
  const strata = rankStrata(manifest, seed, rate);
  return {
    algorithm: SAMPLER_ALGORITHM,
    manifestSha256: manifest.sha256,
    seed,
    rate,
    strata: strata.map(({ street, outcome, population, size }) => ({ street, outcome, population, size })),
    sample: strata.flatMap(stratumSample),
  };
}
