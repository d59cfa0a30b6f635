// The spot-check frame takes the decisions of a period's China days. It used SQLite's date(x, '+8 hours');
// it now compares the recorded instants as text against the CST midnights, which any SQL engine does the
// same way. On a real SQLite database the two select exactly the same instants, in every form a command
// may record one (shared/sync.ts: whole seconds or 1-3 fraction digits, always Z), boundaries included.
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addDays, chinaDayStart } from '../../shared/dates';

const periods = [
  ['2026-11-01', '2026-11-30'],
  ['2026-12-01', '2026-12-31'],
  ['2026-02-15', '2026-02-15'],
] as const;

function instants(): string[] {
  const out: string[] = [];
  // Around each period's edges, in every recorded form.
  for (const [start, end] of periods) {
    for (const edge of [chinaDayStart(start), chinaDayStart(addDays(end, 1))]) {
      const t = Date.parse(edge);
      for (const dt of [-1000, -1, 0, 1, 499, 1000]) {
        const iso = new Date(t + dt).toISOString();
        out.push(iso, iso.replace(/\.\d{3}Z$/, 'Z'), iso.replace(/(\.\d)\d{2}Z$/, '$1Z'), iso.replace(/(\.\d{2})\dZ$/, '$1Z'));
      }
    }
  }
  // And a spread over the year, with a fixed seed.
  let seed = 42;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out.push(new Date(Date.UTC(2026, 0, 1) + (seed % (366 * 86_400_000))).toISOString());
  }
  return out;
}

describe('a period of China days, selected over recorded instants', () => {
  it('selects what SQLite date(x, +8 hours) selected, at the edges and across the year', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      db.exec('CREATE TABLE d (decided_at TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO d VALUES (?)');
      for (const x of instants()) insert.run(x);
      for (const [start, end] of periods) {
        const old = db.prepare("SELECT decided_at FROM d WHERE date(decided_at, '+8 hours') BETWEEN ? AND ? ORDER BY rowid").pluck().all(start, end);
        const now = db.prepare('SELECT decided_at FROM d WHERE decided_at >= ? AND decided_at < ? ORDER BY rowid').pluck().all(chinaDayStart(start), chinaDayStart(addDays(end, 1)));
        expect(old.length, start).toBeGreaterThan(20);
        expect(now, start).toEqual(old);
      }
    } finally {
      db.close();
    }
  });
});
