// Decisions take effect on their day (issue 17): an announced approval on the day after its notice ends
// without an objection, an objection suspends it and sends the case back to the next agenda, and what is
// not announced takes effect at the close. The household row is never written; the assistance on a day,
// the standing list and the case record all follow the effective date.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/backend/clock';
import { assistanceOnDay, householdAssistance } from '../../electron/backend/cases/assistance';
import { standingRows } from '../../electron/backend/notices/notice-rows';
import { freshDatabase } from '../helpers/db';
import { testContext } from '../helpers/minimal';
import { seedMeetingWorld } from '../helpers/meeting-world';
import { api } from '../helpers/api';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const votes = { votesFor: 5, votesAgainst: 0, votesAbstain: 0 };

/**
 * 望江街道's November meeting with every case approved: c-0 new (h-0 applying), c-1 increase, c-2 temporary,
 * c-3 termination, c-4 re-review, c-5 new, c-6 decrease, c-7 phase-out for 3 months; closed on 2026-11-20.
 */
async function closedMeeting() {
  const t = await freshDatabase();
  cleanup = t.cleanup;
  seedMeetingWorld(t.handle, 9);
  const ctx = testContext(t.handle, t.dir);
  const a = api(ctx);
  let m = await a.call('meetings.create', { month: '2026-11', venue: '会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' });
  await a.call('meetings.markAllPresent', { meetingId: m.id });
  m = await a.call('meetings.open', { meetingId: m.id });
  for (const item of m.items) {
    const amountYuan = item.case.amountRule === 'required' ? String((item.case.proposedAmountFen ?? 0) / 100) : null;
    if (item.case.kind === 'phase_out') {
      // Longer than the standard allows (6 months by default) is refused at its field, and nothing is recorded.
      await a.refused('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan, ...votes, phaseOutMonths: 7 }, 'validation', /渐退期不能超过 6 个月/);
      m = await a.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan, ...votes, phaseOutMonths: 3 });
      continue;
    }
    await a.refused('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan, ...votes, phaseOutMonths: 3 }, 'validation', /只有同意渐退时/);
    m = await a.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan, ...votes });
  }
  const closed = await a.call('meetings.close', { meetingId: m.id });
  const at = (instant: string) => api({ ...ctx, clock: fixedClock(instant) });
  const paid = async (householdId: string, day: string) => {
    const h = await householdAssistance(t.handle.db, householdId, day);
    return `${h.status} ${h.monthlyAmountFen}`;
  };
  return { t, ctx, a, at, paid, meeting: closed.meeting };
}

