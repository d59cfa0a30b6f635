// The monthly meeting on a real database, driven through the handler table exactly as the UI drives it.
import { householdAssistance } from '../../electron/backend/cases/assistance';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../shared/channels';
import type { ArgsOf, ResultOf } from '../../shared/api';
import type { ErrorCode } from '../../shared/result';
import type { MeetingDetail } from '../../shared/meeting';
import { createHandlerTable } from '../../electron/backend/handlers';
import { verifyAuditChain } from '../../electron/backend/audit/audit-log';
import { freshDatabase } from '../helpers/db';
import { testContext } from '../helpers/minimal';
import { seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { pdfText } from '../helpers/pdf';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup(caseCount = 6) {
  const t = await freshDatabase();
  cleanup = t.cleanup;
  const world = seedMeetingWorld(t.handle, caseCount);
  const ctx = testContext(t.handle, t.dir);
  const registry = createHandlerTable(ctx, { checkResults: true, log: (m, e) => console.error(m, e) });
  async function call<K extends ChannelName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
    const r = await registry.invoke(name, args);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as ResultOf<K>;
  }
  async function refused<K extends ChannelName>(name: K, args: ArgsOf<K>, code: ErrorCode, message?: RegExp): Promise<string> {
    const r = await registry.invoke(name, args);
    if (r.ok) throw new Error(`${name} should have been refused`);
    expect(r.error.code).toBe(code);
    if (message) expect(r.error.message).toMatch(message);
    return r.error.message;
  }
  const count = (table: string) => (t.handle.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const snapshot = () =>
    Object.fromEntries(
      ['meetings', 'meeting_attendance', 'agenda_items', 'decisions', 'recusals', 'outbox', 'audit_log', 'cases', 'households'].map((table) => [
        table,
        JSON.stringify(t.handle.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()),
      ]),
    );
  return { t, ctx, world, call, refused, count, snapshot };
}

const create = { month: '2026-11', venue: '街道办三楼会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' };

async function openWithQuorum(s: Awaited<ReturnType<typeof setup>>): Promise<MeetingDetail> {
  const m = await s.call('meetings.create', create);
  await s.call('meetings.markAllPresent', { meetingId: m.id });
  return s.call('meetings.open', { meetingId: m.id });
}

function votes(n: number) {
  return { votesFor: n, votesAgainst: 0, votesAbstain: 0 };
}

describe('preparing a meeting', () => {
  it('builds the agenda from the street’s pending cases, ordered by community then kind, with flags', async () => {
    const s = await setup(6);
    const m = await s.call('meetings.create', create);
    expect(m.status).toBe('draft');
    expect(m.issueNo).toBe(1);
    expect(m.scheduledAt).toBe('2026-11-20T01:00:00.000Z');
    // Case 5 belongs to another street and never appears.
    expect(m.items.map((i) => i.case.id).sort()).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
    const order = m.items.map((i) => [i.case.communityCode, i.case.kind]);
    expect(order).toEqual([
      ['430188001001', 'increase'],
      ['430188001001', 'termination'],
      ['430188001002', 'new_application'],
      ['430188001002', 'temporary'],
      ['430188001002', 're_review'],
    ]);
    expect(m.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5]);
    const flagged = m.items.find((i) => i.case.id === 'c-1')!.case;
    expect(flagged.closeRelative).toBe(true);
    expect(flagged.closeRelativeNote).toContain('孙立新');
    expect(m.items.find((i) => i.case.id === 'c-2')!.case.complaint).toBe(true);
    // Attendance starts unmarked; the quorum is not met until people are checked in.
    expect(m.roster.every((r) => r.attendance === 'absent')).toBe(true);
    expect(m.quorum).toMatchObject({ votingRoster: 5, presentVoting: 0, required: 3, met: false });
    expect(JSON.stringify(m)).not.toMatch(/\d{17}[\dX]|1380013\d{4}|望江路/);
  });

  it('keeps a case on one open meeting only and removes items only with a reason', async () => {
    const s = await setup(6);
    const m = await s.call('meetings.create', create);
    await s.refused('meetings.create', create, 'conflict', /尚未结束/);
    const item = m.items[0]!;
    await s.refused('meetings.removeItem', { meetingId: m.id, itemId: item.id, reason: '  ' }, 'invalid-args', /理由/);
    const removed = await s.call('meetings.removeItem', { meetingId: m.id, itemId: item.id, reason: '申请人撤回申请' });
    expect(removed.items.find((i) => i.id === item.id)).toMatchObject({ removed: true, number: null, removedReason: '申请人撤回申请' });
    expect(removed.itemCount).toBe(4);
    const candidates = await s.call('meetings.candidates', { meetingId: m.id });
    expect(candidates.map((c) => c.id)).toEqual([item.case.id]);
    const readded = await s.call('meetings.addItem', { meetingId: m.id, caseId: item.case.id });
    expect(readded.items.find((i) => i.id === item.id)).toMatchObject({ removed: false, source: 'manual', number: 1 });
    await s.refused('meetings.addItem', { meetingId: m.id, caseId: item.case.id }, 'conflict', /已在本次会议/);
    await s.refused('meetings.addItem', { meetingId: m.id, caseId: 'c-5' }, 'validation', /不属于本街道/);
    // The same case on a second open meeting (as another device might try): refused by the service.
    s.t.handle.sqlite
      .prepare("INSERT INTO meetings (id, street_code, month, issue_no, venue, scheduled_at, status, updated_at) VALUES ('m-2', '430188001', '2026-12', 9, '', '2026-12-01T01:00:00.000Z', 'draft', '2026-11-20T02:00:00.000Z')")
      .run();
    await s.refused('meetings.addItem', { meetingId: 'm-2', caseId: item.case.id }, 'conflict', /已列入2026年11月第1期会议的议程/);
  });

  it('refuses users outside the street and bureau users who may only read', async () => {
    const s = await setup(6);
    const m = await s.call('meetings.create', create);
    signInAs(s.t.handle, 'u-other');
    await s.refused('meetings.markAllPresent', { meetingId: m.id }, 'forbidden');
    await s.refused('meetings.get', { meetingId: m.id }, 'forbidden');
    signInAs(s.t.handle, 'u-bureau');
    expect((await s.call('meetings.get', { meetingId: m.id })).id).toBe(m.id);
    expect((await s.call('meetings.list', {})).map((x) => x.id)).toEqual([m.id]);
    await s.refused('meetings.open', { meetingId: m.id }, 'forbidden');
  });
});

