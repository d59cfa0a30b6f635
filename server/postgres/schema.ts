// The app's schema for PostgreSQL, read off the migrations themselves: an in-memory SQLite database is
// migrated to the latest version and its catalogue translated statement by statement, so the centre's
// tables, CHECKs, foreign keys, indexes and guards cannot drift from the desk's. What the two engines
// spell differently is translated here and nowhere else:
//   INTEGER -> BIGINT (amounts and counts of a city), AUTOINCREMENT -> BIGSERIAL,
//   GLOB -> an anchored regular expression, date(d, '+N days') -> jrd_plus_days(d, N),
//   json_valid / json_type / json_array_length on TEXT -> SQL functions of the same names (below),
//   `a IS NOT b` -> `a IS DISTINCT FROM b`, RAISE(ABORT, m) triggers -> PL/pgSQL functions raising m,
//   foreign keys DEFERRABLE (still checked at each statement unless a loader defers them).
// The change capture of the centre (electron/backend/sync/capture.ts) is a permanent trigger per synced
// table here, writing only while the transaction has set `jrd.capturing`.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { latestSchemaVersion } from '../../migrations';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { isPinyinIndex, registerPinyinKey, SORT_KEY_VERSIONS_TABLE } from '../../electron/backend/db/pinyin-key';
import type { Database } from '../../electron/backend/db/schema';
import { keyOf, syncedEntities, type SyncedEntity } from '../../shared/sync';

export type PostgresSchema = { version: number; statements: string[]; rows: { table: string; columns: string[]; values: unknown[][] }[] };

/** Functions the translated CHECKs call, with SQLite's meaning for the TEXT they are given. */
const compatibility = [
  `CREATE FUNCTION json_valid(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN PERFORM t::json; RETURN true; EXCEPTION WHEN others THEN RETURN false; END $$`,
  `CREATE FUNCTION json_type(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN RETURN json_typeof(t::json); EXCEPTION WHEN others THEN RETURN NULL; END $$`,
  `CREATE FUNCTION json_array_length(t text) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN RETURN json_array_length(t::json); EXCEPTION WHEN others THEN RETURN NULL; END $$`,
  `CREATE FUNCTION jrd_plus_days(d text, n integer) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN RETURN to_char(d::date + n, 'YYYY-MM-DD'); EXCEPTION WHEN others THEN RETURN NULL; END $$`,
  // What a command wrote, noted by the capture triggers for the transaction that wrote it (capture.ts).
  `CREATE TABLE sync_capture (
  seq BIGSERIAL PRIMARY KEY,
  txid BIGINT NOT NULL DEFAULT txid_current(),
  entity TEXT NOT NULL, row_key TEXT NOT NULL, op TEXT NOT NULL, old_version BIGINT, region TEXT
)`,
  'CREATE INDEX sync_capture_txid ON sync_capture(txid, seq)',
];

/** A GLOB pattern as an anchored POSIX regular expression (SQLite's GLOB classes negate with ^). */
export function globToRegex(glob: string): string {
  let out = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      out += glob.slice(i, end + 1);
      i = end;
    } else out += /[.+(){}|\\$^]/.test(c) ? `\\${c}` : c;
  }
  return `${out}$`;
}

function translateExpression(text: string): string {
  return text
    .replace(/\b(NOT\s+)?GLOB\s+'([^']*)'/g, (_m, not: string | undefined, glob: string) => `${not ? '!~' : '~'} '${globToRegex(glob)}'`)
    .replace(/\bdate\((\w+),\s*'\+(\d+) days'\)/g, 'jrd_plus_days($1, $2)')
    .replace(/\bIS NOT (?!NULL\b)/g, 'IS DISTINCT FROM ');
}

function translateTable(ddl: string): string {
  return translateExpression(ddl)
    .replace(/\bINTEGER PRIMARY KEY AUTOINCREMENT\b/g, 'BIGSERIAL PRIMARY KEY')
    .replace(/\bINTEGER\b/g, 'BIGINT')
    // Byte order, as SQLite compares text: codes, dates and names sort the same at the desk and here.
    .replace(/\bTEXT\b/g, 'TEXT COLLATE "C"')
    .replace(/\bREFERENCES (\w+)\((\w+)\)/g, 'REFERENCES $1($2) DEFERRABLE INITIALLY IMMEDIATE');
}

const triggerPattern = /^CREATE TRIGGER (\w+) (BEFORE|AFTER) (INSERT|UPDATE|DELETE) ON (\w+)\s*(?:WHEN ([\s\S]*?))?\s*BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END$/;

