// Corrections both ways through a real centre on loopback (issue 17 item 2): the bureau's desk orders a
// correction, the centre sends it (never the finding and its notes) to the street's desk, the street puts
// a 停保 case on its next agenda and answers naming it, the bureau returns the answer with a note, the
// street answers again and the bureau accepts. Attacks are refused with a Chinese reason and write
// nothing, at the desk and at the centre; decisions may supersede only closed meetings' of the street.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskAs } from '../../electron/backend/commands/desk';
import { answerCorrection, reviewCorrectionAnswer } from '../../electron/backend/corrections/corrections';
import { listCorrections } from '../../electron/backend/corrections/correction-view';
import { openReviewCase } from '../../electron/backend/cases/review-cases';
import { holdDemoSpotCheck } from '../../electron/backend/demo/demo-spotcheck';
import { createMeeting, streetRoster } from '../../electron/backend/meetings/meeting-prepare';
import { markAllPresent, openMeeting, recordDecision } from '../../electron/backend/meetings/meeting-session';
import { getSettings } from '../../electron/backend/settings/settings';
import { meetingDetail } from '../../electron/backend/meetings/meeting-view';
import { earlierDecisionsOf } from '../../electron/backend/meetings/decision-links';
import { drawDetail } from '../../electron/backend/spotchecks/draw-view';
import { closeCorrection, orderCorrection, recordFinding } from '../../electron/backend/spotchecks/inspection';
import { rosterUserNamed } from '../../electron/backend/session/session';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { addDays } from '../../shared/dates';
import type { Account } from '../../shared/sync';
import { centralTemplate, centreBackends, centreRows, centreValue, fastRetry, type Client } from '../helpers/central';
import { rawClient } from '../helpers/raw-client';

