// Dates nobody checked (issue 14, item 5), on a real database through the handler table: a meeting's time
// inside its month, a second meeting in a month only once confirmed, opening on another day confirmed
// and recorded as the day held (header and minutes agree), notice periods within their window and for all
// of a meeting's batches at once, correction deadlines within their horizon and moved before they fall due.
// The last block pushes the same refusals to a real centre, which runs each command again.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/backend/clock';
import { holdDemoSpotCheck } from '../../electron/backend/demo/demo-spotcheck';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { chinaDateOf, formatChineseDate } from '../../shared/dates';
import { api } from '../helpers/api';
import { centralTemplate, centreBackends, centreValue, fastRetry } from '../helpers/central';
import { freshDatabase } from '../helpers/db';
import { districtTemplate, type DistrictWorld } from '../helpers/district';
import { closeApprovingMeeting, seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { testContext } from '../helpers/minimal';
import { pdfText } from '../helpers/pdf';
import { rawClient } from '../helpers/raw-client';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const header = { venue: '会议室', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' };

/** 望江街道 on the harness's day (2026-11-20), with pending cases and a leading group. */
async function street() {
  const t = await freshDatabase();
  cleanup = t.cleanup;
  seedMeetingWorld(t.handle, 4);
  const ctx = testContext(t.handle, t.dir);
  const at = (day: string) => api({ ...ctx, clock: fixedClock(`${day}T10:00:00+08:00`) });
  return { t, ctx, a: api(ctx), at };
}

async function closedNovemberMeeting(s: Awaited<ReturnType<typeof street>>) {
  return (await closeApprovingMeeting(s.a)).meeting;
}

describe('a meeting’s dates', () => {
  it('keeps the scheduled time inside its month or within a week of it, on create and on update', async () => {
    const s = await street();
    await s.a.refused('meetings.create', { ...header, month: '2026-11', scheduledAt: '2027-03-20T09:00' }, 'validation', /2027年3月20日不在允许范围内.*2026年10月25日至2026年12月7日/);
    await s.a.refused('meetings.create', { ...header, month: '2026-11', scheduledAt: '2026-11-31T09:00' }, 'invalid-args', /没有这一天/);
    const m = await s.a.call('meetings.create', { ...header, month: '2026-11', scheduledAt: '2026-12-07T09:00' });
    await s.a.refused('meetings.update', { ...header, meetingId: m.id, scheduledAt: '2026-12-08T09:00' }, 'validation', /不在允许范围内/);
    const moved = await s.a.call('meetings.update', { ...header, meetingId: m.id, scheduledAt: '2026-11-25T14:30' });
    expect(moved.scheduledAt).toBe('2026-11-25T06:30:00.000Z');
  });

  it('asks before opening on another day than scheduled, and the header and minutes show the day it was held', async () => {
    const s = await street();
    let m = await s.a.call('meetings.create', { ...header, month: '2026-11', scheduledAt: '2026-11-25T09:00' });
    await s.a.call('meetings.markAllPresent', { meetingId: m.id });
    await s.a.refused('meetings.open', { meetingId: m.id }, 'unconfirmed', /原定2026年11月25日召开，今天是2026年11月20日/);
    expect(s.t.handle.sqlite.prepare('SELECT status FROM meetings WHERE id = ?').pluck().get(m.id)).toBe('draft');
    // Too far from its month, even confirmed.
    await s.at('2026-12-20').refused('meetings.open', { meetingId: m.id, onAnotherDay: true }, 'validation', /今天（2026年12月20日）不能召开/);
    m = await s.a.call('meetings.open', { meetingId: m.id, onAnotherDay: true });
    expect(chinaDateOf(m.openedAt!)).toBe('2026-11-20');
    const listed = (await s.a.call('meetings.list', {})).find((x) => x.id === m.id)!;
    expect(chinaDateOf(listed.openedAt!)).toBe('2026-11-20');
    const audit = s.t.handle.sqlite.prepare("SELECT details_json FROM audit_log WHERE action = 'meeting.open'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ scheduledOn: '2026-11-25', heldOn: '2026-11-20' });
    for (const item of m.items) m = await s.a.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'defer', reason: '材料不全', amountYuan: null, votesFor: 5, votesAgainst: 0, votesAbstain: 0 });
    const closed = await s.a.call('meetings.close', { meetingId: m.id });
    const minutes = pdfText(closed.minutes.path).replace(/\s+/g, '');
    expect(minutes).toContain(formatChineseDate('2026-11-20'));
    expect(minutes).not.toContain(formatChineseDate('2026-11-25'));
  });

  it('opens on its scheduled day without asking', async () => {
    const s = await street();
    const m = await s.a.call('meetings.create', { ...header, month: '2026-11', scheduledAt: '2026-11-20T09:00' });
    await s.a.call('meetings.markAllPresent', { meetingId: m.id });
    expect((await s.a.call('meetings.open', { meetingId: m.id })).status).toBe('in_session');
  });

  it('warns before a second meeting in the same month and creates it once confirmed', async () => {
    const s = await street();
    await closedNovemberMeeting(s);
    await s.a.refused('meetings.create', { ...header, month: '2026-11', scheduledAt: '2026-11-27T09:00' }, 'unconfirmed', /2026年11月已经有会议：第1期（2026年11月20日）/);
    expect(s.t.handle.sqlite.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(1);
    const second = await s.a.call('meetings.create', { ...header, month: '2026-11', scheduledAt: '2026-11-27T09:00', alsoThisMonth: true });
    expect(second.issueNo).toBe(2);
    // December is another month: no warning.
    await s.a.refused('meetings.create', { ...header, month: '2026-12', scheduledAt: '2026-12-18T09:00' }, 'conflict', /尚未结束/);
  });
});

describe('notice periods', () => {
  it('start within 15 days of the decision, never end before they start, and change for all of a meeting’s batches at once', async () => {
    const s = await street();
    const meeting = await closedNovemberMeeting(s);
    await s.a.refused('notices.createFromMeeting', { meetingId: meeting.id, startDate: '2030-11-20' }, 'validation', /15 天内开始，最晚2026年12月5日/);
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: meeting.id, startDate: '2026-11-23' });
    expect(batches.length).toBeGreaterThanOrEqual(2);
    const [first] = batches;
    await s.a.refused('notices.setPeriod', { batchId: first!.id, startDate: '2026-11-25', endDate: '2026-11-24' }, 'validation', /结束日期（2026年11月24日）早于开始日期（2026年11月25日）/);
    await s.a.refused('notices.setPeriod', { batchId: first!.id, startDate: '2030-01-01', endDate: '2030-01-07' }, 'validation', /太晚/);
    await s.a.refused('notices.setMeetingPeriod', { meetingId: meeting.id, startDate: '2030-01-01', endDate: '2030-01-07' }, 'validation', /太晚/);
    await s.a.refused('notices.setMeetingPeriod', { meetingId: meeting.id, startDate: '2026-11-24', endDate: '2026-12-31' }, 'validation', /不宜超过 30 天/);

    // One batch already posted keeps its period; every draft one takes the new period, in one change.
    await s.a.call('notices.post', { batchId: first!.id });
    const changed = await s.a.call('notices.setMeetingPeriod', { meetingId: meeting.id, startDate: '2026-11-24', endDate: '2026-11-30' });
    expect(changed.map((b) => b.id).sort()).toEqual(batches.slice(1).map((b) => b.id).sort());
    expect(changed.every((b) => b.startDate === '2026-11-24' && b.endDate === '2026-11-30')).toBe(true);
    const all = (await s.a.call('notices.list', { meetingId: meeting.id })).batches;
    expect(all.find((b) => b.id === first!.id)).toMatchObject({ startDate: '2026-11-23', endDate: '2026-11-29' });
    const outbox = s.t.handle.sqlite.prepare("SELECT count(*) FROM outbox WHERE name = 'notices.setMeetingPeriod'").pluck().get();
    expect(outbox).toBe(1);

    signInAs(s.t.handle, 'u-other');
    await s.a.refused('notices.setMeetingPeriod', { meetingId: meeting.id, startDate: '2026-11-25', endDate: '2026-12-01' }, 'forbidden');
    signInAs(s.t.handle, 'u-staff');
    for (const b of batches.slice(1)) await s.a.call('notices.post', { batchId: b.id });
    await s.a.refused('notices.setMeetingPeriod', { meetingId: meeting.id, startDate: '2026-11-25', endDate: '2026-12-01' }, 'conflict', /没有待张贴的批次/);
  });
});

