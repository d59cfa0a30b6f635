// Migration 0009: a database whose meetings were closed before issue 17 holds each household's final state
// (the old close wrote every decision onto the row at once). After the upgrade the rows hold the state
// before the first decision, so the fold pays what the decisions in effect say: an approval an objection
// suspended is not paid, a change takes effect on its day, and households no decision touched are as they were.
import { afterEach, describe, expect, it } from 'vitest';
import { householdAssistance } from '../../electron/backend/cases/assistance';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { openDatabase } from '../../electron/backend/db/open';
import { householdAfter, type HouseholdAssistance } from '../../shared/decision-effects';
import type { CaseCategory, CaseKind } from '../../shared/domain';
import { migrations } from '../../migrations';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedMeetingWorld } from '../helpers/meeting-world';
import { NOW } from '../helpers/minimal';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

type Row = { status: string; category: string | null; amount: number; since: string | null };

/**
 * 望江街道 at schema 0008 with the October meeting closed the old way: every decision written onto its
 * household. c-0 new (approved, notice ended), c-1 increase, c-2 temporary, c-3 termination, c-4 re-review,
 * c-5 new (approved, an objection during its notice), c-6 decrease (refused), c-7 phase-out; h-8 has no
 * decided case.
 */
async function upgradedFrom0008() {
  const dir = mkdtempSync(join(tmpdir(), 'jrd-0009-'));
  const handle = openDatabase(join(dir, 'old.sqlite'));
  cleanup = async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  };
  await migrateToLatest(handle, { list: migrations.slice(0, 8) });
  seedMeetingWorld(handle, 10);
  const db = handle.sqlite;
  db.prepare(
    "INSERT INTO meetings (id, street_code, month, issue_no, venue, scheduled_at, status, opened_at, closed_at, minutes_sha256, updated_at) VALUES ('m-oct', '430188001', '2026-10', 10, '会议室', '2026-10-23T01:00:00.000Z', 'closed', '2026-10-23T01:00:00.000Z', '2026-10-23T03:00:00.000Z', ?, ?)",
  ).run('a'.repeat(64), NOW);
  const outcomes: Record<string, 'approve' | 'reject'> = { 'c-6': 'reject' };
  const amounts: Record<string, number | null> = { 'c-0': 52000, 'c-1': 66000, 'c-2': 150000, 'c-3': null, 'c-4': 56000, 'c-5': 48000, 'c-6': null, 'c-7': 59000 };
  const cases = db.prepare("SELECT id, household_id, kind, category FROM cases WHERE id IN ('c-0','c-1','c-2','c-3','c-4','c-5','c-6','c-7') ORDER BY id").all() as { id: string; household_id: string; kind: CaseKind; category: CaseCategory }[];
  const read = db.prepare('SELECT assistance_status AS status, category, monthly_amount_fen AS amount, assisted_since AS since FROM households WHERE id = ?');
  const write = db.prepare('UPDATE households SET assistance_status = ?, category = ?, monthly_amount_fen = ?, assisted_since = ? WHERE id = ?');
  const before = new Map<string, Row>();
  cases.forEach((c, i) => {
    const outcome = outcomes[c.id] ?? 'approve';
    const amountFen = outcome === 'approve' ? amounts[c.id]! : null;
    db.prepare("INSERT INTO agenda_items (id, meeting_id, case_id, seq, source, updated_at) VALUES (?, 'm-oct', ?, ?, 'auto', ?)").run(`a-${c.id}`, c.id, i + 1, NOW);
    db.prepare(
      "INSERT INTO decisions (id, meeting_id, agenda_item_id, case_id, outcome, reason, amount_fen, votes_for, votes_against, votes_abstain, decided_at, updated_at) VALUES (?, 'm-oct', ?, ?, ?, ?, ?, 5, 0, 0, ?, ?)",
    ).run(`d-${c.id}`, `a-${c.id}`, c.id, outcome, outcome === 'reject' ? '收入超标' : '', amountFen, `2026-10-23T02:${String(10 + i)}:00.000Z`, NOW);
    db.prepare('UPDATE cases SET status = ? WHERE id = ?').run(outcome === 'approve' ? 'approved' : 'rejected', c.id);
    // What the close did before issue 17: the decision's effect written onto the household, there and then.
    const h = read.get(c.household_id) as Row;
    before.set(c.household_id, h);
    const now: HouseholdAssistance = { status: h.status as HouseholdAssistance['status'], category: h.category as HouseholdAssistance['category'], monthlyAmountFen: h.amount, assistedSince: h.since };
    const after = householdAfter(c, { outcome, amountFen }, now, '2026-10-23');
    write.run(after.status, after.category, after.monthlyAmountFen, after.assistedSince, c.household_id);
  });
  // The notices, 2026-10-26 to 11-01, with an objection against c-5 during it.
  db.prepare("INSERT INTO notice_batches (id, meeting_id, street_code, community_code, start_date, end_date, status, posted_at, updated_at) VALUES ('b-1', 'm-oct', '430188001', '430188001001', '2026-10-26', '2026-11-01', 'ended', '2026-10-26T01:00:00.000Z', ?)").run(NOW);
  db.prepare("INSERT INTO notice_batches (id, meeting_id, street_code, community_code, start_date, end_date, status, posted_at, updated_at) VALUES ('b-2', 'm-oct', '430188001', '430188001002', '2026-10-26', '2026-11-01', 'ended', '2026-10-26T01:00:00.000Z', ?)").run(NOW);
  const item = db.prepare("INSERT INTO notice_items (id, batch_id, case_id, seq, updated_at) VALUES (?, (SELECT CASE WHEN community_code = '430188001001' THEN 'b-1' ELSE 'b-2' END FROM cases WHERE id = ?), ?, ?, ?)");
  // c-7's notice was put up on paper only: the desk has none for it.
  ['c-0', 'c-1', 'c-3', 'c-5'].forEach((id, i) => item.run(`ni-${id}`, id, id, i + 1, NOW));
  db.prepare(
    "INSERT INTO objections (id, batch_id, case_id, received_at, objector, channel, content, status, updated_at) VALUES ('o-1', (SELECT batch_id FROM notice_items WHERE case_id = 'c-5'), 'c-5', '2026-10-28T02:00:00.000Z', '匿名', 'phone', '反映其家中有经营收入', 'open', ?)",
  ).run(NOW);
  const finalRows = new Map((db.prepare('SELECT id FROM households').all() as { id: string }[]).map((h) => [h.id, read.get(h.id) as Row]));
  await migrateToLatest(handle);
  const rows = new Map((db.prepare('SELECT id FROM households').all() as { id: string }[]).map((h) => [h.id, read.get(h.id) as Row]));
  const paid = async (id: string, day: string) => {
    const h = await householdAssistance(handle.db, id, day);
    return `${h.status} ${h.monthlyAmountFen}`;
  };
  return { handle, before, finalRows, rows, paid };
}

