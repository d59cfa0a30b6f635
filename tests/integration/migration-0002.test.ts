// Migration 0002: a closed meeting's record cannot be rewritten, deleted or reopened by any code path.
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/db';
import { NOW } from '../helpers/minimal';
import { seedMeetingWorld } from '../helpers/meeting-world';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function world() {
  const t = await freshDatabase();
  cleanup = t.cleanup;
  seedMeetingWorld(t.handle, 3);
  const db = t.handle.sqlite;
  const meeting = db.prepare(
    "INSERT INTO meetings (id, street_code, month, issue_no, venue, scheduled_at, status, opened_at, closed_at, minutes_sha256, updated_at) VALUES (?, '430188001', ?, ?, '会议室', ?, ?, ?, ?, ?, ?)",
  );
  // Written already closed, the way the generator and a sync pull write history: inserts are allowed.
  meeting.run('m-closed', '2026-10', 10, NOW, 'closed', NOW, NOW, 'a'.repeat(64), NOW);
  meeting.run('m-closing', '2026-09', 9, NOW, 'closed', NOW, NOW, null, NOW);
  meeting.run('m-open', '2026-11', 11, NOW, 'in_session', NOW, null, null, NOW);
  const item = db.prepare("INSERT INTO agenda_items (id, meeting_id, case_id, seq, source, updated_at) VALUES (?, ?, ?, 1, 'auto', ?)");
  item.run('a-closed', 'm-closed', 'c-0', NOW);
  item.run('a-open', 'm-open', 'c-1', NOW);
  const decision = db.prepare(
    "INSERT INTO decisions (id, meeting_id, agenda_item_id, case_id, outcome, reason, amount_fen, votes_for, votes_against, votes_abstain, decided_at, updated_at) VALUES (?, ?, ?, ?, 'approve', '', 50000, 5, 0, 0, ?, ?)",
  );
  decision.run('d-closed', 'm-closed', 'a-closed', 'c-0', NOW, NOW);
  decision.run('d-open', 'm-open', 'a-open', 'c-1', NOW, NOW);
  db.prepare("INSERT INTO recusals (id, agenda_item_id, member_id, reason, updated_at) VALUES ('r-closed', 'a-closed', 'cm-m1', '近亲属', ?)").run(NOW);
  db.prepare("INSERT INTO meeting_attendance (id, meeting_id, member_id, name, attendance, voting, updated_at) VALUES ('att-closed', 'm-closed', 'cm-chair', '赵建国', 'present', 1, ?)").run(NOW);
  return db;
}

describe('migration 0002_closed_meeting_guards', () => {
  it('refuses to change or delete anything recorded at a closed meeting', async () => {
    const db = await world();
    const refused = [
      "UPDATE decisions SET outcome = 'reject', reason = '改判', amount_fen = NULL WHERE id = 'd-closed'",
      "UPDATE decisions SET votes_for = 4 WHERE id = 'd-closed'",
      "DELETE FROM decisions WHERE id = 'd-closed'",
      "UPDATE agenda_items SET removed = 1, removed_reason = 'x' WHERE id = 'a-closed'",
      "DELETE FROM agenda_items WHERE id = 'a-closed'",
      "UPDATE recusals SET reason = 'x' WHERE id = 'r-closed'",
      "DELETE FROM recusals WHERE id = 'r-closed'",
      "UPDATE meeting_attendance SET attendance = 'absent' WHERE id = 'att-closed'",
      "DELETE FROM meeting_attendance WHERE id = 'att-closed'",
      "UPDATE meetings SET status = 'in_session' WHERE id = 'm-closed'",
      "UPDATE meetings SET minutes_sha256 = NULL WHERE id = 'm-closed'",
      "UPDATE meetings SET venue = '别处' WHERE id = 'm-closed'",
      "DELETE FROM meetings WHERE id = 'm-closed'",
    ];
    for (const statement of refused) expect(() => db.prepare(statement).run(), statement).toThrow(/immutable/);
    expect(db.prepare("SELECT outcome, votes_for FROM decisions WHERE id = 'd-closed'").get()).toEqual({ outcome: 'approve', votes_for: 5 });
  });

  it('leaves open meetings editable and allows a correction as a new linked decision', async () => {
    const db = await world();
    db.prepare("UPDATE decisions SET votes_for = 4, votes_abstain = 1 WHERE id = 'd-open'").run();
    db.prepare("DELETE FROM decisions WHERE id = 'd-open'").run();
    // The minutes' hash is set once after closing; the sync stamp may move.
    db.prepare("UPDATE meetings SET updated_at = 'later' WHERE id = 'm-closed'").run();
    db.prepare("UPDATE meetings SET minutes_sha256 = ? WHERE id = 'm-closing'").run('c'.repeat(64));
    expect(() => db.prepare("UPDATE meetings SET minutes_sha256 = ? WHERE id = 'm-closing'").run('b'.repeat(64))).toThrow(/immutable/);
    db.prepare(
      "INSERT INTO decisions (id, meeting_id, agenda_item_id, case_id, outcome, reason, votes_for, votes_against, votes_abstain, decided_at, supersedes_id, updated_at) VALUES ('d-fix', 'm-open', 'a-open', 'c-0', 'reject', '复核发现收入超标', 5, 0, 0, ?, 'd-closed', ?)",
    ).run(NOW, NOW);
    expect(db.prepare("SELECT supersedes_id FROM decisions WHERE id = 'd-fix'").pluck().get()).toBe('d-closed');
  });
});
