// The frame of a spot check (DESIGN.md §6, step 1): every case of the chosen streets whose decision,
// approve or reject, was taken at a closed meeting in the period. A case decided twice in the period
// counts once, with its last decision; a decision later superseded does not count. Mandatory cases are
// those filed under 近亲属备案, with a complaint (投诉举报), or objected to during their notice (异议).
import type { Kysely, Transaction } from 'kysely';
import { addDays, chinaDayStart } from '../../../shared/dates';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { buildManifest, type Manifest, type SampleOutcome } from '../../../shared/sampling/manifest';
import { stratumSize } from '../../../shared/sampling/sampler';
import type { FrameQuery, FrameStratum, SpotCheckFrame } from '../../../shared/spotcheck';
import type { Database } from '../db/schema';

type Reader = Kysely<Database> | Transaction<Database>;

/** A case of the frame with the local ids the draw stores beside the manifest's case numbers. */
export type FrameCase = { caseId: string; caseNo: string; street: string; outcome: SampleOutcome; mandatory: boolean };

export type Frame = { manifest: Manifest; cases: FrameCase[]; streets: Map<string, string> };

/** The streets asked for, each checked to be a street of the user's district. */
export async function streetsOf(db: Reader, districtCode: string, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('level', '=', 'street').where('parent_code', '=', districtCode).where('code', 'in', [...codes]).execute();
  const found = new Map(rows.map((r) => [r.code, r.name]));
  const foreign = codes.filter((c) => !found.has(c));
  if (foreign.length > 0) throw new AppError('forbidden', `街道 ${foreign.join('、')} 不属于本区，不能纳入抽查`);
  return new Map([...codes].sort().map((c) => [c, found.get(c)!]));
}

/** Approvals and rejections taken at closed meetings and not superseded since: what a spot check samples. */
export function standingVerdicts(db: Reader) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .where('m.status', '=', 'closed')
    .where('d.outcome', 'in', ['approve', 'reject'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('decisions as later').select('later.id').whereRef('later.supersedes_id', '=', 'd.id'))));
}

export async function loadFrame(db: Reader, districtCode: string, query: FrameQuery): Promise<Frame> {
  const streets = await streetsOf(db, districtCode, query.streetCodes);
  const rows = await standingVerdicts(db)
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select((eb) => [
      'c.id',
      'c.case_no',
      'c.street_code',
      'd.outcome',
      'd.decided_at',
      'c.close_relative',
      'c.complaint',
      eb.exists(eb.selectFrom('objections as o').select('o.id').whereRef('o.case_id', '=', 'c.id')).as('objected'),
    ])
    .where('c.street_code', 'in', [...streets.keys()])
    // Decided on a China day of the period: instants from its first midnight (CST) to the one after its last.
    // Compared as text, which every engine does the same way for the instants a command records
    // (shared/sync.ts: YYYY-MM-DDTHH:MM:SS[.sss]Z), where SQLite's date() modifiers are its own.
    .where('d.decided_at', '>=', chinaDayStart(query.periodStart))
    .where('d.decided_at', '<', chinaDayStart(addDays(query.periodEnd, 1)))
    .orderBy('d.decided_at')
    .execute();
  // Ordered by time, so the last decision of a case in the period wins.
  const byCase = new Map<string, FrameCase>();
  for (const r of rows) {
    byCase.set(r.id, {
      caseId: r.id,
      caseNo: r.case_no,
      street: r.street_code,
      outcome: r.outcome === 'approve' ? 'approved' : 'rejected',
      mandatory: r.close_relative === 1 || r.complaint === 1 || Boolean(r.objected),
    });
  }
  const cases = [...byCase.values()];
  const manifest = buildManifest(cases.map(({ street, outcome, caseNo, mandatory }) => ({ street, outcome, caseNo, mandatory })));
  return { manifest, cases, streets };
}

/** Counts per stratum for every chosen street, both outcomes, empty ones included. */
export function frameStrata(manifest: Manifest, streets: Map<string, string>, rate: number): FrameStratum[] {
  const strata: FrameStratum[] = [];
  for (const [streetCode, streetName] of streets) {
    for (const outcome of ['approved', 'rejected'] as const) {
      const s = manifest.strata.find((x) => x.street === streetCode && x.outcome === outcome);
      const population = s?.caseNos.length ?? 0;
      strata.push({ streetCode, streetName, outcome, population, mandatory: s ? s.mandatory.reduce((n, m) => n + m, 0) : 0, size: stratumSize(population, rate) });
    }
  }
  return strata;
}

export function frameView(user: SessionUser, query: FrameQuery, rate: number, frame: Frame): SpotCheckFrame {
  return {
    districtCode: user.regionCode,
    periodStart: query.periodStart,
    periodEnd: query.periodEnd,
    rate,
    strata: frameStrata(frame.manifest, frame.streets, rate),
    cases: frame.manifest.cases,
    manifestSha256: frame.manifest.sha256,
    manifestBytes: new TextEncoder().encode(frame.manifest.text).length,
  };
}