function translateTrigger(ddl: string): string[] {
  const m = triggerPattern.exec(ddl.trim());
  if (!m) throw new Error(`PostgreSQL schema: no translation for trigger ${ddl.slice(0, 80)}`);
  const [, name, when, op, table, condition, message] = m;
  const test = condition ? translateExpression(condition) : 'true';
  return [
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF ${test} THEN RAISE EXCEPTION '${message}' USING ERRCODE = 'P0001'; END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$`,
    `CREATE TRIGGER ${name} ${when} ${op} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  ];
}

/** Tables in an order where each follows those it refers to (a migration may add a reference later). */
function byReferences(tables: { name: string; sql: string }[]): { name: string; sql: string }[] {
  const names = new Set(tables.map((t) => t.name));
  const done = new Set<string>();
  const out: { name: string; sql: string }[] = [];
  const visit = (t: { name: string; sql: string }, path: Set<string>) => {
    if (done.has(t.name)) return;
    if (path.has(t.name)) throw new Error(`PostgreSQL schema: tables refer to each other in a cycle (${[...path].join(' → ')})`);
    path.add(t.name);
    for (const [, parent] of t.sql.matchAll(/REFERENCES (\w+)\(/g)) {
      if (parent !== t.name && names.has(parent!)) visit(tables.find((x) => x.name === parent)!, path);
    }
    path.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

function captureTriggers(regionOfDeleted: (entity: SyncedEntity, row: 'OLD') => string): string[] {
  const on = "WHEN (current_setting('jrd.capturing', true) = 'on')";
  return syncedEntities.flatMap((entity) => {
    const key = keyOf(entity);
    return [
      `CREATE FUNCTION capture_${entity}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN INSERT INTO sync_capture (entity, row_key, op, old_version) VALUES ('${entity}', NEW.${key}, 'upsert', NULL); RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' THEN INSERT INTO sync_capture (entity, row_key, op, old_version) VALUES ('${entity}', NEW.${key}, 'upsert', OLD.version); RETURN NEW; END IF;
  INSERT INTO sync_capture (entity, row_key, op, old_version, region) VALUES ('${entity}', OLD.${key}, 'delete', OLD.version, ${regionOfDeleted(entity, 'OLD')});
  RETURN OLD;
END $$`,
      `CREATE TRIGGER capture_${entity}_write AFTER INSERT OR UPDATE ON ${entity} FOR EACH ROW ${on} EXECUTE FUNCTION capture_${entity}()`,
      // BEFORE, so that the row's parents can still be read for its division code.
      `CREATE TRIGGER capture_${entity}_delete BEFORE DELETE ON ${entity} FOR EACH ROW ${on} EXECUTE FUNCTION capture_${entity}()`,
    ];
  });
}

/** The latest schema as PostgreSQL statements, plus the rows the migrations themselves insert. */
export async function postgresSchema(regionOfDeleted: (entity: SyncedEntity, row: 'OLD') => string): Promise<PostgresSchema> {
  const sqlite = new BetterSqlite3(':memory:');
  // Migration 0011 indexes the heads' names by pinyin_key for the desk's grid, and records the collation
  // data it was built with; the centre has no grid, so both are made here only to be left out below.
  registerPinyinKey(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest({ file: ':memory:', sqlite, db, close: () => db.destroy() });
    type Entry = { type: string; name: string; tbl_name: string; sql: string };
    const entries = sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all() as Entry[];
    const tables = byReferences(entries.filter((e) => e.type === 'table' && e.name !== SORT_KEY_VERSIONS_TABLE).map((e) => ({ name: e.tbl_name, sql: e.sql })));
    const statements = [
      ...compatibility,
      ...tables.map((t) => translateTable(t.sql)),
      ...entries.filter((e) => e.type === 'index' && !isPinyinIndex(e.sql)).map((e) => translateExpression(e.sql)),
      ...entries.filter((e) => e.type === 'trigger').flatMap((e) => translateTrigger(e.sql)),
      ...captureTriggers(regionOfDeleted),
    ];
    const rows = tables.flatMap((t) => {
      const values = sqlite.prepare(`SELECT * FROM "${t.name}"`).raw().all() as unknown[][];
      if (values.length === 0) return [];
      const columns = (sqlite.prepare(`SELECT * FROM "${t.name}" LIMIT 1`).columns()).map((c) => c.name);
      return [{ table: t.name, columns, values }];
    });
    return { version: latestSchemaVersion, statements, rows };
  } finally {
    await db.destroy();
  }
}
