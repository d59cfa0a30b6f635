// The centre trusts nothing a client writes: every pushed mutation is a command it runs again under the
// pushing account. Tried as an attacker would, on the real centre over loopback: the rows of the old
// protocol under every command name, each attack the command issue lists, every command as an account
// of the wrong role and as one of another jurisdiction, forged contexts and replayed commands. Each is
// refused with a code and a Chinese reason, nothing is stored, nothing blocks the queue, and an honest
// copy goes on syncing throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../electron/backend/commands/all';
import { deskAs } from '../../electron/backend/commands/desk';
import { DEMO_DICE, holdDemoSpotCheck } from '../../electron/backend/demo/demo-spotcheck';
import { addObserver, addRecusal, markAllPresent, openMeeting, recordDecision } from '../../electron/backend/meetings/meeting-session';
import { createMeeting, streetRoster } from '../../electron/backend/meetings/meeting-prepare';
import { rosterUserNamed } from '../../electron/backend/session/session';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow, syncRejections } from '../../electron/backend/sync/engine';
import { holdDemoMeeting } from '../../electron/backend/demo/demo-meeting';
import { recordComplaint } from '../../electron/backend/cases/record-commands';
import { hashPassword } from '../../server/auth';
import { defaultSettings } from '../../shared/settings';
import type { Account } from '../../shared/sync';
import { centralTemplate, centreBackends, centreRows, centreValue, fastRetry, type Client } from '../helpers/central';
import { NOW } from '../helpers/minimal';
import { rawClient, type RawClient } from '../helpers/raw-client';
import { differences } from '../helpers/sync-compare';

