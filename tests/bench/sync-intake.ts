// A street's intake topped up for the sync benchmark: a generated street has about 30 applications a
// month, and the benchmark wants a meeting of about 200 decisions. Cases come from the provincial system
// (intake is not yet a command of the desk), so they are written at the centre, with their change-log
// entries, as the centre's seed writes its rows, before the street's first pull.
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';

/** Tops the street's pending applications up to `total` in the centre's database; returns how many it added. */
export function intakeAtCentre(centralFile: string, streetCode: string, total: number, at: string): number {
  const sqlite = new BetterSqlite3(centralFile);
  sqlite.pragma('busy_timeout = 10000');
  try {
    const pending = sqlite.prepare("SELECT * FROM cases WHERE street_code = ? AND status = 'pending' ORDER BY case_no").all(streetCode) as Record<string, unknown>[];
    if (pending.length === 0) throw new Error(`street ${streetCode} has no pending case to copy`);
    const households = sqlite
      .prepare(
        `SELECT h.id, h.community_code FROM households h WHERE h.street_code = ?
           AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.status IN ('pending', 'deferred', 'reinvestigating'))
         ORDER BY h.household_no LIMIT ?`,
      )
      .all(streetCode, Math.max(0, total - pending.length)) as { id: string; community_code: string }[];
    sqlite.transaction(() => {
      for (const [i, h] of households.entries()) {
        const row = { ...pending[i % pending.length]!, id: randomUUID(), case_no: `${streetCode}-202611-${String(500 + i)}`, household_id: h.id, community_code: h.community_code, complaint: 0, close_relative: 0, version: 1, created_at: at, updated_at: at };
        const names = Object.keys(row);
        sqlite.prepare(`INSERT INTO cases (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n as keyof typeof row] ?? null));
        sqlite.prepare("INSERT INTO change_log (entity, row_key, op, version, region_code, audience) VALUES ('cases', ?, 'upsert', 1, ?, 'all')").run(row.id, h.community_code);
      }
    })();
    return households.length;
  } finally {
    sqlite.close();
  }
}
