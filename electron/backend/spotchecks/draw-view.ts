// Reading draws back: the list, and one draw with its strata, sampled cases (household head, community,
// the decision that put the case in the frame), assignments, findings, corrections and progress per
// street. No ID number, phone or address leaves here.
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Finding, SessionUser } from '../../../shared/domain';
import { findingLabels } from '../../../shared/glossary';
import { chinaDateOf } from '../../../shared/dates';
import { AppError } from '../../../shared/result';
import { parseManifest } from '../../../shared/sampling/manifest';
import { answersOf } from '../corrections/correction-view';
import { DRAW_ITEMS_PAGE, type CorrectionView, type DrawDetail, type DrawItemsPage, type DrawSummary, type FindingView, type SampleItemView, type StreetProgress } from '../../../shared/spotcheck';
import type { Database, SpotCheckDrawsTable } from '../db/schema';
import { canInspect } from '../../../shared/access';
import type { CommandContext } from '../commands/command';
import { assertAllowed } from '../session/access';
import { frameStrata, standingVerdicts } from './frame';

type Reader = Kysely<Database> | Transaction<Database>;
type DrawRow = Selectable<SpotCheckDrawsTable>;

async function names(db: Reader, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function counts(db: Reader, drawIds: string[]): Promise<Map<string, { sampled: number; inspected: number }>> {
  if (drawIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('spot_check_items as i')
    .leftJoin('spot_check_findings as f', 'f.item_id', 'i.id')
    .select((eb) => ['i.draw_id', eb.fn.count<number>('i.id').distinct().as('sampled'), eb.fn.count<number>('f.item_id').distinct().as('inspected')])
    .where('i.draw_id', 'in', drawIds)
    .groupBy('i.draw_id')
    .execute();
  return new Map(rows.map((r) => [r.draw_id, { sampled: Number(r.sampled), inspected: Number(r.inspected) }]));
}

function summary(d: DrawRow, drawnBy: string, n: { sampled: number; inspected: number } | undefined): DrawSummary {
  return {
    id: d.id,
    districtCode: d.district_code,
    periodStart: d.period_start,
    periodEnd: d.period_end,
    streetCodes: JSON.parse(d.street_codes_json) as string[],
    rate: d.rate_percent,
    seedSource: d.seed_source,
    manifestSha256: d.manifest_sha256,
    algorithm: d.algorithm,
    drawnAt: d.drawn_at,
    drawnBy,
    status: d.status,
    redrawOfId: d.redraw_of_id,
    redrawReason: d.redraw_reason,
    sampled: n?.sampled ?? 0,
    inspected: n?.inspected ?? 0,
  };
}

export async function listDraws(db: Reader, user: SessionUser): Promise<DrawSummary[]> {
  assertAllowed(canInspect(user, '查看抽查'));
  const draws = await db
    .selectFrom('spot_check_draws')
    .selectAll()
    .where('district_code', '=', user.regionCode)
    .orderBy('drawn_at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .execute();
  const who = await names(db, draws.map((d) => d.drawn_by));
  const n = await counts(db, draws.map((d) => d.id));
  return draws.map((d) => summary(d, who.get(d.drawn_by) ?? '', n.get(d.id)));
}

/** The district's serving staff who may inspect: inspectors first, then section chiefs, each by username. */
export async function districtInspectors(db: Reader, districtCode: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('region_code', '=', districtCode)
    .where('role', 'in', ['bureau_inspector', 'bureau_chief'])
    .where('active', '=', 1)
    .orderBy('role', 'desc')
    .orderBy('username')
    .execute();
}

export async function loadDraw(db: Reader, drawId: string, user: SessionUser): Promise<DrawRow> {
  const draw = await db.selectFrom('spot_check_draws').selectAll().where('id', '=', drawId).executeTakeFirst();
  if (!draw || draw.district_code !== user.regionCode) throw new AppError('not-found', '没有找到这次抽样，或它不属于本区');
  return draw;
}

/** A command's load step: the draw its arguments name (whose district the access rule then checks). */
export async function drawOf(cx: CommandContext, args: { drawId: string }): Promise<DrawRow> {
  return drawRow(cx.trx, args.drawId);
}

async function drawRow(db: Reader, drawId: string): Promise<DrawRow> {
  const draw = await db.selectFrom('spot_check_draws').selectAll().where('id', '=', drawId).executeTakeFirst();
  if (!draw) throw new AppError('not-found', '没有找到这次抽样');
  return draw;
}

/** A spot-check command's answer to the desk: the draw as it now is, its first page of sampled cases. */
export const drawReply = async (db: Kysely<Database>, user: SessionUser, drawId: string): Promise<DrawDetail> => firstPageOf(await drawDetail(db, drawId, user));

/** What an answer over IPC carries: the counts of the whole draw, the sampled cases of its first page. */
export function firstPageOf(draw: DrawDetail): DrawDetail {
  return draw.items.length <= DRAW_ITEMS_PAGE ? draw : { ...draw, items: draw.items.slice(0, DRAW_ITEMS_PAGE) };
}

/** The sampled cases of a draw from `offset`, a page at a time, in DrawDetail's order. */
export async function drawItemsPage(db: Reader, drawId: string, offset: number, user: SessionUser): Promise<DrawItemsPage> {
  // The sampled cases only, under drawDetail's access rule: not its strata, manifest, inspectors or progress.
  assertAllowed(canInspect(user, '查看抽查'));
  const items = await sampleItems(db, await loadDraw(db, drawId, user));
  return { offset, total: items.length, items: items.slice(offset, offset + DRAW_ITEMS_PAGE) };
}

/** The decision that put each case in the frame: its last approve or reject in the period, at a closed meeting. */
async function frameDecisions(db: Reader, draw: DrawRow): Promise<Map<string, { decidedOn: string; amountFen: number | null }>> {
  const rows = await standingVerdicts(db)
    .select(['d.case_id', 'd.decided_at', 'd.amount_fen'])
    // By sub-query, not a list of ids: a large sample would pass SQLite's limit on bound parameters.
    .where('d.case_id', 'in', (eb) => eb.selectFrom('spot_check_items').select('case_id').where('draw_id', '=', draw.id))
    .orderBy('d.decided_at')
    .execute();
  const out = new Map<string, { decidedOn: string; amountFen: number | null }>();
  for (const r of rows) {
    const day = chinaDateOf(r.decided_at);
    if (day >= draw.period_start && day <= draw.period_end) out.set(r.case_id, { decidedOn: day, amountFen: r.amount_fen });
  }
  return out;
}

async function findingsOf(db: Reader, drawId: string): Promise<Map<string, FindingView>> {
  const items = (eb: ExpressionBuilder<Database, 'spot_check_findings'>) => eb.selectFrom('spot_check_items').select('id').where('draw_id', '=', drawId);
  const findings = await db.selectFrom('spot_check_findings').selectAll().where('item_id', 'in', items).orderBy('recorded_at').execute();
  const corrections = await db
    .selectFrom('corrections')
    .selectAll()
    .where('finding_id', 'in', (eb) => eb.selectFrom('spot_check_findings').select('id').where('item_id', 'in', eb.selectFrom('spot_check_items').select('id').where('draw_id', '=', drawId)))
    .orderBy('ordered_on')
    .execute();
  const who = await names(db, findings.flatMap((f) => [f.inspector_a_id, f.inspector_b_id]));
  const correctionOf = new Map<string, CorrectionView>();
  const answers = await answersOf(db, corrections.map((c) => c.id));
  for (const c of corrections) {
    correctionOf.set(c.finding_id, {
      id: c.id, requirement: c.requirement, orderedOn: c.ordered_on, deadline: c.deadline, status: c.status, result: c.result, closedOn: c.closed_on,
      asksCaseKind: c.asks_case_kind, answers: answers.get(c.id) ?? [],
    });
  }
  const out = new Map<string, FindingView>();
  // Ordered by time: a finding recorded again replaces the earlier one in the view (the audit log keeps both).
  for (const f of findings) {
    out.set(f.item_id, {
      id: f.id,
      method: f.method,
      inspectedOn: f.inspected_on,
      finding: f.finding,
      notes: f.notes,
      inspectorA: { id: f.inspector_a_id, name: who.get(f.inspector_a_id) ?? '' },
      inspectorB: { id: f.inspector_b_id, name: who.get(f.inspector_b_id) ?? '' },
      correction: correctionOf.get(f.id) ?? null,
    });
  }
  return out;
}

async function sampleItems(db: Reader, draw: DrawRow): Promise<SampleItemView[]> {
  const rows = await db
    .selectFrom('spot_check_items as i')
    .innerJoin('cases as c', 'c.id', 'i.case_id')
    .innerJoin('regions as st', 'st.code', 'i.street_code')
    .innerJoin('regions as cm', 'cm.code', 'c.community_code')
    .innerJoin('members as head', (j) => j.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
    .select([
      'i.id',
      'i.case_id',
      'i.case_no',
      'i.street_code',
      'st.name as street_name',
      'cm.name as community_name',
      'head.name as head_name',
      'c.category',
      'c.kind',
      'i.outcome',
      'c.close_relative',
      'c.complaint',
      'i.ticket',
      'i.rank',
      'i.reason',
      'i.inspector_a_id',
      'i.inspector_b_id',
    ])
    .where('i.draw_id', '=', draw.id)
    .orderBy('i.street_code')
    .orderBy('i.outcome')
    .orderBy('i.rank')
    .execute();
  const decisions = await frameDecisions(db, draw);
  const findings = await findingsOf(db, draw.id);
  const who = await names(db, rows.flatMap((r) => [r.inspector_a_id, r.inspector_b_id]).filter((x): x is string => x !== null));
  const person = (id: string | null) => (id === null ? null : { id, name: who.get(id) ?? '' });
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNo: r.case_no,
    streetCode: r.street_code,
    streetName: r.street_name,
    communityName: r.community_name,
    headName: r.head_name,
    category: r.category,
    kind: r.kind,
    outcome: r.outcome,
    decidedOn: decisions.get(r.case_id)?.decidedOn ?? null,
    amountFen: decisions.get(r.case_id)?.amountFen ?? null,
    closeRelative: r.close_relative === 1,
    complaint: r.complaint === 1,
    ticket: r.ticket,
    rank: r.rank,
    reason: r.reason,
    inspectorA: person(r.inspector_a_id),
    inspectorB: person(r.inspector_b_id),
    finding: findings.get(r.id) ?? null,
  }));
}

function progressOf(strata: DrawDetail['strata'], items: SampleItemView[]): StreetProgress[] {
  const streets = [...new Map(strata.map((s) => [s.streetCode, s.streetName]))];
  return streets.map(([streetCode, streetName]) => {
    const mine = items.filter((i) => i.streetCode === streetCode);
    const population = (outcome: 'approved' | 'rejected') => strata.find((s) => s.streetCode === streetCode && s.outcome === outcome)?.population ?? 0;
    const findings = Object.fromEntries(Object.keys(findingLabels).map((f) => [f, mine.filter((i) => i.finding?.finding === f).length])) as Record<Finding, number>;
    return {
      streetCode,
      streetName,
      approved: { population: population('approved'), sampled: mine.filter((i) => i.outcome === 'approved').length },
      rejected: { population: population('rejected'), sampled: mine.filter((i) => i.outcome === 'rejected').length },
      assigned: mine.filter((i) => i.inspectorA && i.inspectorB).length,
      inspected: mine.filter((i) => i.finding).length,
      findings,
      correctionsOpen: mine.filter((i) => i.finding?.correction && i.finding.correction.status !== 'done').length,
      correctionsDone: mine.filter((i) => i.finding?.correction?.status === 'done').length,
    };
  });
}

export async function drawDetail(db: Reader, drawId: string, user: SessionUser): Promise<DrawDetail> {
  assertAllowed(canInspect(user, '查看抽查'));
  const draw = await loadDraw(db, drawId, user);
  const streetCodes = JSON.parse(draw.street_codes_json) as string[];
  const regionRows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', streetCodes).execute();
  const streets = new Map(streetCodes.map((c) => [c, regionRows.find((r) => r.code === c)?.name ?? c]));
  const strata = frameStrata(parseManifest(draw.manifest_text), streets, draw.rate_percent);
  const items = await sampleItems(db, draw);
  const inspectors = (await districtInspectors(db, user.regionCode)).map(({ id, name }) => ({ id, name }));
  const who = await names(db, [draw.drawn_by]);
  return {
    ...summary(draw, who.get(draw.drawn_by) ?? '', { sampled: items.length, inspected: items.filter((i) => i.finding).length }),
    seed: draw.seed,
    strata,
    items,
    itemsTotal: items.length,
    progress: progressOf(strata, items),
    inspectors,
  };
}
