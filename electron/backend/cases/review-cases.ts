// cases.openReview: a 复核 or 停保 case for a household in assistance, opened from a due item or a
// correction, taken in under intake's rules (takeIn) and put on the street's next draft meeting at once.
import { canWriteStreet } from '../../../shared/access';
import { formatChineseMonth } from '../../../shared/dates';
import { correctionOfSource } from '../../../shared/corrections';
import { dueSourceSubject } from '../../../shared/due';
import { AppError, missingCase } from '../../../shared/result';
import { reviewCaseArgs, type ReviewCaseResult } from '../../../shared/review-case';
import { defineCommand, type CommandContext } from '../commands/command';
import { beginMeetingChange } from '../meetings/meeting-load';
import { appendAgendaItem } from '../meetings/meeting-prepare';
import { householdAssistance, isAssisted } from './assistance';
import { NumberSeries, takeIn } from './intake';

type Trx = CommandContext['trx'];

/**
 * The due item or correction a case is opened for must concern this household: otherwise a forged source
 * could hold another household's item (or another street's correction) as taken while its case is pending.
 */
async function assertSourceOfHousehold(trx: Trx, openedFor: string, householdId: string): Promise<void> {
  const refused = () => new AppError('validation', '来源事项不属于这一户', { problems: [{ field: 'openedFor', message: '来源事项不属于这一户' }] });
  const correctionId = correctionOfSource(openedFor);
  if (correctionId !== null) {
    const c = await trx.selectFrom('corrections as k').innerJoin('cases as c', 'c.id', 'k.case_id').select(['c.household_id', 'k.status']).where('k.id', '=', correctionId).executeTakeFirst();
    if (!c || c.household_id !== householdId) throw refused();
    if (c.status === 'done') throw new AppError('validation', '这项整改已办结，不需要再列入复核或停保');
    return;
  }
  // Only the exact shape of a due item's key: a variant (a trailing part, another day) would escape the
  // check that one source opens one case.
  const subject = dueSourceSubject(openedFor);
  if (subject === null) throw refused();
  switch (subject.of) {
    case 'household':
      if (subject.id !== householdId) throw refused();
      return;
    case 'member': {
      const m = await trx.selectFrom('members').select('household_id').where('id', '=', subject.id).executeTakeFirst();
      if (m?.household_id !== householdId) throw refused();
      return;
    }
    case 'case': {
      const c = await trx.selectFrom('cases').select('household_id').where('id', '=', subject.id).executeTakeFirst();
      if (c?.household_id !== householdId) throw refused();
      return;
    }
    default:
      return missingCase(subject.of, 'due subject');
  }
}

export const openReviewCase = defineCommand({
  name: 'cases.openReview',
  label: '列入复核或停保',
  args: reviewCaseArgs.open,
  async load({ trx }, args) {
    const h = await trx.selectFrom('households').select(['id', 'street_code', 'community_code']).where('id', '=', args.householdId).executeTakeFirst();
    if (!h) throw new AppError('not-found', '没有找到这一户');
    return h;
  },
  access: (user, h) => canWriteStreet(user, h.street_code, '个案'),
  async run(cx, args, h): Promise<ReviewCaseResult> {
    await assertSourceOfHousehold(cx.trx, args.openedFor, h.id);
    const taken = await cx.trx.selectFrom('cases').select('case_no').where('opened_for', '=', args.openedFor).where('status', 'in', ['pending', 'deferred', 'reinvestigating']).executeTakeFirst();
    if (taken) throw new AppError('conflict', `这一事项已列入个案 ${taken.case_no}，待会议审议`);
    const now = await householdAssistance(cx.trx, h.id, cx.today);
    if (!isAssisted(now) || now.category === null) throw new AppError('validation', '这一户目前不在保，不需要复核或停保');
    const made = await takeIn(
      cx,
      {
        communityCode: h.community_code,
        kind: args.kind,
        category: now.category,
        appliedOn: cx.today,
        reason: args.reason,
        documents: [],
        relativesDeclaration: null,
        relativesDeclarationNote: '',
        declaredIncomeFen: null,
        household: { on: 'file', householdId: h.id },
      },
      new NumberSeries(),
    );
    await cx.trx.updateTable('cases').set({ opened_for: args.openedFor }).where('id', '=', made.caseId).execute();
    // The street's next meeting still being prepared takes it; otherwise the next meeting's agenda will.
    const next = await cx.trx
      .selectFrom('meetings')
      .selectAll()
      .where('street_code', '=', h.street_code)
      .where('status', '=', 'draft')
      .orderBy('scheduled_at')
      .executeTakeFirst();
    let meetingId: string | null = null;
    // The case was made just now, so it is on no other meeting's agenda.
    if (next) {
      await beginMeetingChange(cx, next, ['draft']);
      const itemId = await appendAgendaItem(cx, next.id, made.caseId);
      cx.audit({ action: 'agenda.add', entity: 'agenda_item', entityId: itemId, details: { meetingId: next.id, caseId: made.caseId, openedFor: args.openedFor } });
      meetingId = next.id;
    }
    cx.audit({ action: 'case.openReview', entity: 'cases', entityId: made.caseId, details: { kind: args.kind, openedFor: args.openedFor, meetingId } });
    return { caseId: made.caseId, caseNo: made.caseNo, meetingId, meetingLabel: next && meetingId ? `${formatChineseMonth(next.month)}第${next.issue_no}期会议` : null };
  },
});
