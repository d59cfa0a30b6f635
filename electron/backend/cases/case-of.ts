// The case a record-page command acts on, loaded inside its transaction, and the rules every such command
// shares: the case's street writes it, and a case waiting for a decision is the only one whose file may
// still change (a decided case is history; its decision is never edited here).
import type { Transaction } from 'kysely';
import { canWriteStreet, type Actor, type Denial } from '../../../shared/access';
import { agendaCaseStatuses } from '../../../shared/meeting-rules';
import { AppError } from '../../../shared/result';
import type { CommandContext } from '../commands/command';
import type { Database } from '../db/schema';

type Trx = Transaction<Database>;

export type CaseOf = {
  id: string;
  case_no: string;
  household_id: string;
  street_code: string;
  community_code: string;
  kind: Database['cases']['kind'];
  category: Database['cases']['category'];
  status: Database['cases']['status'];
  applied_on: string;
  current_amount_fen: number | null;
  prepaid_amount_fen: number | null;
  close_relative: 0 | 1;
  complaint: 0 | 1;
};

export async function caseOf(trx: Trx, caseId: string): Promise<CaseOf> {
  const c = await trx
    .selectFrom('cases')
    .select(['id', 'case_no', 'household_id', 'street_code', 'community_code', 'kind', 'category', 'status', 'applied_on', 'current_amount_fen', 'prepaid_amount_fen', 'close_relative', 'complaint'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!c) throw new AppError('not-found', '没有找到这个个案');
  return c;
}

/** A loader for commands whose arguments name a case. */
export const loadCase = (cx: CommandContext, args: { caseId: string }) => caseOf(cx.trx, args.caseId);

/** The case's street office writes its record. */
export const caseWriter =
  (what: string) =>
  (user: Actor, c: CaseOf): Denial | null =>
    canWriteStreet(user, c.street_code, what);

export function isOpenCase(c: Pick<CaseOf, 'status'>): boolean {
  return agendaCaseStatuses.includes(c.status);
}

/** Refuses a change to the file of a decided case, or of one the leading group is deciding right now. */
export async function assertFileOpen(trx: Trx, c: CaseOf, what: string): Promise<void> {
  if (!isOpenCase(c)) throw new AppError('conflict', `个案 ${c.case_no} 已作出决定，不能再${what}`);
  const sitting = await trx
    .selectFrom('agenda_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select('m.id')
    .where('a.case_id', '=', c.id)
    .where('a.removed', '=', 0)
    .where('m.status', '=', 'in_session')
    .executeTakeFirst();
  if (sitting) throw new AppError('conflict', `个案 ${c.case_no} 正在会上审议，会议结束前不能${what}`);
}

/** A refusal a form shows at one field (`summary` above the form, where it says more or less than the field's line). */
export function refusedAt(field: string, message: string, summary = message): AppError {
  return new AppError('validation', summary, { problems: [{ field, message }] });
}