describe.each(centreBackends)('on the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  let server: Awaited<ReturnType<typeof central.server>>;
  let bureau: { client: Client; account: Account };
  let street: { client: Client; account: Account; username: string };
  let drawId: string;
  /** The 停保 case the street opened from the correction, on its November meeting. */
  let openedCaseId: string;
  /** The correction the test follows: a 错保 on an approved case of 望江街道, still open. */
  let target: { id: string; caseId: string; householdId: string; orderedOn: string; deadline: string };

  const centre = <T>(sql: string, ...p: unknown[]) => centreValue<T>(server.store.db, sql, ...p);

  async function signedIn(username: string): Promise<{ client: Client; account: Account }> {
    const client = await central.client();
    const account = await signIn(client.ctx, server.url, username, server.password(username), 'test', fastRetry);
    await syncNow(client.ctx, fastRetry);
    return { client, account };
  }

  const desk = async (c: Client, username: string) => deskAs(c.ctx, await rosterUserNamed(c.ctx.db, username));
  const count = (c: Client, sql: string, ...p: unknown[]) => c.ctx.sqlite.prepare(sql).pluck().get(...p) as number;

  /** The centre's change log, audit log and the correction tables: what a refused command must leave as it was. */
  async function snapshot(): Promise<string> {
    const rows = [];
    for (const t of ['corrections', 'correction_answers', 'decisions', 'cases']) rows.push((await centreRows(server.store.db, `SELECT count(*) AS n, coalesce(sum(version), 0) AS v FROM ${t}`))[0]);
    return JSON.stringify({ log: await centre('SELECT coalesce(max(seq), 0) FROM change_log'), audit: await centre('SELECT count(*) FROM audit_log'), rows });
  }

  beforeAll(async () => {
    server = await central.server();
    bureau = await signedIn('bureau-chief');
    const draw = await holdDemoSpotCheck(bureau.client.ctx);
    drawId = draw.id;
    expect(await syncNow(bureau.client.ctx, fastRetry)).toMatchObject({ rejected: 0 });
    // The chief inspects one of 望江街道's approved cases, finds it wrongly included and orders a correction asking for a 停保 case.
    const chief = await desk(bureau.client, 'bureau-chief');
    const item = draw.items.find((i) => i.streetCode === '430188001' && i.outcome === 'approved' && !i.finding && i.inspectorA)!;
    expect(item, 'an approved case of 望江街道 not yet inspected').toBeDefined();
    let view = await chief.run(recordFinding, { itemId: item.id, method: 'home_visit', inspectedOn: '2026-11-20', finding: 'wrongly_included', notes: '入户核实：户主之子月收入约 5,000 元未申报' });
    const findingId = view.items.find((i) => i.id === item.id)!.finding!.id;
    view = await chief.run(orderCorrection, { findingId, requirement: '重新核算家庭收入，不符合条件的停发低保金', orderedOn: '2026-11-20', deadline: '2026-12-20', asksCaseKind: 'termination' });
    const c = view.items.find((i) => i.id === item.id)!.finding!.correction!;
    expect(c).toMatchObject({ status: 'open', asksCaseKind: 'termination', answers: [] });
    expect(await syncNow(bureau.client.ctx, fastRetry)).toMatchObject({ rejected: 0 });
    target = { id: c.id, caseId: item.caseId, householdId: await centre<string>('SELECT household_id FROM cases WHERE id = ?', item.caseId), orderedOn: c.orderedOn, deadline: c.deadline };
    street = { ...(await signedIn('st001-staff1')), username: 'st001-staff1' };
  }, 240_000);

  afterAll(async () => {
    await central.cleanup();
    await central.dispose();
  });

  describe('a correction both ways through the centre', () => {
    it('reaches the street’s copy without the finding or its notes', async () => {
      const s = street.client;
      expect(count(s, 'SELECT count(*) FROM spot_check_findings')).toBe(0);
      expect(count(s, 'SELECT count(*) FROM spot_check_items')).toBe(0);
      expect(count(s, "SELECT count(*) FROM corrections WHERE street_code <> '430188001'")).toBe(0);
      expect(count(s, 'SELECT count(*) FROM corrections WHERE id = ?', target.id)).toBe(1);
      const list = await listCorrections(s.ctx.db, street.account as never, '2026-11-20');
      const mine = list.find((c) => c.id === target.id)!;
      expect(mine).toMatchObject({ caseId: target.caseId, finding: 'wrongly_included', findingLabel: '错保', status: 'open', overdue: false, deadline: '2026-12-20', asksCaseKind: 'termination', answers: [] });
      expect(mine.householdHead).not.toBe('');
      expect(mine.requirement).toBe('重新核算家庭收入，不符合条件的停发低保金');
      // Nothing the inspectors wrote reaches the street, in the list or anywhere in its copy.
      expect(JSON.stringify(list)).not.toMatch(/入户核实|月收入约/);
      expect(JSON.stringify(s.ctx.sqlite.prepare('SELECT * FROM corrections').all())).not.toMatch(/月收入约/);
      // Past its deadline and not done, it is flagged.
      expect((await listCorrections(s.ctx.db, street.account as never, addDays(target.deadline, 1))).find((c) => c.id === target.id)!.overdue).toBe(true);
    });

    it('refuses attacks on the answer at the desk and at the centre, writing nothing', async () => {
      const staff = await desk(street.client, street.username);
      const otherHousehold = street.client.ctx.sqlite.prepare("SELECT id FROM cases WHERE street_code = '430188001' AND household_id <> ? LIMIT 1").pluck().get(target.householdId) as string;
      const before = count(street.client, 'SELECT count(*) FROM correction_answers') + count(street.client, 'SELECT count(*) FROM outbox');
      await expect(staff.run(answerCorrection, { correctionId: target.id, answeredOn: '2026-11-20', answer: '已处理', caseId: otherHousehold })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/不是被要求整改的这一户的/) });
      await expect(staff.run(answerCorrection, { correctionId: target.id, answeredOn: addDays(target.orderedOn, -1), answer: '已处理' })).rejects.toMatchObject({ message: expect.stringMatching(/不能早于整改下达日期/) });
      expect(count(street.client, 'SELECT count(*) FROM correction_answers') + count(street.client, 'SELECT count(*) FROM outbox')).toBe(before);
      expect(count(street.client, "SELECT count(*) FROM corrections WHERE id = ? AND status = 'open'", target.id)).toBe(1);

      // Another street's staff, pushing straight to the centre; a street account reviewing; an inspector reviewing.
      const snap = await snapshot();
      const other = await rawClient(server.url, 'st002-staff1', server.password('st002-staff1'));
      const foreign = await other.one({ name: 'corrections.answer', args: { correctionId: target.id, answeredOn: '2026-11-20', answer: '伪造的答复' } });
      expect(foreign).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/只有本街道的经办人/) });
      const mine = await rawClient(server.url, street.username, server.password(street.username));
      const wrongHousehold = await mine.one({ name: 'corrections.answer', args: { correctionId: target.id, answeredOn: '2026-11-20', answer: '伪造', caseId: otherHousehold } });
      expect(wrongHousehold).toMatchObject({ code: 'validation', message: expect.stringMatching(/这一户/) });
      const otherStreetDecision = await centre<string>("SELECT d.id FROM decisions d JOIN meetings m ON m.id = d.meeting_id WHERE m.street_code = '430188002' LIMIT 1");
      const foreignDecision = await mine.one({ name: 'corrections.answer', args: { correctionId: target.id, answeredOn: '2026-11-20', answer: '伪造', decisionId: otherStreetDecision } });
      expect(foreignDecision).toMatchObject({ code: 'validation', message: expect.stringMatching(/不是本街道/) });
      const selfReview = await mine.one({ name: 'corrections.review', args: { answerId: 'any', verdict: 'accepted', note: '' } });
      expect(selfReview).toMatchObject({ code: 'not-found' });
      expect(await snapshot()).toBe(snap);
    });

    it('is answered with a 停保 case put on the next agenda, returned with a note, answered again and accepted', async () => {
      const s = street.client;
      const staff = await desk(s, street.username);
      // The street prepares its next meeting, then puts the 停保 case straight onto it.
      const roster = await streetRoster(s.ctx.db, '430188001');
      const chair = roster.find((r) => r.position === 'chair')!;
      const recorder = roster.find((r) => r.position === 'recorder')!;
      const meeting = await staff.run(createMeeting, { month: '2026-11', venue: '街道办事处会议室', scheduledAt: '2026-11-25T09:00', chairMemberId: chair.id, recorderMemberId: recorder.id });
      const opened = await staff.run(openReviewCase, { householdId: target.householdId, kind: 'termination', reason: '区民政局抽查整改：重新核算家庭收入', openedFor: `correction:${target.id}` });
      expect(opened.meetingId).toBe(meeting.id);
      openedCaseId = opened.caseId;
      let list = await staff.run(answerCorrection, { correctionId: target.id, answeredOn: '2026-11-20', answer: '已入户复核，列入11月会议停保审议', caseId: opened.caseId });
      let mine = list.find((c) => c.id === target.id)!;
      expect(mine).toMatchObject({ status: 'answered', openedCase: { caseId: opened.caseId, caseNo: opened.caseNo } });
      expect(mine.answers).toMatchObject([{ caseNo: opened.caseNo, review: 'pending' }]);
      // A second answer while the first awaits review is refused.
      await expect(staff.run(answerCorrection, { correctionId: target.id, answeredOn: '2026-11-20', answer: '再次答复' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/等待区民政局审核/) });
      expect(await syncNow(s.ctx, fastRetry)).toMatchObject({ rejected: 0 });
      expect(await centre<string>('SELECT status FROM corrections WHERE id = ?', target.id)).toBe('answered');

      // The answer reaches the bureau's desk, whose chief returns it; an inspector may not.
      const b = bureau.client;
      await syncNow(b.ctx, fastRetry);
      const chief = await desk(b, 'bureau-chief');
      let view = await drawDetail(b.ctx.db, drawId, chief.user);
      const answer = view.items.find((i) => i.finding?.correction?.id === target.id)!.finding!.correction!.answers[0]!;
      expect(answer).toMatchObject({ answer: '已入户复核，列入11月会议停保审议', caseId: opened.caseId, caseNo: opened.caseNo, review: 'pending' });
      const inspector = await desk(b, 'bureau-insp1');
      await expect(inspector.run(reviewCorrectionAnswer, { answerId: answer.id, verdict: 'accepted', note: '' })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/只有区民政局科长/) });
      await expect(chief.run(reviewCorrectionAnswer, { answerId: answer.id, verdict: 'returned', note: '' })).rejects.toMatchObject({ code: 'invalid-args' });
      // The chief's own close gives way to the review while an answer waits.
      await expect(chief.run(closeCorrection, { correctionId: target.id, result: '直接结束', closedOn: '2026-11-20' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/请审核它的答复/) });
      view = await chief.run(reviewCorrectionAnswer, { answerId: answer.id, verdict: 'returned', note: '请附停保决定后再报' });
      expect(view.items.find((i) => i.finding?.correction?.id === target.id)!.finding!.correction!).toMatchObject({ status: 'open', answers: [{ review: 'returned', reviewNote: '请附停保决定后再报' }] });
      expect(await syncNow(b.ctx, fastRetry)).toMatchObject({ rejected: 0 });

      // The street sees it returned, with the note, and answers again.
      await syncNow(s.ctx, fastRetry);
      mine = (await listCorrections(s.ctx.db, staff.user, '2026-11-20')).find((c) => c.id === target.id)!;
      expect(mine).toMatchObject({ status: 'open', answers: [{ review: 'returned', reviewNote: '请附停保决定后再报', reviewedBy: '区民政局' }] });
      list = await staff.run(answerCorrection, { correctionId: target.id, answeredOn: '2026-11-20', answer: '停保个案已列入11月会议议程，会后报送决定', caseId: opened.caseId });
      expect(await syncNow(s.ctx, fastRetry)).toMatchObject({ rejected: 0 });

      // The bureau accepts the second answer: the correction is done, its result the answer.
      await syncNow(b.ctx, fastRetry);
      view = await drawDetail(b.ctx.db, drawId, chief.user);
      const second = view.items.find((i) => i.finding?.correction?.id === target.id)!.finding!.correction!.answers[1]!;
      expect(second.review).toBe('pending');
      await chief.run(reviewCorrectionAnswer, { answerId: second.id, verdict: 'accepted', note: '' });
      await expect(chief.run(reviewCorrectionAnswer, { answerId: second.id, verdict: 'accepted', note: '' })).rejects.toMatchObject({ code: 'conflict' });
      expect(await syncNow(b.ctx, fastRetry)).toMatchObject({ rejected: 0 });
      await syncNow(s.ctx, fastRetry);
      mine = (await listCorrections(s.ctx.db, staff.user, addDays(target.deadline, 5))).find((c) => c.id === target.id)!;
      expect(mine).toMatchObject({ status: 'done', result: '停保个案已列入11月会议议程，会后报送决定', closedOn: '2026-11-20', overdue: false });
      expect(mine.answers.map((a) => a.review)).toEqual(['returned', 'accepted']);
      await expect(staff.run(answerCorrection, { correctionId: target.id, answeredOn: '2026-11-20', answer: '又一次' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/已经审核通过/) });
      expect(count(s, 'SELECT count(*) FROM spot_check_findings')).toBe(0);
      expect(await centre<string>('SELECT status FROM corrections WHERE id = ?', target.id)).toBe('done');
    });
  });

  describe('a decision that supersedes an earlier one', () => {
    it('is refused for a decision of the same open meeting or of another street, at the desk and at the centre', async () => {
      const s = street.client;
      const staff = await desk(s, street.username);
      const meetingId = s.ctx.sqlite.prepare("SELECT id FROM meetings WHERE street_code = '430188001' AND status = 'draft'").pluck().get() as string;
      await staff.run(markAllPresent, { meetingId });
      const m = await staff.run(openMeeting, { meetingId, onAnotherDay: true });
      const [first, second] = m.items;
      const decide = (itemId: string, voters: number, supersedesDecisionId?: string) =>
        staff.run(recordDecision, { meetingId, itemId, outcome: 'reject', reason: '经核对不符合条件', amountYuan: null, votesFor: voters, votesAgainst: 0, votesAbstain: 0, notes: '', ...(supersedesDecisionId ? { supersedesDecisionId } : {}) });
      await decide(first!.id, first!.eligibleVoters);
      const openDecision = s.ctx.sqlite.prepare('SELECT id FROM decisions WHERE agenda_item_id = ?').pluck().get(first!.id) as string;
      await expect(decide(second!.id, second!.eligibleVoters, openDecision)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/本次会议的决定|不是这一户的/) });
      const foreign = await centre<string>("SELECT d.id FROM decisions d JOIN meetings m ON m.id = d.meeting_id WHERE m.street_code = '430188002' AND m.status = 'closed' LIMIT 1");
      await expect(decide(second!.id, second!.eligibleVoters, foreign)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/不是本街道的决定/) });
      expect(s.ctx.sqlite.prepare('SELECT count(*) FROM decisions WHERE agenda_item_id = ?').pluck().get(second!.id)).toBe(0);
      expect(await syncNow(s.ctx, fastRetry)).toMatchObject({ rejected: 0 });
      // Forged at the centre: the other street's decision, and one of a meeting still in session.
      const snap = await snapshot();
      const raw = await rawClient(server.url, street.username, server.password(street.username));
      const args = { meetingId, itemId: second!.id, outcome: 'reject', reason: '伪造', amountYuan: null, votesFor: second!.eligibleVoters, votesAgainst: 0, votesAbstain: 0, notes: '' };
      expect(await raw.one({ name: 'meetings.recordDecision', args: { ...args, supersedesDecisionId: foreign }, context: { claims: { amountFen: null } } })).toMatchObject({ code: 'validation', message: expect.stringMatching(/不是本街道的决定/) });
      expect(await raw.one({ name: 'meetings.recordDecision', args: { ...args, supersedesDecisionId: openDecision }, context: { claims: { amountFen: null } } })).toMatchObject({ code: 'validation', message: expect.stringMatching(/[\u4e00-\u9fff]/u) });
      expect(await snapshot()).toBe(snap);
    });

    it('links a decision correcting the household’s earlier one, shown on both meetings, and accepted by the centre', async () => {
      const s = street.client;
      const staff = await desk(s, street.username);
      const meetingId = s.ctx.sqlite.prepare("SELECT id FROM meetings WHERE street_code = '430188001' AND status = 'in_session'").pluck().get() as string;
      const settings = await getSettings(s.ctx.db);
      let m = await meetingDetail(s.ctx.db, meetingId, settings);
      const item = m.items.find((i) => i.case.id === openedCaseId)!;
      // The decision that approved the corrected case, at a closed October meeting, is offered; nothing of this meeting is.
      const approved = s.ctx.sqlite.prepare("SELECT d.id, d.meeting_id FROM decisions d JOIN meetings m ON m.id = d.meeting_id WHERE d.case_id = ? AND m.status = 'closed' AND d.outcome = 'approve'").get(target.caseId) as { id: string; meeting_id: string };
      expect(item.earlierDecisions!.map((e) => e.decisionId)).toContain(approved.id);
      expect(item.earlierDecisions!.every((e) => e.meetingId !== meetingId)).toBe(true);
      const offered = item.earlierDecisions!.find((e) => e.decisionId === approved.id)!;
      expect(offered.label).toMatch(/^\d{4}年\d{1,2}月第\d+期会议的决定（同意）$/u);
      m = await staff.run(recordDecision, { meetingId, itemId: item.id, outcome: 'approve', reason: '', amountYuan: null, votesFor: item.eligibleVoters, votesAgainst: 0, votesAbstain: 0, notes: '抽查整改', supersedesDecisionId: approved.id });
      expect(m.items.find((i) => i.id === item.id)!.decision!.supersedes).toEqual(offered);
      const earlierMeeting = await meetingDetail(s.ctx.db, approved.meeting_id, settings);
      const corrected = earlierMeeting.items.find((i) => i.decision?.id === approved.id)!.decision!;
      expect(corrected.supersededBy).toMatchObject({ meetingId, label: expect.stringMatching(/^2026年11月第\d+期会议的决定（同意）$/u) });
      // Once corrected, it is offered no more to another meeting.
      expect((await earlierDecisionsOf(s.ctx.db, 'another-meeting', '430188001', [target.householdId])).get(target.householdId)?.map((e) => e.decisionId) ?? []).not.toContain(approved.id);
      expect(await syncNow(s.ctx, fastRetry)).toMatchObject({ rejected: 0 });
      expect(await centre<string>('SELECT supersedes_id FROM decisions WHERE agenda_item_id = ?', item.id)).toBe(approved.id);
    });
  });
});