describe('effect after notice', () => {
  it('pays an approval from the day after a clean notice, and never while it runs', async () => {
    const s = await closedMeeting();
    const rows = s.t.handle.sqlite.prepare('SELECT id, assistance_status, monthly_amount_fen FROM households ORDER BY id').all();
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    for (const b of batches) await s.at('2026-11-23T01:00:00Z').call('notices.post', { batchId: b.id });
    // Not announced: the re-review's amount holds from the close; the one-off temporary payment changes nothing.
    expect(await s.paid('h-4', '2026-11-19')).toBe('active 60000');
    expect(await s.paid('h-4', '2026-11-20')).toBe('active 56000');
    expect(await s.paid('h-2', '2026-12-31')).toBe('active 60000');
    // Announced, notice 2026-11-23 to 29: the old state until the 29th, the new one from the 30th.
    for (const day of ['2026-11-20', '2026-11-25', '2026-11-29']) {
      expect(await s.paid('h-0', day)).toBe('applicant 0');
      expect(await s.paid('h-1', day)).toBe('active 60000');
      expect(await s.paid('h-3', day)).toBe('active 60000');
    }
    expect(await s.paid('h-0', '2026-11-30')).toBe('active 52000');
    expect(await s.paid('h-1', '2026-11-30')).toBe('active 53000');
    expect(await s.paid('h-3', '2026-11-30')).toBe('terminated 0');
    expect(await s.paid('h-6', '2026-11-30')).toBe('active 58000');
    // The phase-out runs three months from 2026-11-30, to 2027-02-28, and pays nothing after; the
    // meeting's record (and so its minutes) carries the length.
    expect(s.meeting.items.find((i) => i.case.kind === 'phase_out')!.decision!.phaseOutMonths).toBe(3);
    expect(await s.paid('h-7', '2026-11-30')).toBe('phasing_out 59000');
    // (30 February does not exist: the third month runs to its last day.)
    expect((await householdAssistance(s.t.handle.db, 'h-7', '2026-11-30')).phaseOutEndsOn).toBe('2027-02-28');
    expect(await s.paid('h-7', '2027-02-28')).toBe('phasing_out 59000');
    expect(await s.paid('h-7', '2027-03-01')).toBe('terminated 0');
    // The household rows hold the opening state only: nothing was written to them.
    expect(s.t.handle.sqlite.prepare('SELECT id, assistance_status, monthly_amount_fen FROM households ORDER BY id').all()).toEqual(rows);

    // The standing list and the case record follow the day.
    const standing = async (day: string) => (await standingRows(s.t.handle.db, '430188001001', 'full', day)).map((r) => `${r.headName} ${r.amountFen}`);
    const before = await standing('2026-11-29');
    const after = await standing('2026-11-30');
    // h-1 王华 increased, h-3 赵芳 terminated, h-5 陈静 newly approved, h-7 黄敏 phasing out.
    expect(before).toEqual(['王华 60000', '赵芳 60000', '黄敏 60000']);
    expect(after).toEqual(['王华 53000', '陈静 57000', '黄敏 59000']);
    const record = await s.at('2026-11-30T02:00:00Z').call('cases.record', { caseId: 'c-1' });
    expect(record.household).toMatchObject({ assistanceStatus: 'active', monthlyAmountFen: 53000 });
    const during = await s.at('2026-11-25T02:00:00Z').call('cases.record', { caseId: 'c-1' });
    expect(during.household).toMatchObject({ assistanceStatus: 'active', monthlyAmountFen: 60000 });
  });

  it('counts only a notice that was put up: a draft never posted leaves the approval waiting', async () => {
    const s = await closedMeeting();
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    expect(await s.paid('h-1', '2026-12-15')).toBe('active 60000');
    const withH1 = batches.find((b) => b.communityCode === '430188001001')!;
    await s.at('2026-11-23T01:00:00Z').call('notices.post', { batchId: withH1.id });
    expect(await s.paid('h-1', '2026-12-15')).toBe('active 53000');
    // The other community's batch stays a draft: its new application (h-0) is not paid.
    expect(await s.paid('h-0', '2026-12-15')).toBe('applicant 0');
  });

  it('leaves a household with an objection unpaid, and its case on the next agenda until decided again', async () => {
    const s = await closedMeeting();
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    const batch = batches.find((b) => b.communityCode === '430188001002')!;
    await s.at('2026-11-23T01:00:00Z').call('notices.post', { batchId: batch.id });
    const day = s.at('2026-11-25T03:00:00Z');
    await day.call('notices.recordObjection', { batchId: batch.id, caseId: 'c-0', receivedOn: '2026-11-25', objector: '匿名', channel: 'hotline_12349', content: '反映该户有经营性收入' });
    // c-0 stays unpaid after the notice ends; c-4 (same batch community, not announced) is unaffected.
    for (const d of ['2026-11-30', '2026-12-31', '2027-06-30']) expect(await s.paid('h-0', d)).toBe('applicant 0');
    const all = await assistanceOnDay(s.t.handle.db, { region: '430188001' }, '2026-12-31');
    expect(all.get('h-0')!.status).toBe('applicant');

    const next = await day.call('meetings.create', { month: '2026-12', venue: '会议室', scheduledAt: '2026-12-18T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' });
    expect(next.items.map((i) => i.case.id)).toEqual(['c-0']);
    await day.call('meetings.markAllPresent', { meetingId: next.id });
    const open = await day.call('meetings.open', { meetingId: next.id, onAnotherDay: true });
    await day.call('meetings.recordDecision', { meetingId: next.id, itemId: open.items[0]!.id, outcome: 'approve', amountYuan: '480', ...votes });
    await day.call('meetings.close', { meetingId: next.id });
    // Decided again, it waits for its own notice; a clean one makes it effective the day after it ends.
    expect(await s.paid('h-0', '2026-12-31')).toBe('applicant 0');
    const renewed = await day.call('notices.createFromMeeting', { meetingId: next.id, startDate: '2026-11-26' });
    await s.at('2026-11-26T01:00:00Z').call('notices.post', { batchId: renewed[0]!.id });
    expect(await s.paid('h-0', '2026-12-02')).toBe('applicant 0');
    expect(await s.paid('h-0', '2026-12-03')).toBe('active 48000');
  });

  it('refuses to supersede a decision of the same meeting, or of a meeting that has not closed', async () => {
    const s = await closedMeeting();
    const first = s.meeting.items.find((i) => i.case.id === 'c-4')!;
    const decisionId = first.decision!.id;
    const next = await s.a.call('meetings.create', { month: '2026-12', venue: '会议室', scheduledAt: '2026-12-18T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' });
    expect(next.items).toHaveLength(0);
    // A 复核 for h-4 from a correction the bureau ordered on c-4, put on the December meeting at once.
    s.t.handle.sqlite
      .prepare("INSERT INTO corrections (id, finding_id, street_code, case_id, finding, ordered_on, requirement, deadline, asks_case_kind, status, updated_at) VALUES ('test-1', 'f-1', '430188001', 'c-4', 'wrong_amount', '2026-11-25', '重新核定保障金额', '2026-12-25', 're_review', 'open', ?)")
      .run('2026-11-25T02:00:00.000Z');
    // Another household cannot take the correction, nor a due item of h-4, as its source; nothing is made.
    const cases = s.t.handle.sqlite.prepare('SELECT count(*) FROM cases').pluck().get();
    await s.a.refused('cases.openReview', { householdId: 'h-6', kind: 're_review', reason: '伪造来源', openedFor: 'correction:test-1' }, 'validation', /来源事项不属于这一户/);
    await s.a.refused('cases.openReview', { householdId: 'h-6', kind: 're_review', reason: '伪造来源', openedFor: 'due:recheck:h-4:2027-11-30' }, 'validation', /来源事项不属于这一户/);
    await s.a.refused('cases.openReview', { householdId: 'h-6', kind: 're_review', reason: '伪造来源', openedFor: 'due:nothing:h-6' }, 'validation', /来源事项不属于这一户/);
    // Nor a variant of a real source, which would escape the one-case-per-source check.
    for (const variant of ['correction:test-1:x', 'due:recheck:h-6:2027-11-30:x', 'due:recheck:h-6:someday']) {
      await s.a.refused('cases.openReview', { householdId: variant.startsWith('correction') ? 'h-4' : 'h-6', kind: 'termination', reason: '变体来源', openedFor: variant }, 'validation', /来源事项不属于这一户/);
    }
    expect(s.t.handle.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(cases);
    const opened = await s.a.call('cases.openReview', { householdId: 'h-4', kind: 're_review', reason: '区民政局抽查发现金额不准，要求复核', openedFor: 'correction:test-1' });
    expect(opened.meetingId).toBe(next.id);
    await s.a.refused('cases.openReview', { householdId: 'h-4', kind: 're_review', reason: '再次复核', openedFor: 'correction:test-1' }, 'conflict', /已列入个案/);
    await s.a.call('meetings.markAllPresent', { meetingId: next.id });
    const open = await s.at('2026-12-18T02:00:00Z').call('meetings.open', { meetingId: next.id });
    const item = open.items.find((i) => i.case.id === opened.caseId)!;
    const later = s.at('2026-12-18T03:00:00Z');
    const before = s.t.handle.sqlite.prepare('SELECT count(*) FROM decisions').pluck().get();
    await later.refused('meetings.recordDecision', { meetingId: next.id, itemId: item.id, outcome: 'approve', amountYuan: null, ...votes, supersedesDecisionId: 'nope' }, 'validation', /不存在/);
    const other = s.meeting.items.find((i) => i.case.id === 'c-1')!.decision!.id;
    await later.refused('meetings.recordDecision', { meetingId: next.id, itemId: item.id, outcome: 'approve', amountYuan: null, ...votes, supersedesDecisionId: other }, 'validation', /不是这一户的/);
    expect(s.t.handle.sqlite.prepare('SELECT count(*) FROM decisions').pluck().get()).toBe(before);
    await later.call('meetings.recordDecision', { meetingId: next.id, itemId: item.id, outcome: 'approve', amountYuan: null, ...votes, supersedesDecisionId: decisionId });
    expect(s.t.handle.sqlite.prepare('SELECT supersedes_id FROM decisions WHERE case_id = ?').pluck().get(opened.caseId)).toBe(decisionId);
    // The only open meeting a street can have is this one: its own decisions are voted again, not superseded.
    const second = await s.a.call('cases.openReview', { householdId: 'h-6', kind: 're_review', reason: '复核', openedFor: 'due:recheck:h-6:2027-11-30' });
    expect(second.meetingId).toBeNull(); // the December meeting is in session now: it waits for the next one
    const own = s.t.handle.sqlite.prepare('SELECT id FROM decisions WHERE meeting_id = ?').pluck().get(next.id) as string;
    await later.refused('meetings.recordDecision', { meetingId: next.id, itemId: item.id, outcome: 'approve', amountYuan: null, ...votes, supersedesDecisionId: own }, 'validation', /本次会议的决定/);
    // Immutable after the close: the link stays as it was recorded.
    await later.call('meetings.close', { meetingId: next.id });
    expect(() => s.t.handle.sqlite.prepare('UPDATE decisions SET supersedes_id = NULL WHERE case_id = ?').run(opened.caseId)).toThrow();
  });
});
