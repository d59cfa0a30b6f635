// Notices on a real database: batches from a closed meeting, the 7-day rule, posting and ending by the
// calendar, objections sending a case back to the agenda and to a new notice, and privacy in the PDFs.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/backend/clock';
import { freshDatabase } from '../helpers/db';
import { testContext } from '../helpers/minimal';
import { closeApprovingMeeting, seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { pdfText } from '../helpers/pdf';
import { api } from '../helpers/api';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A closed meeting of 望江街道 with every case approved: c-0 new, c-1 increase, c-2 temporary, c-3 termination, c-4 re-review. */
async function closedMeeting(caseCount = 6) {
  const t = await freshDatabase();
  cleanup = t.cleanup;
  const world = seedMeetingWorld(t.handle, caseCount);
  const ctx = testContext(t.handle, t.dir);
  const a = api(ctx);
  const closed = await closeApprovingMeeting(a);
  const at = (instant: string) => api({ ...ctx, clock: fixedClock(instant) });
  return { t, ctx, world, a, at, meeting: closed.meeting };
}

describe('notice batches', () => {
  it('makes one batch per community from the approvals that change who is paid or how much', async () => {
    const s = await closedMeeting();
    // Announced: c-0 new, c-1 increase, c-3 termination. Not: c-2 (one-off temporary), c-4 (re-review).
    expect(s.meeting.noticeDue).toBe(3);
    const due = await s.a.call('notices.due', {});
    expect(due).toHaveLength(1);
    expect(due[0]!.communities.map((c) => [c.communityCode, c.cases])).toEqual([
      ['430188001001', 2],
      ['430188001002', 1],
    ]);
    await s.a.refused('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-19' }, 'validation', /不能早于会议作出决定的日期/);
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    expect(batches.map((b) => [b.communityCode, b.itemCount, b.startDate, b.endDate, b.status])).toEqual([
      ['430188001001', 2, '2026-11-23', '2026-11-29', 'draft'],
      ['430188001002', 1, '2026-11-23', '2026-11-29', 'draft'],
    ]);
    const detail = await s.a.call('notices.get', { batchId: batches[0]!.id });
    expect(detail.items.map((i) => i.caseId)).toEqual(['c-1', 'c-3']);
    expect((await s.a.call('meetings.get', { meetingId: s.meeting.id })).noticeDue).toBe(0);
    await s.a.refused('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' }, 'conflict', /已全部生成公示/);
  });

  it('keeps the period at least 7 days and follows the calendar from draft to posted to ended', async () => {
    const s = await closedMeeting();
    const [batch] = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    const id = batch!.id;
    await s.a.refused('notices.setPeriod', { batchId: id, startDate: '2026-11-23', endDate: '2026-11-28' }, 'validation', /不得少于 7 天.*2026年11月29日/);
    await s.a.refused('notices.setPeriod', { batchId: id, startDate: '2026-11-23', endDate: '2026-11-2x' }, 'invalid-args');
    const longer = await s.a.call('notices.setPeriod', { batchId: id, startDate: '2026-11-24', endDate: '2026-12-03' });
    expect([longer.startDate, longer.endDate]).toEqual(['2026-11-24', '2026-12-03']);
    // The database refuses a shorter period even if a program bypassed the service.
    expect(() => s.t.handle.sqlite.prepare("UPDATE notice_batches SET end_date = '2026-11-26' WHERE id = ?").run(id)).toThrow(/CHECK/);
    const posted = await s.at('2026-11-24T01:00:00Z').call('notices.post', { batchId: id });
    expect(posted.status).toBe('posted');
    await s.a.refused('notices.setPeriod', { batchId: id, startDate: '2026-11-24', endDate: '2026-12-10' }, 'conflict', /公示中/);
    await s.at('2026-12-03T01:00:00Z').refused('notices.end', { batchId: id }, 'validation', /才期满/);
    const ended = await s.at('2026-12-04T01:00:00Z').call('notices.end', { batchId: id });
    expect(ended.status).toBe('ended');
    const late = (await s.a.call('notices.list', {})).batches.find((b) => b.id !== id)!;
    await s.at('2026-12-01T01:00:00Z').refused('notices.post', { batchId: late.id }, 'validation', /已于2026年11月29日结束/);
    const names = (s.t.handle.sqlite.prepare("SELECT name FROM outbox WHERE name LIKE 'notices.%' ORDER BY id").all() as { name: string }[]).map((r) => r.name);
    // One command per thing a person did: creating a meeting's notices is one, whatever the communities.
    expect(names).toEqual(['notices.createFromMeeting', 'notices.setPeriod', 'notices.post', 'notices.end']);
  });

  it('sends a case with an objection back to the agenda, and once decided again to a new notice', async () => {
    const s = await closedMeeting();
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    const batch = batches.find((b) => b.communityCode === '430188001002')!;
    const objection = { batchId: batch.id, caseId: 'c-0', receivedOn: '2026-11-25', objector: '匿名', channel: 'hotline_12349' as const, content: '反映该户有经营性收入' };
    await s.a.refused('notices.recordObjection', objection, 'conflict', /草稿/);
    await s.at('2026-11-23T01:00:00Z').call('notices.post', { batchId: batch.id });
    const day = s.at('2026-11-25T03:00:00Z');
    await day.refused('notices.recordObjection', { ...objection, receivedOn: '2026-11-30' }, 'validation', /公示期内/);
    await day.refused('notices.recordObjection', { ...objection, caseId: 'c-1' }, 'validation', /不在这批公示中/);
    await day.refused('notices.recordObjection', { ...objection, content: ' ' }, 'invalid-args', /异议内容/);
    const detail = await day.call('notices.recordObjection', objection);
    expect(detail.objections).toMatchObject([{ caseId: 'c-0', channel: 'hotline_12349', status: 'open' }]);
    expect(detail.openObjections).toBe(1);
    expect(detail.items.find((i) => i.caseId === 'c-0')!.caseStatus).toBe('reinvestigating');

    // The next meeting's agenda holds the case again, and after a new approval it is due for a new notice.
    const next = await day.call('meetings.create', { month: '2026-12', venue: '会议室', scheduledAt: '2026-12-18T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' });
    expect(next.items.map((i) => i.case.id)).toEqual(['c-0']);
    await day.call('meetings.markAllPresent', { meetingId: next.id });
    const open = await day.call('meetings.open', { meetingId: next.id, onAnotherDay: true });
    await day.call('meetings.recordDecision', { meetingId: next.id, itemId: open.items[0]!.id, outcome: 'approve', amountYuan: '480', votesFor: 5, votesAgainst: 0, votesAbstain: 0 });
    const closed = await day.call('meetings.close', { meetingId: next.id });
    expect(closed.meeting.noticeDue).toBe(1);
    const answered = await day.call('notices.get', { batchId: batch.id });
    expect(answered.objections).toMatchObject([{ status: 'resolved', resolution: expect.stringContaining('重新审议，决定：同意') }]);
    expect(answered.openObjections).toBe(0);
    const renewed = await day.call('notices.createFromMeeting', { meetingId: next.id, startDate: '2026-11-26' });
    expect(renewed).toHaveLength(1);
    expect((await day.call('notices.get', { batchId: renewed[0]!.id })).items).toMatchObject([{ caseId: 'c-0', amountFen: 48000 }]);
  });
});

