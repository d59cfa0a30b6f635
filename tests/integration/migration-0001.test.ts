// One test file per migration (as Signal Desktop does): what 0001 creates and what it refuses.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase } from '../helpers/db';
import { schemaVersionOf } from '../../electron/backend/db/migrator';
import { latestSchemaVersion } from '../../migrations';
import { syncedEntities } from '../../shared/sync';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const syncedTables = [...syncedEntities];
// 0004 adds sync_apply_state and sync_rejections, 0011 sort_key_versions, 0012 the desk's PINs.
const localTables = ['outbox', 'sync_state', 'audit_log', 'settings', 'sync_apply_state', 'sync_rejections', 'sort_key_versions', 'desk_pins'];

describe('migration 0001_initial', () => {
  it('creates the whole domain schema with a version on every synced row', async () => {
    const t = await freshDatabase();
    cleanup = t.cleanup;
    expect(schemaVersionOf(t.handle)).toBe(latestSchemaVersion);
    const tables = t.handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    expect(new Set(tables)).toEqual(new Set([...syncedTables, ...localTables]));
    for (const table of syncedTables) {
      const cols = t.handle.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number; dflt_value: string | null }[];
      const version = cols.find((c) => c.name === 'version');
      expect(version, `${table}.version`).toMatchObject({ notnull: 1, dflt_value: '1' });
      expect(cols.some((c) => c.name === 'updated_at'), `${table}.updated_at`).toBe(true);
    }
    expect(t.handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(t.handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('enforces the domain rules it can express', async () => {
    const t = await freshDatabase();
    cleanup = t.cleanup;
    const db = t.handle.sqlite;
    const now = '2026-11-20T02:00:00.000Z';
    db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188', '麓山区', 'district', NULL, 2024, ?)").run(now);
    db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188001', '望江街道', 'street', '430188', 2024, ?)").run(now);
    // A community must hang under the street its code names.
    expect(() =>
      db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188002001', 'X', 'community', '430188001', 2024, ?)").run(now),
    ).toThrow(/CHECK/);
    db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188001001', '江边社区', 'community', '430188001', 2024, ?)").run(now);
    // Notices last at least 7 days (end = start + 6).
    db.prepare("INSERT INTO meetings (id, street_code, month, issue_no, scheduled_at, status, updated_at) VALUES ('m1', '430188001', '2026-11', 1, ?, 'draft', ?)").run(now, now);
    const notice = db.prepare("INSERT INTO notice_batches (id, meeting_id, street_code, community_code, start_date, end_date, status, updated_at) VALUES (?, 'm1', '430188001', '430188001001', '2026-11-20', ?, 'draft', ?)");
    expect(() => notice.run('n1', '2026-11-25', now)).toThrow(/CHECK/);
    notice.run('n2', '2026-11-26', now);
    // Unknown foreign keys are refused.
    expect(() => db.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u1', 'a', '甲', 'street_staff', '430188009', ?)").run(now)).toThrow(/FOREIGN KEY/);
    // Sampling below 30 % cannot even be stored.
    expect(() =>
      db
        .prepare(
          "INSERT INTO spot_check_draws (id, district_code, period_start, period_end, street_codes_json, rate_percent, seed, seed_source, manifest_text, manifest_sha256, algorithm, drawn_by, drawn_at, status, updated_at) VALUES ('d', '430188', '2026-10-01', '2026-10-31', '[]', 29, '12345678901234567890', 'dice', '', ?, 'x', 'u', ?, 'locked', ?)",
        )
        .run('0'.repeat(64), now, now),
    ).toThrow(/CHECK|FOREIGN/);
  });

  it('keeps the audit log append-only', async () => {
    const t = await freshDatabase();
    cleanup = t.cleanup;
    const db = t.handle.sqlite;
    db.prepare("INSERT INTO audit_log (seq, at, actor_id, action, entity, entity_id, details_json, prev_hash, hash) VALUES (1, 'now', NULL, 'a', 'e', NULL, '{}', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('is recorded in user_version inside its own transaction', async () => {
    const t = await freshDatabase();
    cleanup = t.cleanup;
    const row = await sql<{ user_version: number }>`PRAGMA user_version`.execute(t.handle.db);
    expect(row.rows[0]?.user_version).toBe(latestSchemaVersion);
  });
});
