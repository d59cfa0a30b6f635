import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain, GENESIS_HASH } from '../../electron/backend/audit/audit-log';
import { freshDatabase } from '../helpers/db';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('hash-chained audit log', () => {
  it('chains each row to the previous one and verifies', async () => {
    const t = await freshDatabase();
    cleanup = t.cleanup;
    const db = t.handle.db;
    for (let i = 0; i < 5; i++) {
      await appendAudit(db, { actorId: 'u1', action: 'decision.record', entity: 'decision', entityId: `d${i}`, details: { outcome: 'approve', n: i } }, `2026-11-20T02:00:0${i}.000Z`);
    }
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(rows[0]!.details_json).toBe('{"n":0,"outcome":"approve"}');
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 5, firstBrokenSeq: null });
  });

  it('reports the first row whose content was altered behind the triggers', async () => {
    const t = await freshDatabase();
    cleanup = t.cleanup;
    const db = t.handle.db;
    for (let i = 0; i < 4; i++) await appendAudit(db, { actorId: null, action: 'pdf.print', entity: 'community', entityId: `c${i}` }, '2026-11-20T02:00:00.000Z');
    // Someone with the file and a SQLite shell: drop the guard and edit row 3.
    t.handle.sqlite.exec('DROP TRIGGER audit_log_no_update');
    t.handle.sqlite.prepare("UPDATE audit_log SET entity_id = 'forged' WHERE seq = 3").run();
    expect(await verifyAuditChain(db)).toEqual({ ok: false, rows: 4, firstBrokenSeq: 3 });
  });

  it('reports a removed row as a broken link', async () => {
    const t = await freshDatabase();
    cleanup = t.cleanup;
    const db = t.handle.db;
    for (let i = 0; i < 4; i++) await appendAudit(db, { actorId: null, action: 'x', entity: 'e', entityId: null }, '2026-11-20T02:00:00.000Z');
    t.handle.sqlite.exec('DROP TRIGGER audit_log_no_delete');
    t.handle.sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });
});
