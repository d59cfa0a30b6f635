// What a correction looks like to each side: the street's list (its cases, the requirement and deadline,
// its answers and the bureau's verdicts; never the finding's notes, which its copy does not hold) and the
// answers the bureau's spot-check view shows beside each correction.
import { canRead } from '../../../shared/access';
import { correctionSource, isOverdue, type CorrectionAnswerView, type StreetCorrection } from '../../../shared/corrections';
import { formatChineseMonth, chinaDateOf } from '../../../shared/dates';
import { findingLabels, outcomeLabels } from '../../../shared/glossary';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Reader = Kysely<Database> | Transaction<Database>;

/** Every answer to these corrections, oldest first, with the case and decision they name by number and meeting. */
export async function answersOf(db: Reader, correctionIds: string[]): Promise<Map<string, CorrectionAnswerView[]>> {
  const out = new Map<string, CorrectionAnswerView[]>();
  if (correctionIds.length === 0) return out;
  const rows = await db
    .selectFrom('correction_answers as a')
    .leftJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('decisions as d', 'd.id', 'a.decision_id')
    .leftJoin('meetings as m', 'm.id', 'd.meeting_id')
    .leftJoin('users as ua', 'ua.id', 'a.answered_by')
    .leftJoin('users as ur', 'ur.id', 'a.reviewed_by')
    .select([
      'a.id', 'a.correction_id', 'a.answered_on', 'a.answered_at', 'a.answer', 'a.case_id', 'c.case_no', 'a.decision_id', 'd.outcome', 'm.month', 'm.issue_no',
      'a.review', 'a.review_note', 'a.reviewed_at', 'a.reviewed_by', 'ua.name as answered_name', 'ur.name as reviewed_name',
    ])
    .where('a.correction_id', 'in', correctionIds)
    .orderBy('a.answered_at')
    // Answers of one instant (a clock the tests hold still): the returned ones came first, since only the
    // last can be accepted or still pending.
    .orderBy(sql`CASE a.review WHEN 'returned' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END`)
    .orderBy(sql`coalesce(a.reviewed_at, '9999')`)
    .orderBy('a.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.correction_id) ?? [];
    list.push({
      id: r.id,
      answeredOn: r.answered_on,
      recordedOn: chinaDateOf(r.answered_at),
      answer: r.answer,
      // Each copy knows its own people; the other side's are named by office.
      answeredBy: r.answered_name ?? '街道经办人',
      caseId: r.case_id,
      caseNo: r.case_no ?? null,
      decisionId: r.decision_id,
      decisionLabel: r.decision_id && r.month && r.issue_no !== null ? `${formatChineseMonth(r.month)}第${r.issue_no}期会议：${r.outcome ? outcomeLabels[r.outcome] : ''}` : null,
      review: r.review,
      reviewNote: r.review_note,
      reviewedBy: r.reviewed_by ? (r.reviewed_name ?? '区民政局') : null,
      reviewedOn: r.reviewed_at ? chinaDateOf(r.reviewed_at) : null,
    });
    out.set(r.correction_id, list);
  }
  return out;
}

/**
 * The corrections ordered on the cases of the user's jurisdiction (a street: its own; the bureau: its
 * district's), open and overdue ones first, then by deadline.
 */
export async function listCorrections(db: Reader, user: SessionUser, today: string): Promise<StreetCorrection[]> {
  const refused = canRead(user, user.regionCode, '整改');
  if (refused) throw new AppError('forbidden', refused.message);
  const rows = await db
    .selectFrom('corrections as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .innerJoin('regions as cm', 'cm.code', 'c.community_code')
    .leftJoin('members as head', (j) => j.onRef('head.household_id', '=', 'c.household_id').on('head.relation', '=', 'self'))
    .select([
      'k.id', 'k.street_code', 'k.case_id', 'c.case_no', 'c.household_id', 'head.name as head', 'cm.name as community', 'k.finding', 'k.requirement',
      'k.ordered_on', 'k.deadline', 'k.asks_case_kind', 'k.status', 'k.result', 'k.closed_on',
    ])
    .where('k.street_code', 'like', `${user.regionCode}%`)
    .execute();
  const answers = await answersOf(db, rows.map((r) => r.id));
  const opened = rows.length
    ? await db
        .selectFrom('cases')
        .select(['id', 'case_no', 'status', 'opened_for'])
        .where('opened_for', 'in', rows.map((r) => `correction:${r.id}`))
        .orderBy('applied_on')
        .execute()
    : [];
  const decided = opened.length
    ? await db
        .selectFrom('decisions as d')
        .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
        .select(['d.id', 'd.case_id', 'd.outcome', 'm.month', 'm.issue_no'])
        .where('m.status', '=', 'closed')
        .where('d.case_id', 'in', opened.map((c) => c.id))
        .orderBy('d.decided_at')
        .execute()
    : [];
  const decisionOf = new Map(decided.map((d) => [d.case_id, { id: d.id, label: `${formatChineseMonth(d.month)}第${d.issue_no}期会议：${outcomeLabels[d.outcome]}` }]));
  const openedFor = new Map(opened.map((c) => [c.opened_for!, { caseId: c.id, caseNo: c.case_no, status: c.status, decision: decisionOf.get(c.id) ?? null }]));
  const list = rows.map((r): StreetCorrection => {
    const mine = answers.get(r.id) ?? [];
    return {
      id: r.id,
      streetCode: r.street_code,
      caseId: r.case_id,
      caseNo: r.case_no,
      householdId: r.household_id,
      householdHead: r.head ?? '',
      communityName: r.community,
      finding: r.finding,
      findingLabel: findingLabels[r.finding],
      requirement: r.requirement,
      orderedOn: r.ordered_on,
      deadline: r.deadline,
      asksCaseKind: r.asks_case_kind,
      status: r.status,
      overdue: isOverdue({ ...r, answers: mine }, today),
      result: r.result,
      closedOn: r.closed_on,
      openedCase: openedFor.get(correctionSource(r.id)) ?? null,
      answers: mine,
    };
  });
  const rank = (c: StreetCorrection) => (c.status === 'done' ? 2 : c.overdue ? 0 : 1);
  return list.sort((a, b) => rank(a) - rank(b) || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1));
}
