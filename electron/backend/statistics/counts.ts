// The counted figures of a period, per street, each one query grouped by street: meetings held, the
// decisions they took, notices posted and the objections they drew, spot-check findings, corrections.
// Dates are compared as text (YYYY-MM-DD days, YYYY-MM months), which every engine does the same way.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Reader = Kysely<Database> | Transaction<Database>;

/** The days a period's figures cover: its first day to the day they are read on, both included. */
export type Span = { from: string; to: string; months: readonly string[] };

const n = (v: unknown) => Number(v ?? 0);

/** Closed meetings per street and month, for the months given. */
export async function meetingsHeld(db: Reader, streets: readonly string[], months: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (streets.length === 0 || months.length === 0) return out;
  const rows = await db
    .selectFrom('meetings')
    .select(['street_code', 'month', (eb) => eb.fn.countAll().as('n')])
    .where('status', '=', 'closed')
    .where('street_code', 'in', [...streets])
    .where('month', 'in', [...months])
    .groupBy(['street_code', 'month'])
    .execute();
  for (const r of rows) {
    const m = out.get(r.street_code) ?? new Map<string, number>();
    m.set(r.month, n(r.n));
    out.set(r.street_code, m);
  }
  return out;
}

/** The decisions taken at each street's closed meetings of the period's months, by outcome. */
export async function decisionsTaken(db: Reader, streets: readonly string[], span: Span): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (streets.length === 0) return out;
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .select(['m.street_code', 'd.outcome', (eb) => eb.fn.countAll().as('n')])
    .where('m.status', '=', 'closed')
    .where('m.street_code', 'in', [...streets])
    .where('m.month', 'in', [...span.months])
    .groupBy(['m.street_code', 'd.outcome'])
    .execute();
  for (const r of rows) out.set(r.street_code, { ...(out.get(r.street_code) ?? {}), [r.outcome]: n(r.n) });
  return out;
}

/** Notices put up (posted, whether since ended or not) whose first day is in the span. */
export async function noticesPosted(db: Reader, streets: readonly string[], span: Span): Promise<Map<string, number>> {
  if (streets.length === 0) return new Map();
  const rows = await db
    .selectFrom('notice_batches')
    .select(['street_code', (eb) => eb.fn.countAll().as('n')])
    .where('status', '<>', 'draft')
    .where('street_code', 'in', [...streets])
    .where('start_date', '>=', span.from)
    .where('start_date', '<=', span.to)
    .groupBy('street_code')
    .execute();
  return new Map(rows.map((r) => [r.street_code, n(r.n)]));
}

/** Objections received in the span, to any notice of the street. */
export async function objectionsReceived(db: Reader, streets: readonly string[], span: Span): Promise<Map<string, number>> {
  if (streets.length === 0) return new Map();
  const rows = await db
    .selectFrom('objections as o')
    .innerJoin('notice_batches as b', 'b.id', 'o.batch_id')
    .select(['b.street_code', (eb) => eb.fn.countAll().as('n')])
    .where('b.street_code', 'in', [...streets])
    .where('o.received_at', '>=', span.from)
    .where('o.received_at', '<=', span.to)
    .groupBy('b.street_code')
    .execute();
  return new Map(rows.map((r) => [r.street_code, n(r.n)]));
}

/** Spot-check findings recorded (inspected) in the span on the street's sampled cases, by kind. */
export async function findingsRecorded(db: Reader, streets: readonly string[], span: Span): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (streets.length === 0) return out;
  const rows = await db
    .selectFrom('spot_check_findings as f')
    .innerJoin('spot_check_items as i', 'i.id', 'f.item_id')
    .select(['i.street_code', 'f.finding', (eb) => eb.fn.countAll().as('n')])
    .where('i.street_code', 'in', [...streets])
    .where('f.inspected_on', '>=', span.from)
    .where('f.inspected_on', '<=', span.to)
    .groupBy(['i.street_code', 'f.finding'])
    .execute();
  for (const r of rows) out.set(r.street_code, { ...(out.get(r.street_code) ?? {}), [r.finding]: n(r.n) });
  return out;
}

/** At a street's desk, which holds no findings: the corrections ordered in the span, by the kind of finding. */
export async function findingsReceived(db: Reader, streets: readonly string[], span: Span): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (streets.length === 0) return out;
  const rows = await db
    .selectFrom('corrections')
    .select(['street_code', 'finding', (eb) => eb.fn.countAll().as('n')])
    .where('street_code', 'in', [...streets])
    .where('ordered_on', '>=', span.from)
    .where('ordered_on', '<=', span.to)
    .groupBy(['street_code', 'finding'])
    .execute();
  for (const r of rows) out.set(r.street_code, { ...(out.get(r.street_code) ?? {}), [r.finding]: n(r.n) });
  return out;
}

export type CorrectionCounts = { ordered: number; open: number; overdue: number; done: number };

/**
 * Corrections of each street: ordered in the span; still open on its last day (ordered by then and not
 * done by then, whatever has happened since); of those, past their deadline; and done in the span.
 */
export async function correctionCounts(db: Reader, streets: readonly string[], span: Span): Promise<Map<string, CorrectionCounts>> {
  if (streets.length === 0) return new Map();
  const { from, to } = span;
  const notDoneBy = sql<boolean>`(closed_on IS NULL OR closed_on > ${to})`;
  const rows = await db
    .selectFrom('corrections')
    .select((eb) => [
      'street_code',
      eb.fn.sum<number>(eb.case().when(eb.and([eb('ordered_on', '>=', from), eb('ordered_on', '<=', to)])).then(1).else(0).end()).as('ordered'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('ordered_on', '<=', to), notDoneBy])).then(1).else(0).end()).as('open'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('ordered_on', '<=', to), notDoneBy, eb('deadline', '<', to)])).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('closed_on', '>=', from), eb('closed_on', '<=', to)])).then(1).else(0).end()).as('done'),
    ])
    .where('street_code', 'in', [...streets])
    .groupBy('street_code')
    .execute();
  return new Map(rows.map((r) => [r.street_code, { ordered: n(r.ordered), open: n(r.open), overdue: n(r.overdue), done: n(r.done) }]));
}