describe.each(centreBackends)('on the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  let server: Awaited<ReturnType<typeof central.server>>;
  let street: { client: Client; account: Account };
  let bureau: { client: Client; account: Account };
  /** The real ids every forged command aims at:望江街道's open meeting, its notices, the district's draw. */
  let v: Record<string, string>;
  let votes = 0;
  let honestStreetOutbox: { name: string; args_json: string }[];

  const one = <T>(sql: string, ...p: unknown[]) => centreValue<T>(server.store.db, sql, ...p);

  /** What a refused command must leave as it was: the change log, the audit log and every synced table. */
  async function snapshot(): Promise<string> {
    const tables = ['cases', 'households', 'meetings', 'meeting_attendance', 'agenda_items', 'decisions', 'recusals', 'notice_batches', 'notice_items', 'objections', 'spot_check_draws', 'spot_check_items', 'spot_check_findings', 'corrections', 'correction_answers', 'standards'];
    const rows = [];
    for (const t of tables) rows.push((await centreRows(server.store.db, `SELECT count(*) AS n, coalesce(sum(version), 0) AS v FROM ${t}`))[0]);
    return JSON.stringify({ log: await one('SELECT coalesce(max(seq), 0) FROM change_log'), audit: await one('SELECT count(*) FROM audit_log'), rows });
  }

  async function signedIn(username: string): Promise<{ client: Client; account: Account }> {
    const client = await central.client();
    const account = await signIn(client.ctx, server.url, username, server.password(username), 'test', fastRetry);
    await syncNow(client.ctx, fastRetry);
    return { client, account };
  }

  const raw = (username: string) => rawClient(server.url, username, username === 'other-chief' ? 'other-password-1' : server.password(username));

  beforeAll(async () => {
    server = await central.server();
    // A second district with its own section chief, for commands aimed across district lines.
    const db = server.store.db;
    await centreRows(db, "INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430199', '别区', 'district', NULL, 2024, ?)", NOW);
    await centreRows(db, "INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-other-chief', 'other-chief', '外区科长', 'bureau_chief', '430199', ?)", NOW);
    await centreRows(db, "INSERT INTO central_credentials (user_id, password_hash) VALUES ('u-other-chief', ?)", hashPassword('other-password-1', 1024));

    // 望江街道 has its November meeting in session, with a recusal, an observer and a first decision.
    street = await signedIn('st001-staff1');
    const ctx = street.client.ctx;
    const desk = deskAs(ctx, await rosterUserNamed(ctx.db, 'st001-staff1'));
    const roster = await streetRoster(ctx.db, '430188001');
    const chair = roster.find((r) => r.position === 'chair')!;
    const recorder = roster.find((r) => r.position === 'recorder')!;
    let m = await desk.run(createMeeting, { month: '2026-11', venue: '街道办事处会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: chair.id, recorderMemberId: recorder.id });
    m = await desk.run(markAllPresent, { meetingId: m.id });
    m = await desk.run(addObserver, { meetingId: m.id, name: '刘敏', title: '社区党委书记' });
    m = await desk.run(openMeeting, { meetingId: m.id });
    expect(m.items.length).toBeGreaterThanOrEqual(2);
    const member = m.roster.find((r) => r.voting && r.position === 'member')!;
    m = await desk.run(addRecusal, { meetingId: m.id, itemId: m.items[0]!.id, memberId: member.memberId!, reason: '近亲属', leftRoom: true });
    const first = m.items[0]!;
    m = await desk.run(recordDecision, { meetingId: m.id, itemId: first.id, outcome: 'reject', reason: '经核对不符合条件', amountYuan: null, votesFor: first.eligibleVoters, votesAgainst: 0, votesAbstain: 0, notes: '' });
    honestStreetOutbox = ctx.sqlite.prepare('SELECT name, args_json FROM outbox ORDER BY id').all() as { name: string; args_json: string }[];
    expect(await syncNow(ctx, fastRetry)).toMatchObject({ rejected: 0 });

    // The bureau draws October's sample, pairs its inspectors and records a first day of findings.
    bureau = await signedIn('bureau-chief');
    const draw = await holdDemoSpotCheck(bureau.client.ctx);
    expect(await syncNow(bureau.client.ctx, fastRetry)).toMatchObject({ rejected: 0 });

    // A notice of one of its earlier meetings (the generated history's, long ended).
    const [batch] = await centreRows<{ id: string; meeting_id: string; case_id: string }>(db, "SELECT b.id, b.meeting_id, i.case_id FROM notice_batches b JOIN notice_items i ON i.batch_id = b.id WHERE b.street_code = '430188001' ORDER BY b.start_date DESC, b.id, i.case_id LIMIT 1");
    if (!batch) throw new Error('望江街道 has no notice on file');
    const observer = m.roster.find((r) => r.memberId === null)!;
    const unvisited = draw.items.find((i) => !i.finding && i.inspectorA)!;
    const problem = draw.items.find((i) => i.finding?.correction?.status === 'open')!;
    v = {
      meetingId: m.id,
      closedMeetingId: batch.meeting_id,
      itemId: m.items[1]!.id,
      decidedItemId: first.id,
      recusalId: m.items[0]!.recusals[0]!.id,
      memberId: member.memberId!,
      attendanceId: member.attendanceId,
      observerId: observer.attendanceId,
      chairId: chair.id,
      pendingCaseId: await one<string>("SELECT id FROM cases WHERE street_code = '430188001' AND status = 'pending' LIMIT 1"),
      otherStreetCaseId: await one<string>("SELECT id FROM cases WHERE street_code = '430188002' AND status = 'pending' LIMIT 1"),
      batchId: batch.id,
      batchCaseId: batch.case_id,
      drawId: draw.id,
      spotItemId: unvisited.id,
      inspectorA: unvisited.inspectorA!.id,
      inspectorB: unvisited.inspectorB!.id,
      findingId: problem.finding!.id,
      correctionId: problem.finding!.correction!.id,
      manifestSha256: draw.manifestSha256,
      periodStart: draw.periodStart,
      periodEnd: draw.periodEnd,
    };
    votes = m.items[1]!.eligibleVoters;
    // A complaint on file, so that closing one can be forged against a real record.
    await desk.run(recordComplaint, { caseId: v.pendingCaseId!, against: 'case', channel: 'hotline_12349', receivedOn: '2026-11-19', complainant: '', content: '反映家庭有未申报的收入' });
    expect(await syncNow(ctx, fastRetry)).toMatchObject({ rejected: 0 });
    v.complaintId = await one<string>('SELECT id FROM complaints WHERE case_id = ?', v.pendingCaseId);
    // A street's answer to the correction, awaiting the bureau's review (issue 17).
    const correctionStreet = await one<string>('SELECT street_code FROM corrections WHERE id = ?', v.correctionId);
    expect(correctionStreet).not.toBe('430188002');
    const answerer = server.accounts.find((a) => a.regionCode === correctionStreet && a.role === 'street_staff')!;
    expect(await (await raw(answerer.username)).one({ name: 'corrections.answer', args: { correctionId: v.correctionId, answeredOn: '2026-11-20', answer: '已重新核定' } })).toBeNull();
    v.answerId = await one<string>('SELECT id FROM correction_answers WHERE correction_id = ?', v.correctionId);
    v.pendingHouseholdId = await one<string>('SELECT household_id FROM cases WHERE id = ?', v.pendingCaseId);
    v.pendingMemberId = await one<string>("SELECT m.id FROM members m JOIN cases c ON c.household_id = m.household_id WHERE c.id = ? AND m.relation <> 'self' UNION ALL SELECT m.id FROM members m JOIN cases c ON c.household_id = m.household_id WHERE c.id = ? LIMIT 1", v.pendingCaseId, v.pendingCaseId);
  }, 240_000);

  afterAll(async () => {
    await central.cleanup();
    await central.dispose();
  });

  /** Well-formed arguments for every command, aimed at the victims' real records. */
  function argsFor(name: string): unknown {
    const query = { periodStart: v.periodStart, periodEnd: v.periodEnd, streetCodes: ['430188001', '430188002', '430188003', '430188004', '430188005', '430188006', '430188101'] };
    const table: Record<string, unknown> = {
      'meetings.create': { month: '2027-01', venue: '会议室', scheduledAt: '2027-01-05T09:00', chairMemberId: v.chairId, recorderMemberId: v.chairId },
      'meetings.update': { meetingId: v.meetingId, venue: '别处', scheduledAt: '2026-12-01T09:00', chairMemberId: v.chairId, recorderMemberId: v.chairId },
      'meetings.addItem': { meetingId: v.meetingId, caseId: v.pendingCaseId },
      'meetings.removeItem': { meetingId: v.meetingId, itemId: v.itemId, reason: '材料不全' },
      'meetings.setAttendance': { meetingId: v.meetingId, attendanceId: v.attendanceId, attendance: 'leave', reason: '出差' },
      'meetings.markAllPresent': { meetingId: v.meetingId },
      'meetings.addObserver': { meetingId: v.meetingId, name: '王某', title: '书记' },
      'meetings.removeObserver': { meetingId: v.meetingId, attendanceId: v.observerId },
      'meetings.open': { meetingId: v.meetingId },
      'meetings.addRecusal': { meetingId: v.meetingId, itemId: v.itemId, memberId: v.memberId, reason: '亲属', leftRoom: true },
      'meetings.removeRecusal': { meetingId: v.meetingId, recusalId: v.recusalId },
      'meetings.recordDecision': { meetingId: v.meetingId, itemId: v.itemId, outcome: 'reject', reason: '不符合条件', amountYuan: null, votesFor: votes, votesAgainst: 0, votesAbstain: 0, notes: '' },
      'meetings.clearDecision': { meetingId: v.meetingId, itemId: v.decidedItemId },
      'meetings.close': { meetingId: v.meetingId },
      'notices.createFromMeeting': { meetingId: v.closedMeetingId, startDate: '2026-11-21' },
      'notices.setPeriod': { batchId: v.batchId, startDate: '2026-11-20', endDate: '2026-11-30' },
      'notices.setMeetingPeriod': { meetingId: v.closedMeetingId, startDate: '2026-11-20', endDate: '2026-11-30' },
      'notices.post': { batchId: v.batchId },
      'notices.end': { batchId: v.batchId },
      'notices.recordObjection': { batchId: v.batchId, caseId: v.batchCaseId, receivedOn: '2026-11-20', objector: '群众', channel: 'phone', content: '收入不实' },
      'spotchecks.frame': { query, rate: 30 },
      'spotchecks.draw': { query, rate: 30, manifestSha256: v.manifestSha256, seed: { source: 'dice', digits: DEMO_DICE } },
      'spotchecks.extend': { drawId: v.drawId, rate: 40 },
      'spotchecks.assign': { drawId: v.drawId, itemIds: [v.spotItemId], inspectorAId: v.inspectorA, inspectorBId: v.inspectorB },
      'spotchecks.autoAssign': { drawId: v.drawId },
      'spotchecks.recordFinding': { itemId: v.spotItemId, method: 'phone', inspectedOn: '2026-11-20', finding: 'wrongly_included', notes: '收入未申报' },
      'spotchecks.orderCorrection': { findingId: v.findingId, requirement: '重新核定', orderedOn: '2026-11-20', deadline: '2026-12-20' },
      'spotchecks.setDeadline': { correctionId: v.correctionId, deadline: '2027-01-10', reason: '街道申请延期' },
      'spotchecks.closeCorrection': { correctionId: v.correctionId, result: '已整改', closedOn: '2026-11-20' },
      'cases.intake': {
        communityCode: '430188001001',
        kind: 'new_application',
        category: 'dibao',
        appliedOn: '2026-11-18',
        reason: '伪造的申请',
        relativesDeclaration: 'none',
        household: { on: 'new', areaType: 'urban', address: '别处', phone: '07318888000', members: [{ name: '假户主', citizenId: '11010519491231002X', relation: 'self' }] },
      },
      'cases.recordInvestigation': {
        caseId: v.pendingCaseId, visitedOn: '2026-11-19', investigatorIds: ['a', 'b'], visitNote: '伪造的调查', incomes: [], expenses: [], assets: [], singlePerson: null,
        crossCheck: 'consistent', crossCheckNote: '', conclusion: 'eligible', conclusionNote: '', temporaryAmountFen: null, netIncomeFen: 0, proposedAmountFen: 0,
      },
      'cases.fileCloseRelative': { caseId: v.pendingCaseId, memberId: v.pendingMemberId, relativeName: '某人', relativePost: '社区主任', relation: 'sibling', filedOn: '2026-11-19' },
      'cases.recordComplaint': { caseId: v.pendingCaseId, against: 'case', channel: 'hotline_12345', receivedOn: '2026-11-19', complainant: '', content: '伪造的投诉' },
      'cases.closeComplaint': { complaintId: v.complaintId, handling: '伪造', result: '伪造', closedOn: '2026-11-19' },
      'cases.recordPrepayment': { caseId: v.pendingCaseId, amountFen: 100, paidOn: '2026-11-19', reason: '伪造', approvedBy: '某人' },
      'cases.reveal': { caseId: v.pendingCaseId, field: 'phone', memberId: null },
      'households.edit': { caseId: v.pendingCaseId, phone: '13700137000', reason: '伪造的修改' },
      'households.editMember': { caseId: v.pendingCaseId, memberId: v.pendingMemberId, name: '假名', reason: '伪造的修改' },
      'households.addMember': { caseId: v.pendingCaseId, member: { name: '假成员', citizenId: '11010519491231002X', relation: 'other' }, reason: '伪造的修改' },
      'households.removeMember': { caseId: v.pendingCaseId, memberId: v.pendingMemberId, reason: '伪造的修改' },
      'cases.openReview': { householdId: v.pendingHouseholdId, kind: 're_review', reason: '伪造的复核', openedFor: 'due:forged' },
      'cases.recordFollowUp': { caseId: v.pendingCaseId, followedUpOn: '2026-11-19', followUpNote: '伪造的回访' },
      'households.recordDeath': { caseId: v.pendingCaseId, memberId: v.pendingMemberId, diedOn: '2026-11-19', reason: '伪造的死亡登记' },
      'cases.import': {
        streetCode: '430188001', fileName: '伪造.xlsx', sha256: '0'.repeat(64), part: 1, parts: 1,
        households: [{ row: 2, communityCode: '430188001001', category: 'dibao', kind: 'new_application', appliedOn: '2026-11-18', declaredIncomeFen: 0, phone: '07318888000', address: '别处', members: [{ row: 2, name: '假户主', citizenId: '11010519491231002X', relation: 'self' }] }],
      },
      'corrections.answer': { correctionId: v.correctionId, answeredOn: '2026-11-20', answer: '伪造的答复' },
      'corrections.review': { answerId: v.answerId, verdict: 'accepted', note: '' },
      'regions.setOffice': { streetCode: '430188001', office: { name: '伪造的街道办事处', address: '别处', phone: '', hotlines: [] } },
      'roster.markSent': { districtCode: '430188', month: '2026-11' },
      'standards.set': { districtCode: '430188', effectiveFrom: '2027-07-01', effectiveTo: null, values: (({ nameMasking: _n, ...v }) => v)(defaultSettings), basisNote: '伪造的标准' },
    };
    if (!(name in table)) throw new Error(`no forged arguments for ${name}: add them`);
    return table[name];
  }

  const synced = () => allCommands().filter((c) => !c.local);
  const streetCommand = (name: string) => ['meetings.', 'notices.', 'cases.', 'households.', 'corrections.answer'].some((p) => name.startsWith(p));

  /** The refusal, asserted to carry a code and a reason in Chinese, with nothing stored meanwhile. */
  async function refused(client: RawClient, push: Parameters<RawClient['one']>[0]) {
    const before = await snapshot();
    const r = await client.one(push);
    expect(r, `${push.name} was run`).not.toBeNull();
    expect(r!.message, push.name).toMatch(/[\u4e00-\u9fff]/u);
    expect(await snapshot(), `${push.name} stored something`).toBe(before);
    return r!;
  }

  describe('the centre runs commands, never rows', () => {
    it('refuses the rows of the old protocol under every command name and under names it does not know', async () => {
      const attacker = await raw('st001-staff2');
      const caseId = v.pendingCaseId;
      const forgedRows = {
        args: {},
        changes: [
          { entity: 'cases', id: caseId, op: 'upsert', expectedVersion: 1, data: { id: caseId, status: 'approved', proposed_amount_fen: 99_999_900 } },
          { entity: 'households', id: 'h', op: 'upsert', expectedVersion: 1, data: { id: 'h', assistance_status: 'active', monthly_amount_fen: 99_999_900 } },
        ],
      };
      const statusBefore = await one<string>('SELECT status FROM cases WHERE id = ?', caseId);
      for (const name of [...synced().map((c) => c.name), 'cases.update', 'households.update', 'sync.apply']) {
        const r = await refused(attacker, { name, args: forgedRows });
        expect(['invalid-args', 'unknown-command'], name).toContain(r.code);
      }
      expect(await one<string>('SELECT status FROM cases WHERE id = ?', caseId)).toBe(statusBefore);
      expect(await one<number>("SELECT max(monthly_amount_fen) FROM households WHERE street_code = '430188001'")).toBeLessThan(99_999_900);
    });

    it('refuses each attack the issue lists', async () => {
      const colleague = await raw('st001-staff2');
      // A decision of 999,999 元 a month: the amount comes from the centre's rules and limits.
      const big = await refused(colleague, { name: 'meetings.recordDecision', args: { ...(argsFor('meetings.recordDecision') as object), outcome: 'approve', amountYuan: '999999', reason: '' } });
      expect(big.message).toMatch(/金额 999,999.00 元超出允许范围/);
      // An agenda item pointing at another street's case.
      const foreign = await refused(colleague, { name: 'meetings.addItem', args: { meetingId: v.meetingId, caseId: v.otherStreetCaseId } });
      expect(foreign.message).toMatch(/不属于本街道/);
      expect(await one<number>('SELECT count(*) FROM agenda_items WHERE case_id = ?', v.otherStreetCaseId)).toBe(0);
      // A draw forged under another command's name, and a draw whose frame is not the centre's.
      const chief = await raw('bureau-chief');
      const forgedDraw = await refused(chief, { name: 'spotchecks.assign', args: { drawId: v.drawId, manifestSha256: 'f'.repeat(64), itemIds: [v.spotItemId], caseNos: ['430188001-202610-001'] } });
      expect(forgedDraw.code).toBe('invalid-args');
      const wrongFrame = await refused(chief, { name: 'spotchecks.draw', args: { ...(argsFor('spotchecks.draw') as object), manifestSha256: 'f'.repeat(64) } });
      expect(wrongFrame.message).toMatch(/抽查清单在公布哈希值之后发生了变化/);
      // A sample that is not what the manifest and seed draw: the centre draws again and compares.
      const redraw = { drawId: v.drawId, reason: '测试伪造的样本' };
      const forgedSample = await refused(chief, { name: 'spotchecks.draw', args: { ...(argsFor('spotchecks.draw') as object), redraw }, context: { claims: { sampleSha256: 'f'.repeat(64) } } });
      expect(forgedSample.code).toBe('mismatch');
      // A bureau inspector may record findings but not draw.
      const inspector = await raw('bureau-insp1');
      const notChief = await refused(inspector, { name: 'spotchecks.draw', args: { ...(argsFor('spotchecks.draw') as object), redraw } });
      expect(notChief).toMatchObject({ code: 'forbidden' });
      expect(notChief.message).toMatch(/只有区民政局科长/);
      // Closing a meeting with minutes that are not what its record prints.
      const close = await refused(colleague, { name: 'meetings.close', args: { meetingId: v.meetingId } });
      expect(close.message).toMatch(/没有作出决定|记录|纪要/);
      expect(await one<string>('SELECT status FROM meetings WHERE id = ?', v.meetingId)).toBe('in_session');
    });

    it('refuses every command to an account of the wrong role and to one of another jurisdiction', async () => {
      const wrongRole = { street: await raw('bureau-chief'), bureau: await raw('st001-staff1') };
      const otherPlace = { street: await raw('st002-staff1'), bureau: await raw('other-chief') };
      for (const c of synced()) {
        const kind = streetCommand(c.name) ? 'street' : 'bureau';
        const role = await refused(wrongRole[kind], { name: c.name, args: argsFor(c.name) });
        expect(role.code, c.name).toBe('forbidden');
        const place = await refused(otherPlace[kind], { name: c.name, args: argsFor(c.name) });
        // A new meeting is always one's own street's: another street's chair is simply not on its roster.
        expect(place.code, `${c.name}: ${place.message}`).toBe(c.name === 'meetings.create' ? 'validation' : 'forbidden');
      }
    });

    it('refuses a forged context: a time in the future, a basis elsewhere, a seed nobody could roll, and sends back only what the account may see', async () => {
      const colleague = await raw('st001-staff2');
      const args = argsFor('meetings.addObserver');
      const future = await refused(colleague, { name: 'meetings.addObserver', args, context: { at: new Date(Date.now() + 86_400_000).toISOString() } });
      expect(future.message).toMatch(/晚于中心服务器的当前时间/);
      const foreignBasis = await refused(colleague, { name: 'meetings.addObserver', args, context: { basis: [{ entity: 'cases', id: v.otherStreetCaseId!, version: 1 }] } });
      expect(foreignBasis).toMatchObject({ code: 'forbidden' });
      const stale = await refused(colleague, { name: 'meetings.addObserver', args, context: { basis: [{ entity: 'meetings', id: v.meetingId!, version: 1 }] } });
      expect(stale.message).toMatch(/已被他人修改/);
      const chief = await raw('bureau-chief');
      const seed = await refused(chief, { name: 'spotchecks.draw', args: { ...(argsFor('spotchecks.draw') as object), seed: { source: 'csprng' }, redraw: { drawId: v.drawId, reason: '无效的种子' } }, context: { chosen: { seed: '123' } } });
      expect(seed.code).toBe('invalid-args');
      // A street account naming the bureau's rows and another street's case among what it wrote gets neither back.
      const touched = [
        { entity: 'spot_check_draws' as const, id: v.drawId! },
        { entity: 'cases' as const, id: v.otherStreetCaseId! },
        { entity: 'meetings' as const, id: v.meetingId! },
      ];
      const leak = await refused(colleague, { name: 'meetings.open', args: { meetingId: v.meetingId }, context: { touched } });
      expect(leak.current?.map((c) => `${c.entity}:${c.id}`)).toEqual([`meetings:${v.meetingId}`]);
    });

    it('refuses commands replayed from another copy’s queue, each for what it finds changed', async () => {
      const replayer = await raw('st001-staff1');
      const before = await snapshot();
      const { body } = await replayer.push(honestStreetOutbox.map((m) => ({ name: m.name, ...(JSON.parse(m.args_json) as { args: unknown; context: object }) })));
      expect(body.rejected).toHaveLength(honestStreetOutbox.length);
      for (const r of body.rejected) expect(r.message).toMatch(/[\u4e00-\u9fff]/u);
      expect(await snapshot()).toBe(before);
    });

    it('never lets a refused command stop the ones behind it', async () => {
      const colleague = await raw('st001-staff2');
      const { body } = await colleague.push([
        { name: 'meetings.removeObserver', args: { meetingId: v.meetingId, attendanceId: 'nobody' } },
        { name: 'meetings.addObserver', args: { meetingId: v.meetingId, name: '张列席', title: '社区主任' } },
      ]);
      expect(body.rejected.map((r) => r.code)).toEqual(['not-found']);
      expect(body.lastMutationId).toBe(2);
      expect(await one<number>("SELECT count(*) FROM meeting_attendance WHERE meeting_id = ? AND name = '张列席'", v.meetingId)).toBe(1);
    });

    it('lets the honest copies go on syncing, identical to the centre', async () => {
      const ctx = street.client.ctx;
      // The colleague's observer (the one accepted above) changed the meeting: this copy pulls it first.
      expect(await syncNow(ctx, fastRetry)).toMatchObject({ pushed: 0, rejected: 0 });
      await deskAs(ctx, await rosterUserNamed(ctx.db, 'st001-staff1')).run(addObserver, { meetingId: v.meetingId!, name: '李列席', title: '民政办主任' });
      expect(await syncNow(ctx, fastRetry)).toMatchObject({ pushed: 1, rejected: 0 });
      expect(await differences(server.store.db, ctx.sqlite, street.account)).toEqual([]);
      await syncNow(bureau.client.ctx, fastRetry);
      expect(await differences(server.store.db, bureau.client.ctx.sqlite, bureau.account)).toEqual([]);
    });
  });

  describe('a meeting’s close', () => {
    it('is refused if its record is not the centre’s, and stored then checked again when only its file hash is forged', async () => {
      const centre = await central.server();
      /** Holds a street's meeting on its own copy and forges the close's claims before pushing. */
      async function closeWith(username: string, forge: (claims: Record<string, unknown>) => void) {
        const client = await central.client();
        await signIn(client.ctx, centre.url, username, centre.password(username), 'test', fastRetry);
        await syncNow(client.ctx, fastRetry);
        const held = await holdDemoMeeting(client.ctx, '2026-11', await rosterUserNamed(client.ctx.db, username));
        const row = client.ctx.sqlite.prepare("SELECT id, args_json FROM outbox WHERE name = 'meetings.close'").get() as { id: number; args_json: string };
        const queued = JSON.parse(row.args_json) as { context: { claims: Record<string, unknown> } };
        forge(queued.context.claims);
        client.ctx.sqlite.prepare('UPDATE outbox SET args_json = ? WHERE id = ?').run(JSON.stringify(queued), row.id);
        const report = await syncNow(client.ctx, fastRetry);
        await centre.settled();
        return { meetingId: held.meeting.id, report, rejections: await syncRejections(client.ctx), desk: held.minutes.sha256 };
      }
      const audited = async (meetingId: string) => (await centreRows<{ action: string }>(centre.store.db, "SELECT action FROM audit_log WHERE entity_id = ? AND action LIKE 'meeting.minutes%' ORDER BY seq", meetingId)).map((r) => r.action);

      const honest = await closeWith('st002-staff1', () => undefined);
      expect(honest.report.rejected).toBe(0);
      expect(await centreValue(centre.store.db, 'SELECT minutes_sha256 FROM meetings WHERE id = ?', honest.meetingId)).toBe(honest.desk);
      expect(await audited(honest.meetingId)).toEqual(['meeting.minutes_verified']);

      const record = await closeWith('st003-staff1', (c) => (c.minutesRecordSha256 = '0'.repeat(64)));
      expect(record.rejections.find((r) => r.name === 'meetings.close')).toMatchObject({ code: 'mismatch', label: '结束会议' });
      expect(await centreValue(centre.store.db, 'SELECT status FROM meetings WHERE id = ?', record.meetingId)).toBe('in_session');

      const file = await closeWith('st004-staff1', (c) => (c.minutesSha256 = 'f'.repeat(64)));
      expect(file.report.rejected).toBe(0);
      expect(await audited(file.meetingId)).toEqual(['meeting.minutes_mismatch']);
    }, 120_000);
  });
});
