// The only queries that feed a notice: they select the household head's name, the household size, the
// amount, category and kind, and nothing else. ID numbers, phones, addresses, income, property, health
// and disability are never read here, so they cannot reach a template by mistake.
import type { Kysely, Transaction } from 'kysely';
import type { NoticeRow } from '../../../shared/notice';
import { maskName, type NameMasking } from '../../../shared/masking';
import { isPaid } from '../../../shared/decision-effects';
import { assistanceOnDay } from '../cases/assistance';
import type { Database } from '../db/schema';

type Reader = Kysely<Database> | Transaction<Database>;

/** Rows of a notice batch, in the batch's order, names masked as the settings say. */
export async function batchRows(db: Reader, batchId: string, masking: NameMasking): Promise<NoticeRow[]> {
  const rows = await db
    .selectFrom('notice_items as i')
    .innerJoin('notice_batches as b', 'b.id', 'i.batch_id')
    .innerJoin('cases as c', 'c.id', 'i.case_id')
    .innerJoin('regions as cm', 'cm.code', 'c.community_code')
    .innerJoin('members as head', (j) => j.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
    .leftJoin('decisions as d', (j) => j.onRef('d.case_id', '=', 'c.id').onRef('d.meeting_id', '=', 'b.meeting_id'))
    .select((eb) => [
      'i.seq',
      'cm.name as community_name',
      'head.name as head_name',
      eb.selectFrom('members as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.household_id', '=', 'c.household_id').as('size'),
      'd.amount_fen',
      'c.proposed_amount_fen',
      'c.category',
      'c.kind',
    ])
    .where('i.batch_id', '=', batchId)
    .orderBy('i.seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    communityName: r.community_name,
    headName: maskName(r.head_name, masking),
    householdSize: Math.max(1, Number(r.size ?? 1)),
    amountFen: r.kind === 'termination' ? 0 : (r.amount_fen ?? r.proposed_amount_fen ?? 0),
    category: r.category,
    kind: r.kind,
  }));
}

/** 长期公示: the households of a community paid monthly assistance on `on`, with the amount in effect that day. */
export async function standingRows(db: Reader, communityCode: string, masking: NameMasking, on: string): Promise<NoticeRow[]> {
  const assistance = await assistanceOnDay(db, { region: communityCode }, on);
  // Recognition without cash (e.g. 低保边缘) is not a payment to announce.
  const paid = [...assistance].filter(([, h]) => isPaid(h) && h.category !== null);
  if (paid.length === 0) return [];
  const rows = await db
    .selectFrom('households as h')
    .innerJoin('regions as cm', 'cm.code', 'h.community_code')
    .innerJoin('members as head', (j) => j.onRef('head.household_id', '=', 'h.id').on('head.relation', '=', 'self'))
    .select((eb) => [
      'h.id',
      'h.household_no',
      'cm.name as community_name',
      'head.name as head_name',
      eb.selectFrom('members as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.household_id', '=', 'h.id').as('size'),
    ])
    .where('h.community_code', '=', communityCode)
    .where('h.id', 'in', paid.map(([id]) => id))
    .orderBy('h.household_no')
    .execute();
  return rows.map((r, i) => {
    const h = assistance.get(r.id)!;
    return {
      seq: i + 1,
      communityName: r.community_name,
      headName: maskName(r.head_name, masking),
      householdSize: Math.max(1, Number(r.size ?? 1)),
      amountFen: h.monthlyAmountFen,
      category: h.category ?? 'other',
      kind: null,
    };
  });
}