describe('holding a meeting', () => {
  it('computes the quorum live and refuses decisions without it', async () => {
    const s = await setup(6);
    let m = await s.call('meetings.create', create);
    const voting = m.roster.filter((r) => r.voting);
    for (const r of voting.slice(0, 2)) m = await s.call('meetings.setAttendance', { meetingId: m.id, attendanceId: r.attendanceId, attendance: 'present' });
    await s.refused('meetings.setAttendance', { meetingId: m.id, attendanceId: voting[2]!.attendanceId, attendance: 'leave' }, 'validation', /请假须填写事由/);
    m = await s.call('meetings.setAttendance', { meetingId: m.id, attendanceId: voting[2]!.attendanceId, attendance: 'leave', reason: '外出参加区里培训' });
    expect(m.quorum).toMatchObject({ presentVoting: 2, required: 3, met: false });
    m = await s.call('meetings.open', { meetingId: m.id });
    const item = m.items[0]!;
    const before = s.snapshot();
    await s.refused('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan: '620', ...votes(2) }, 'validation', /未达到法定人数/);
    expect(s.snapshot()).toEqual(before);
    m = await s.call('meetings.setAttendance', { meetingId: m.id, attendanceId: voting[3]!.attendanceId, attendance: 'present' });
    expect(m.quorum).toMatchObject({ presentVoting: 3, met: true });
    m = await s.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan: '620', ...votes(3) });
    expect(m.items[0]!.decision).toMatchObject({ outcome: 'approve', amountFen: 62000, votesFor: 3 });
  });

  it('refuses bad votes, amounts and reasons at the service and writes nothing', async () => {
    const s = await setup(6);
    let m = await openWithQuorum(s);
    const item = m.items.find((i) => i.case.kind === 'new_application')!;
    const base = { meetingId: m.id, itemId: item.id, outcome: 'approve' as const, amountYuan: '520.00' };
    const before = s.snapshot();
    await s.refused('meetings.recordDecision', { ...base, ...votes(6) }, 'validation', /超过可表决人数/);
    await s.refused('meetings.recordDecision', { ...base, ...votes(4) }, 'validation', /少于可表决人数/);
    await s.refused('meetings.recordDecision', { ...base, votesFor: 2, votesAgainst: 3, votesAbstain: 0 }, 'validation', /未获通过/);
    await s.refused('meetings.recordDecision', { ...base, ...votes(5), amountYuan: '五百' }, 'validation', /金额“五百”无效/);
    await s.refused('meetings.recordDecision', { ...base, ...votes(5), amountYuan: '999999' }, 'validation', /超出允许范围/);
    await s.refused('meetings.recordDecision', { ...base, ...votes(5), amountYuan: '-5' }, 'validation', /无效/);
    await s.refused('meetings.recordDecision', { ...base, ...votes(5), amountYuan: null }, 'validation', /须填写金额/);
    await s.refused('meetings.recordDecision', { ...base, ...votes(5), outcome: 'reject', amountYuan: null }, 'validation', /须写明理由/);
    await s.refused('meetings.recordDecision', { ...base, ...votes(5), outcome: 'defer', amountYuan: '10', reason: '材料不全' }, 'validation', /不填写金额/);
    await s.refused('meetings.recordDecision', { ...base, votesFor: '5' as unknown as number, votesAgainst: 0, votesAbstain: 0 }, 'invalid-args');
    await s.refused('meetings.recordDecision', { ...base, votesFor: 4.5, votesAgainst: 0.5, votesAbstain: 0 }, 'validation', /整数/);
    expect(s.snapshot()).toEqual(before);
    m = await s.call('meetings.recordDecision', { ...base, ...votes(5), amountYuan: '1,234.50' });
    expect(m.items.find((i) => i.id === item.id)!.decision!.amountFen).toBe(123450);
  });

  it('records recusals, takes the recused member out of the vote and keeps recusals fixed once decided', async () => {
    const s = await setup(6);
    let m = await openWithQuorum(s);
    const item = m.items.find((i) => i.case.closeRelative)!;
    m = await s.call('meetings.addRecusal', { meetingId: m.id, itemId: item.id, memberId: 'cm-m1', reason: '与申请人系兄弟关系' });
    const viewed = m.items.find((i) => i.id === item.id)!;
    expect(viewed.recusals).toMatchObject([{ memberId: 'cm-m1', name: '孙立新', leftRoom: true }]);
    expect(viewed.eligibleVoters).toBe(4);
    await s.refused('meetings.addRecusal', { meetingId: m.id, itemId: item.id, memberId: 'cm-rec', reason: '测试' }, 'validation', /有表决权/);
    await s.refused(
      'meetings.recordDecision',
      { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan: '540', ...votes(5) },
      'validation',
      /回避的成员不得参加表决/,
    );
    m = await s.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan: '540', ...votes(4) });
    await s.refused('meetings.removeRecusal', { meetingId: m.id, recusalId: viewed.recusals[0]!.id }, 'conflict', /先撤销决定/);
    await s.refused('meetings.removeItem', { meetingId: m.id, itemId: item.id, reason: '撤回' }, 'conflict');
    m = await s.call('meetings.clearDecision', { meetingId: m.id, itemId: item.id });
    m = await s.call('meetings.removeRecusal', { meetingId: m.id, recusalId: viewed.recusals[0]!.id });
    expect(m.items.find((i) => i.id === item.id)!.eligibleVoters).toBe(5);
  });
});

