// notices.list a page at a time: a district's batches grow by one per community each month, so the desk
// reads them newest first in pages of NOTICE_LIST_PAGE, filtered in SQL, and a street sees only its own.
import { afterEach, describe, expect, it } from 'vitest';
import { NOTICE_LIST_PAGE, type NoticeBatchSummary } from '../../shared/notice';
import { freshDatabase } from '../helpers/db';
import { testContext } from '../helpers/minimal';
import { closeApprovingMeeting, seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { api } from '../helpers/api';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const EXTRA = 2 * NOTICE_LIST_PAGE + 57;

/** A closed meeting's notices, then EXTRA more batches over two years of periods and all three statuses. */
async function manyBatches() {
  const t = await freshDatabase();
  cleanup = t.cleanup;
  seedMeetingWorld(t.handle, 6);
  const a = api(testContext(t.handle, t.dir));
  const { meeting } = await closeApprovingMeeting(a);
  const made = await a.call('notices.createFromMeeting', { meetingId: meeting.id, startDate: '2026-11-23' });
  const db = t.handle.sqlite;
  const columns = (db.prepare('PRAGMA table_info(notice_batches)').all() as { name: string }[]).map((c) => c.name);
  const copied = columns.map((c) => (['id', 'start_date', 'end_date', 'status', 'posted_at'].includes(c) ? `@${c}` : c)).join(', ');
  const copy = db.prepare(`INSERT INTO notice_batches (${columns.join(', ')}) SELECT ${copied} FROM notice_batches WHERE id = @from`);
  const statuses = ['draft', 'posted', 'ended'] as const;
  db.transaction(() => {
    for (let i = 0; i < EXTRA; i++) {
      // Periods repeat (i % 40), so ties on the start date are ordered by community and id.
      const day = new Date(Date.UTC(2025, 0, 1 + (i % 40) * 14));
      const start = day.toISOString().slice(0, 10);
      const end = new Date(day.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
      const status = statuses[i % 3]!;
      copy.run({ from: made[i % made.length]!.id, id: `nb-extra-${String(i).padStart(4, '0')}`, start_date: start, end_date: end, status, posted_at: status === 'draft' ? null : `${start}T01:00:00.000Z` });
    }
  })();
  return { t, a, made, meetingId: meeting.id };
}

async function everyPage(call: (offset: number) => Promise<{ offset: number; total: number; batches: NoticeBatchSummary[] }>) {
  const all: NoticeBatchSummary[] = [];
  let total = -1;
  for (;;) {
    const page = await call(all.length);
    expect(page.offset).toBe(all.length);
    expect(page.batches.length).toBeLessThanOrEqual(NOTICE_LIST_PAGE);
    // Each answer stays small whatever the district holds.
    expect(JSON.stringify(page).length).toBeLessThan(200_000);
    total = page.total;
    all.push(...page.batches);
    if (page.batches.length === 0 || all.length >= total) break;
  }
  return { all, total };
}

describe('notices.list', () => {
  it('gives every batch once, page by page, newest period first, and the total', async () => {
    const s = await manyBatches();
    const first = await s.a.call('notices.list', {});
    expect(first.batches).toHaveLength(NOTICE_LIST_PAGE);
    const { all, total } = await everyPage((offset) => s.a.call('notices.list', { offset }));
    expect(total).toBe(EXTRA + s.made.length);
    expect(all).toHaveLength(total);
    expect(new Set(all.map((b) => b.id)).size).toBe(total);
    const order = [...all].sort((x, y) => (x.startDate !== y.startDate ? (x.startDate < y.startDate ? 1 : -1) : x.communityCode !== y.communityCode ? (x.communityCode < y.communityCode ? -1 : 1) : x.id < y.id ? -1 : 1));
    expect(all.map((b) => b.id)).toEqual(order.map((b) => b.id));
    // Past the end: nothing more, the same total.
    const past = await s.a.call('notices.list', { offset: total + 5 });
    expect(past).toEqual({ offset: total + 5, total, batches: [] });
  });

  it('filters by status and by meeting in the query, with totals that count the filter', async () => {
    const s = await manyBatches();
    const { all } = await everyPage((offset) => s.a.call('notices.list', { offset }));
    for (const status of ['draft', 'posted', 'ended'] as const) {
      const { all: only, total } = await everyPage((offset) => s.a.call('notices.list', { status, offset }));
      expect(total).toBe(all.filter((b) => b.status === status).length);
      expect(only.map((b) => b.id)).toEqual(all.filter((b) => b.status === status).map((b) => b.id));
    }
    const ofMeeting = await s.a.call('notices.list', { meetingId: s.meetingId });
    expect(ofMeeting.total).toBe(EXTRA + s.made.length);
    const none = await s.a.call('notices.list', { meetingId: 'no-such-meeting' });
    expect(none).toEqual({ offset: 0, total: 0, batches: [] });
  });

  it('shows another street none of them, and refuses arguments it does not know', async () => {
    const s = await manyBatches();
    signInAs(s.t.handle, 'u-other');
    expect(await s.a.call('notices.list', {})).toEqual({ offset: 0, total: 0, batches: [] });
    await s.a.refused('notices.list', { offset: -1 } as never, 'invalid-args');
    await s.a.refused('notices.list', { limit: 100000 } as never, 'invalid-args');
    await s.a.refused('notices.list', { status: 'deleted' } as never, 'invalid-args');
    signInAs(s.t.handle, 'u-bureau');
    expect((await s.a.call('notices.list', {})).total).toBe(EXTRA + s.made.length);
  });
});