describe('migration 0009_household_opening_state', () => {
  it('puts each row a closed decision touched back to the state before it', async () => {
    const s = await upgradedFrom0008();
    // The old close had written them: the final state was on the rows before the upgrade.
    expect(s.finalRows.get('h-0')).toMatchObject({ status: 'active', amount: 52000 });
    expect(s.finalRows.get('h-1')).toMatchObject({ amount: 66000 });
    for (const id of ['h-0', 'h-1', 'h-2', 'h-3', 'h-4', 'h-5', 'h-6']) expect(s.rows.get(id), id).toEqual(s.before.get(id));
    // An approval no notice in the desk carried would never take effect: its household keeps the row it was paid on.
    expect(s.rows.get('h-7')).toEqual(s.finalRows.get('h-7'));
    expect(s.rows.get('h-7')).not.toEqual(s.before.get('h-7'));
    // No decision, or one that never changed the row: untouched.
    expect(s.rows.get('h-8')).toEqual(s.finalRows.get('h-8'));
    expect(s.rows.get('h-9')).toEqual(s.finalRows.get('h-9'));
  });

  it('pays what the decisions in effect say: nothing while the notice runs, nothing after an objection', async () => {
    const s = await upgradedFrom0008();
    // The approval with an objection against it during the notice was paid by the old row; now it never is.
    expect(s.finalRows.get('h-5')).toMatchObject({ status: 'active', amount: 48000 });
    const expected: [household: string, day: string, paid: string][] = [
      ...['2026-10-30', '2026-11-02', '2027-01-31'].map((day): [string, string, string] => ['h-5', day, 'applicant 0']),
      // Announced approvals: the old state until the notice ended on 1 November, the decision from the 2nd.
      ['h-0', '2026-11-01', 'applicant 0'],
      ['h-0', '2026-11-02', 'active 52000'],
      ['h-1', '2026-11-01', 'active 60000'],
      ['h-1', '2026-11-02', 'active 66000'],
      ['h-3', '2026-11-01', 'active 60000'],
      ['h-3', '2026-11-02', 'terminated 0'],
      // The phase-out with no notice in the desk is paid as the old row said, before and after.
      ['h-7', '2026-10-30', 'phasing_out 59000'],
      ['h-7', '2027-01-31', 'phasing_out 59000'],
      // Not announced: a re-review from the close; a refused decrease and a one-off payment change nothing.
      ['h-4', '2026-10-22', 'active 60000'],
      ['h-4', '2026-10-23', 'active 56000'],
      ['h-6', '2026-11-02', 'active 60000'],
      ['h-2', '2026-11-02', 'active 60000'],
    ];
    for (const [household, day, paid] of expected) expect(await s.paid(household, day), `${household} ${day}`).toBe(paid);
  });

  it('gives the same rows when run again on rows that already hold their opening state', async () => {
    const s = await upgradedFrom0008();
    await migrations[8]!.up(s.handle.db as never);
    const again = new Map((s.handle.sqlite.prepare('SELECT id, assistance_status AS status, category, monthly_amount_fen AS amount, assisted_since AS since FROM households').all() as (Row & { id: string })[]).map(({ id, ...r }) => [id, r]));
    expect(again).toEqual(s.rows);
  });
});