describe('notice PDFs', () => {
  it('print names, sizes and amounts only: no ID number, phone or address, whatever the households carry', async () => {
    const s = await closedMeeting();
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    const db = s.t.handle.sqlite;
    const ids = db.prepare('SELECT citizen_id FROM members').pluck().all() as string[];
    const phones = db.prepare('SELECT phone FROM households').pluck().all() as string[];
    const addresses = db.prepare('SELECT address FROM households').pluck().all() as string[];
    expect(ids.length).toBeGreaterThan(0);
    expect(phones.every((p) => /^1\d{10}$/.test(p))).toBe(true);

    await s.a.call('settings.update', { nameMasking: 'full' });
    // The street's office, set by the district bureau on the street's region, signs and takes objections.
    signInAs(s.t.handle, 'u-bureau');
    const office = { name: '麓山区望江街道办事处', address: '望江路1号', phone: '0731-88880000', hotlines: [{ label: '民政服务热线', number: '12349' }] };
    await s.a.call('regions.setOffice', { streetCode: '430188001', office });
    signInAs(s.t.handle, s.world.userId);
    const files = [...(await Promise.all(batches.map((b) => s.a.call('notices.pdf', { batchId: b.id })))), await s.a.call('notices.streetPdf', { meetingId: s.meeting.id })];
    const expected = [
      { head: s.world.cases[0]!.head, size: '2', amount: '520.00' },
      { head: s.world.cases[1]!.head, size: '2', amount: '530.00' },
      { head: s.world.cases[3]!.head, size: '2', amount: '停发' },
    ];
    const combined = pdfText(files.at(-1)!.path);
    for (const file of files) {
      const text = pdfText(file.path);
      const flat = text.replace(/\s+/g, '');
      expect(text).not.toMatch(/\d{17}[\dXx]/);
      expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      for (const id of ids) expect(flat).not.toContain(id);
      for (const phone of phones) expect(flat).not.toContain(phone);
      for (const address of addresses) expect(flat).not.toContain(address.replace(/\s+/g, ''));
      expect(flat).toContain('12349');
      expect(flat).toContain('可向麓山区望江街道办事处反映（地址：望江路1号，电话：0731-88880000），也可拨打民政服务热线12349。');
    }
    const flat = combined.replace(/\s+/g, '');
    for (const e of expected) {
      const line = combined.split('\n').find((l) => l.includes(e.head));
      expect(line, e.head).toBeDefined();
      expect(flat).toContain(e.head);
      expect(flat).toContain(e.amount);
    }
    expect(flat).toContain('望江路1号');
  });

  it('masks names as the settings say', async () => {
    const s = await closedMeeting();
    const [batch] = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    const head = s.world.cases[1]!.head; // two characters, e.g. 王华
    const text = async () => pdfText((await s.a.call('notices.pdf', { batchId: batch!.id })).path).replace(/\s+/g, '');
    await s.a.call('settings.update', { nameMasking: 'surname' });
    const surname = await text();
    expect(surname).toContain(`${head.slice(0, 1)}*`);
    expect(surname).not.toContain(head);
    await s.a.call('settings.update', { nameMasking: 'full' });
    expect(await text()).toContain(head);
  });

  it('prints a standing list of current recipients per community', async () => {
    const s = await closedMeeting();
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    for (const b of batches) await s.at('2026-11-23T01:00:00Z').call('notices.post', { batchId: b.id });
    const standing = async (instant: string) => pdfText((await s.at(instant).call('notices.standingPdf', { communityCode: '430188001002' })).path).replace(/\s+/g, '');
    const during = await standing('2026-11-29T02:00:00Z');
    const text = await standing('2026-11-30T02:00:00Z');
    expect(text).toContain('长期公示');
    // c-0 was approved at the meeting: a recipient from the day after its clean notice, not while it runs.
    const head = s.world.cases[0]!.head.slice(0, 1);
    expect(text).toContain(`${head}*`);
    expect(during).not.toContain(`${head}*`);
    expect(text).toContain('截至2026年11月30日');
    // Public anyway, so a neighbouring street's list is not refused; another district's is.
    await s.a.refused('notices.standingPdf', { communityCode: '430199001001' }, 'forbidden');
  });
});

describe('the street file', () => {
  it('prints all communities of one period together and refuses to merge different periods', async () => {
    const s = await closedMeeting();
    const batches = await s.a.call('notices.createFromMeeting', { meetingId: s.meeting.id, startDate: '2026-11-23' });
    const together = await s.a.call('notices.streetPdf', { meetingId: s.meeting.id });
    expect(together.fileName).toBe('notice-430188001-2026-11.pdf');
    const text = pdfText(together.path).replace(/\s+/g, '');
    expect(text).toContain('江边社区');
    expect(text).toContain('桥头社区');
    await s.a.call('notices.setPeriod', { batchId: batches[0]!.id, startDate: '2026-11-24', endDate: '2026-11-30' });
    await s.a.refused('notices.streetPdf', { meetingId: s.meeting.id }, 'conflict', /公示期不同/);
  });
});
