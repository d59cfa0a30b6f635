// The demo's November meeting of the demo street, held through the same services the session screen
// calls: roll call with one member on leave and one 列席 guest, a recusal where a filed relative sits on
// the leading group, and a decision per item (complaints deferred for checking, a few rejections).
import type { BackendContext } from '../context';
import type { AgendaItemView, CloseResult, MeetingDetail } from '../../../shared/meeting';
import type { SessionUser } from '../../../shared/domain';
import { chinaDateOf } from '../../../shared/dates';
import { formatYuan } from '../../../shared/money';
import { deskAs } from '../commands/desk';
import { closeMeeting } from '../meetings/meeting-close';
import { currentUser } from '../session/session';
import { createMeeting, streetRoster } from '../meetings/meeting-prepare';
import { addObserver, addRecusal, markAllPresent, openMeeting, recordDecision, setAttendance } from '../meetings/meeting-session';

const REJECT_REASON = '经信息核对，家庭人均收入高于当地低保标准，不符合条件';
const DEFER_REASON = '群众投诉反映的情况尚待核实，暂缓审议，请社区补充调查后提交下次会议';

function decisionFor(item: AgendaItemView, index: number): { outcome: 'approve' | 'reject' | 'defer'; reason: string } {
  if (item.case.complaint) return { outcome: 'defer', reason: DEFER_REASON };
  if (index % 9 === 4 && (item.case.kind === 'temporary' || item.case.kind === 're_review')) return { outcome: 'reject', reason: REJECT_REASON };
  return { outcome: 'approve', reason: '' };
}

/** Holds and closes `month`'s meeting of the user's street (by default the signed-in user) through its commands. */
export async function holdDemoMeeting(ctx: BackendContext, month: string, as?: SessionUser): Promise<CloseResult> {
  const desk = deskAs(ctx, as ?? (await currentUser(ctx.db)));
  const streetCode = desk.user.regionCode;
  const roster = await streetRoster(ctx.db, streetCode);
  const chair = roster.find((m) => m.position === 'chair');
  const recorder = roster.find((m) => m.position === 'recorder');
  if (!chair || !recorder) throw new Error('the demo street has no chair or recorder');
  const lastVenue = await ctx.db.selectFrom('meetings').select('venue').where('street_code', '=', streetCode).orderBy('scheduled_at', 'desc').limit(1).executeTakeFirst();
  let m: MeetingDetail = await desk.run(createMeeting, {
    month,
    venue: lastVenue?.venue || '街道办事处会议室',
    scheduledAt: `${chinaDateOf(ctx.clock.now())}T09:00`,
    chairMemberId: chair.id,
    recorderMemberId: recorder.id,
  });
  // Someone away on business, but not the member the filed close relative names: the demo shows his recusal.
  const away = m.roster.find((r) => r.position === 'member' && !m.items.some((i) => i.case.closeRelativeNote.includes(r.name)));
  if (away) m = await desk.run(setAttendance, { meetingId: m.id, attendanceId: away.attendanceId, attendance: 'leave', reason: '参加区民政局业务培训' });
  m = await desk.run(markAllPresent, { meetingId: m.id });
  m = await desk.run(addObserver, { meetingId: m.id, name: '刘敏', title: `${m.items[0]?.case.communityName ?? '社区'}党委书记` });
  m = await desk.run(openMeeting, { meetingId: m.id });

  const live = m.items.filter((i) => !i.removed);
  for (const [index, item] of live.entries()) {
    // A member named in the household's close-relative filing leaves the room for that item.
    const related = m.roster.find((r) => r.voting && r.attendance === 'present' && item.case.closeRelativeNote.includes(r.name));
    if (related?.memberId) {
      m = await desk.run(addRecusal, { meetingId: m.id, itemId: item.id, memberId: related.memberId, reason: '与申请人家庭成员系近亲属，依规回避', leftRoom: true });
    }
    const current = m.items.find((i) => i.id === item.id)!;
    const { outcome, reason } = decisionFor(current, index);
    const amountYuan = outcome === 'approve' && current.case.amountRule === 'required' ? formatYuan(current.case.proposedAmountFen ?? 0) : null;
    m = await desk.run(recordDecision, {
      meetingId: m.id,
      itemId: item.id,
      outcome,
      reason,
      amountYuan,
      votesFor: current.eligibleVoters,
      votesAgainst: 0,
      votesAbstain: 0,
      notes: '',
    });
  }
  return desk.run(closeMeeting, { meetingId: m.id });
}