describe('closing a meeting', () => {
  it('closes only when every item is decided, applies the decisions, freezes the meeting and stores the minutes hash', async () => {
    const s = await setup(6);
    let m = await openWithQuorum(s);
    m = await s.call('meetings.addObserver', { meetingId: m.id, name: '陈静', title: '江边社区党委书记' });
    const [first, ...rest] = m.items;
    await s.refused('meetings.close', { meetingId: m.id }, 'conflict', /还有 5 个议题没有作出决定/);
    await s.refused('meetings.storedMinutes', { meetingId: m.id }, 'conflict', /会议结束后/);
    m = await s.call('meetings.recordDecision', { meetingId: m.id, itemId: first!.id, outcome: 'defer', reason: '需补充收入证明', ...votes(5) });
    for (const item of rest) {
      const amountYuan = item.case.amountRule === 'required' ? String((item.case.proposedAmountFen ?? 0) / 100) : null;
      const outcome = item.case.kind === 're_review' ? 'reject' : 'approve';
      m = await s.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome, amountYuan: outcome === 'approve' ? amountYuan : null, reason: outcome === 'reject' ? '家庭收入超过标准' : '', ...votes(5) });
    }
    const outboxBefore = s.count('outbox');
    type Opening = { assistance_status: string; monthly_amount_fen: number };
    const openingH0 = s.t.handle.sqlite.prepare('SELECT assistance_status, monthly_amount_fen FROM households WHERE id = ?').get('h-0') as Opening;
    const openingH3 = s.t.handle.sqlite.prepare('SELECT assistance_status, monthly_amount_fen FROM households WHERE id = ?').get('h-3') as Opening;
    const { meeting, minutes } = await s.call('meetings.close', { meetingId: m.id });
    expect(meeting.status).toBe('closed');
    expect(meeting.closedAt).toBe('2026-11-20T02:00:00.000Z');
    expect(meeting.minutesSha256).toBe(minutes.sha256);
    expect(createHash('sha256').update(readFileSync(minutes.path)).digest('hex')).toBe(minutes.sha256);
    expect(minutes.fileName).toBe('minutes-430188001-2026-11.pdf');
    expect(s.count('outbox')).toBe(outboxBefore + 1);

    const status = (id: string) => (s.t.handle.sqlite.prepare('SELECT status FROM cases WHERE id = ?').get(id) as { status: string }).status;
    const hh = (id: string) => s.t.handle.sqlite.prepare('SELECT assistance_status, monthly_amount_fen FROM households WHERE id = ?').get(id);
    const paidOn = async (id: string, day: string) => {
      const a = await householdAssistance(s.t.handle.db, id, day);
      return { status: a.status, amountFen: a.monthlyAmountFen };
    };
    expect(status(first!.case.id)).toBe('deferred');
    expect(status('c-0')).toBe('approved');
    expect(status('c-3')).toBe('approved');
    // Closing writes nothing to the households: an approval and a termination are announced first, so on
    // the day of the close (and until a clean notice ends) both households are as they were.
    expect(hh('h-0')).toEqual(openingH0);
    expect(hh('h-3')).toEqual(openingH3);
    expect(await paidOn('h-0', '2026-11-20')).toEqual({ status: openingH0.assistance_status, amountFen: openingH0.monthly_amount_fen });
    expect(await paidOn('h-3', '2027-06-01')).toEqual({ status: openingH3.assistance_status, amountFen: openingH3.monthly_amount_fen });
    expect(status('c-4')).toBe('rejected');
    // c-0 new application and c-3 termination approved; c-2 temporary assistance is not announced.
    expect(meeting.noticeDue).toBe(2);

    // Frozen: every change is refused and nothing moves.
    const before = s.snapshot();
    const item = meeting.items[1]!;
    await s.refused('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'reject', reason: '改判', amountYuan: null, ...votes(5) }, 'conflict', /会议已结束/);
    await s.refused('meetings.clearDecision', { meetingId: m.id, itemId: item.id }, 'conflict', /会议已结束/);
    await s.refused('meetings.addObserver', { meetingId: m.id, name: '某人', title: '某单位' }, 'conflict', /会议已结束/);
    await s.refused('meetings.setAttendance', { meetingId: m.id, attendanceId: meeting.roster[0]!.attendanceId, attendance: 'absent' }, 'conflict');
    await s.refused('meetings.removeItem', { meetingId: m.id, itemId: item.id, reason: '撤回' }, 'conflict');
    await s.refused('meetings.close', { meetingId: m.id }, 'conflict');
    expect(s.snapshot()).toEqual(before);
    // The database itself refuses to rewrite a decision outside the service.
    expect(() => s.t.handle.sqlite.prepare("UPDATE decisions SET outcome = 'reject' WHERE id = ?").run(item.decision!.id)).toThrow(/immutable/);

    // Re-rendering the minutes gives the same bytes, so anyone can check the stored hash.
    const again = await s.call('meetings.minutesPdf', { meetingId: m.id });
    expect(again.sha256).toBe(minutes.sha256);
    const text = pdfText(minutes.path).replace(/\s+/g, '');
    for (const word of ['会议纪要', '出席', '列席', '陈静', '需补充收入证明', '家庭收入超过标准']) expect(text).toContain(word);
    expect(text).not.toMatch(/\d{17}[\dX]|1380013\d{4}|望江路/);

    // The 纪要 tab shows the file written at closing, checked against the stored hash, and says so
    // when the file on this copy was altered or is not there.
    expect(await s.call('meetings.storedMinutes', { meetingId: m.id })).toEqual({ fileName: minutes.fileName, path: minutes.path, sha256: minutes.sha256, storedSha256: minutes.sha256, state: 'matches' });
    const original = readFileSync(minutes.path);
    writeFileSync(minutes.path, Buffer.concat([original, Buffer.from('%changed')]));
    expect(await s.call('meetings.storedMinutes', { meetingId: m.id })).toMatchObject({ state: 'differs', storedSha256: minutes.sha256 });
    rmSync(minutes.path);
    expect(await s.call('meetings.storedMinutes', { meetingId: m.id })).toMatchObject({ state: 'missing', sha256: null, path: minutes.path });
    writeFileSync(minutes.path, original);
    await s.refused('meetings.storedMinutes', { meetingId: 'no-such-meeting' }, 'not-found');
    // Another street's staff may not learn where this street's minutes are.
    signInAs(s.t.handle, 'u-other');
    await s.refused('meetings.storedMinutes', { meetingId: m.id }, 'forbidden');
    signInAs(s.t.handle, s.world.userId);

    // Every step is in the audit chain, and the chain holds.
    const actions = (s.t.handle.sqlite.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting.create', 'attendance.all_present', 'meeting.open', 'attendance.observer_add', 'decision.record', 'meeting.close', 'pdf.print']));
    expect((await verifyAuditChain(s.ctx.db)).ok).toBe(true);
    const mutations = (s.t.handle.sqlite.prepare('SELECT name FROM outbox ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    expect(mutations[0]).toBe('meetings.create');
    expect(mutations.at(-1)).toBe('meetings.close');
    expect(mutations.filter((n) => n === 'meetings.recordDecision')).toHaveLength(5);
  });

  it('rolls the close back entirely when the minutes cannot be rendered', async () => {
    const s = await setup(3);
    let m = await openWithQuorum(s);
    for (const item of m.items) {
      m = await s.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'defer', reason: '待补充材料', ...votes(5) });
    }
    const before = s.snapshot();
    const broken = createHandlerTable({ ...s.ctx, paths: { ...s.ctx.paths, bundledFontsDir: '/nonexistent' } });
    const r = await broken.invoke('meetings.close', { meetingId: m.id });
    expect(r.ok).toBe(false);
    expect(s.snapshot()).toEqual(before);
  });
});

describe('minutes after closing', () => {
  it('re-render from the record frozen at closing, whatever changes later', async () => {
    const s = await setup(3);
    let m = await openWithQuorum(s);
    for (const item of m.items) {
      m = await s.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'defer', reason: '待补充材料', ...votes(5) });
    }
    const { minutes } = await s.call('meetings.close', { meetingId: m.id });
    // A household member moves out and a leading-group member changes title after the meeting.
    s.t.handle.sqlite.prepare("DELETE FROM members WHERE id = 'p-0-1'").run();
    s.t.handle.sqlite.prepare("UPDATE committee_members SET title = '已调任' WHERE id = 'cm-m1'").run();
    const again = await s.call('meetings.minutesPdf', { meetingId: m.id });
    expect(again.sha256).toBe(minutes.sha256);
    const frozen = s.t.handle.sqlite.prepare('SELECT minutes_json FROM meetings WHERE id = ?').pluck().get(m.id) as string;
    expect(JSON.parse(frozen).items[0].case.members).toEqual([]);
    expect(frozen).not.toMatch(/\d{17}[\dX]|1380013\d{4}|望江路/);
  });
});