const district = districtTemplate();
afterAll(() => district.dispose());

describe('correction deadlines', () => {
  let world: DistrictWorld | undefined;
  afterEach(async () => {
    await world?.cleanup();
    world = undefined;
  });

  it('fall within 90 days of the order and can be moved, with a reason, until they fall due', async () => {
    world = await district.world();
    const w = world;
    await w.signIn('bureau-chief');
    const a = api(w.ctx);
    const on = (day: string) => api({ ...w.ctx, clock: fixedClock(`${day}T10:00:00+08:00`) });
    const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: ['430188001'] };
    const frame = await a.call('spotchecks.frame', { query, rate: 30 });
    let d = await a.call('spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: '31415926535897932384' } });
    d = await a.call('spotchecks.autoAssign', { drawId: d.id });
    const item = d.items[0]!;
    const inspector = w.handle.sqlite.prepare('SELECT username FROM users WHERE id = ?').pluck().get(item.inspectorA!.id) as string;
    await w.signIn(inspector);
    d = await a.call('spotchecks.recordFinding', { itemId: item.id, method: 'home_visit', inspectedOn: '2026-11-20', finding: 'wrongly_included', notes: '收入未申报' });
    const findingId = d.items.find((i) => i.id === item.id)!.finding!.id;
    await w.signIn('bureau-chief');
    await a.refused('spotchecks.orderCorrection', { findingId, requirement: '停发', orderedOn: '2026-11-20', deadline: '2031-11-20' }, 'validation', /90 天内，最晚2027年2月18日/);
    d = await a.call('spotchecks.orderCorrection', { findingId, requirement: '停发', orderedOn: '2026-11-20', deadline: '2026-12-20' });
    const correctionId = d.items.find((i) => i.id === item.id)!.finding!.correction!.id;

    await a.refused('spotchecks.setDeadline', { correctionId, deadline: '2031-01-10', reason: '街道申请延期' }, 'validation', /90 天内/);
    await a.refused('spotchecks.setDeadline', { correctionId, deadline: '2027-01-10', reason: ' ' }, 'invalid-args', /理由/);
    d = await on('2026-11-25').call('spotchecks.setDeadline', { correctionId, deadline: '2027-01-10', reason: '涉及追回资金，街道申请延期' });
    expect(d.items.find((i) => i.id === item.id)!.finding!.correction).toMatchObject({ deadline: '2027-01-10', status: 'open' });
    const audit = w.handle.sqlite.prepare("SELECT details_json FROM audit_log WHERE action = 'spotcheck.correction.deadline'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ from: '2026-12-20', to: '2027-01-10' });
    await on('2027-01-11').refused('spotchecks.setDeadline', { correctionId, deadline: '2027-01-20', reason: '再延期' }, 'validation', /已过/);

    await w.signIn(inspector);
    await a.refused('spotchecks.setDeadline', { correctionId, deadline: '2027-01-12', reason: '延期' }, 'forbidden');
    await w.signIn('st001-staff1');
    await a.refused('spotchecks.setDeadline', { correctionId, deadline: '2027-01-12', reason: '延期' }, 'forbidden');
    await w.signIn('bureau-chief');
    await on('2026-12-01').call('spotchecks.closeCorrection', { correctionId, result: '已停发', closedOn: '2026-12-01' });
    await on('2026-12-02').refused('spotchecks.setDeadline', { correctionId, deadline: '2027-01-12', reason: '延期' }, 'conflict', /已经登记完成/);
  });
});

describe.each(centreBackends)('at the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  afterAll(async () => {
    await central.cleanup();
    await central.dispose();
  });

  it('refuses the same dates when a command is pushed, whatever the desk let through', async () => {
    const server = await central.server();
    const streetCopy = await central.client();
    await signIn(streetCopy.ctx, server.url, 'st001-staff1', server.password('st001-staff1'), 'test', fastRetry);
    await syncNow(streetCopy.ctx, fastRetry);
    const roster = await api(streetCopy.ctx).call('meetings.roster', {});
    const chair = roster.find((r) => r.position === 'chair')!.id;

    const staff = await rawClient(server.url, 'st001-staff1', server.password('st001-staff1'));
    const args = { month: '2026-11', venue: '会议室', chairMemberId: chair, recorderMemberId: chair };
    const late = await staff.one({ name: 'meetings.create', args: { ...args, scheduledAt: '2027-03-20T09:00' } });
    expect(late).toMatchObject({ code: 'validation', message: expect.stringMatching(/不在允许范围内/) });

    // A meeting scheduled for the 25th, opened at the centre on the 20th without the confirmation: refused.
    const at = '2026-11-20T02:00:00.000Z';
    expect(await staff.one({ name: 'meetings.create', args: { ...args, scheduledAt: '2026-11-25T09:00' }, context: { at } })).toBeNull();
    const meetingId = await centreValue<string>(server.store.db, "SELECT id FROM meetings WHERE street_code = '430188001' AND status = 'draft'");
    expect(await staff.one({ name: 'meetings.markAllPresent', args: { meetingId }, context: { at } })).toBeNull();
    const unconfirmed = await staff.one({ name: 'meetings.open', args: { meetingId }, context: { at } });
    expect(unconfirmed).toMatchObject({ code: 'unconfirmed', message: expect.stringMatching(/原定2026年11月25日/) });
    expect(await staff.one({ name: 'meetings.open', args: { meetingId, onAnotherDay: true }, context: { at } })).toBeNull();

    // A closed meeting's notice starting in 2030, for all its batches at once.
    const closed = await centreValue<string>(server.store.db, "SELECT meeting_id FROM notice_batches WHERE street_code = '430188001' ORDER BY start_date DESC LIMIT 1");
    const notice = await staff.one({ name: 'notices.setMeetingPeriod', args: { meetingId: closed, startDate: '2030-11-20', endDate: '2030-11-26' } });
    expect(notice).toMatchObject({ code: 'validation', message: expect.stringMatching(/15 天内开始/) });

    // The bureau's correction due in 2031.
    const bureauCopy = await central.client();
    await signIn(bureauCopy.ctx, server.url, 'bureau-chief', server.password('bureau-chief'), 'test', fastRetry);
    await syncNow(bureauCopy.ctx, fastRetry);
    const draw = await holdDemoSpotCheck(bureauCopy.ctx);
    expect(await syncNow(bureauCopy.ctx, fastRetry)).toMatchObject({ rejected: 0 });
    const problem = draw.items.find((i) => i.finding && i.finding.finding !== 'compliant' && !i.finding.correction)
      ?? draw.items.find((i) => i.finding?.correction?.status === 'open')!;
    const chief = await rawClient(server.url, 'bureau-chief', server.password('bureau-chief'));
    const today = chinaDateOf(bureauCopy.ctx.clock.now());
    const far = await chief.one({ name: 'spotchecks.orderCorrection', args: { findingId: problem.finding!.id, requirement: '重新核定', orderedOn: today, deadline: '2031-11-20' } });
    expect(far).toMatchObject({ code: 'validation', message: expect.stringMatching(/90 天内/) });
    const open = draw.items.find((i) => i.finding?.correction?.status === 'open')!.finding!.correction!;
    const moved = await chief.one({ name: 'spotchecks.setDeadline', args: { correctionId: open.id, deadline: '2031-01-10', reason: '延期' } });
    expect(moved).toMatchObject({ code: 'validation', message: expect.stringMatching(/90 天内/) });
    const byStaff = await staff.one({ name: 'spotchecks.setDeadline', args: { correctionId: open.id, deadline: '2026-12-30', reason: '延期' } });
    expect(byStaff?.code).toBe('forbidden');
  }, 240_000);
});
