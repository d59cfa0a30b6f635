// The centre on PostgreSQL: a connection pool, the schema created in one transaction on an empty
// database (PostgreSQL's DDL is transactional, so a failure leaves nothing half-made), and a refusal in
// plain words for a database that cannot be reached, that a newer centre made, or that is not ours.
// Several centres may open the same database at once; the first creates the schema, under a lock.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../electron/backend/db/schema';
import { latestSchemaVersion } from '../../migrations';
import { LOG_LOCK_KEY } from '../../electron/backend/db/dialect';
import { centralTables } from '../central-tables';
import { log } from '../log';
import { regionOf } from '../scope';
import { ensureEpoch, type CentralStore } from '../central-store';
import { postgresSchema } from './schema';

/** Raised when the database cannot be used as it is; main.ts prints the message and exits. */
export class DatabaseSetupError extends Error {}

const SCHEMA_LOCK_KEY = LOG_LOCK_KEY + 1;

// BIGINT and NUMERIC (what sum() of a BIGINT gives) as JavaScript numbers, as SQLite hands them over:
// amounts in fen and counts stay far below 2^53.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text'),
};

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export function postgresPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  // An idle connection the server dropped must not take the process down; the next query reconnects.
  pool.on('error', (error) => log.warn('postgres idle connection lost', { error: error.message }));
  return pool;
}

export async function openPostgresStore(url: string, options: { poolSize?: number } = {}): Promise<CentralStore> {
  const pool = postgresPool(url, options.poolSize);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.connection().execute(async (c) => {
      await sql`SELECT pg_advisory_lock(${SCHEMA_LOCK_KEY})`.execute(c);
      try {
        await migrate(c);
      } finally {
        await sql`SELECT pg_advisory_unlock(${SCHEMA_LOCK_KEY})`.execute(c);
      }
    });
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (error instanceof DatabaseSetupError) throw error;
    const e = error as { code?: string; message?: string };
    throw new DatabaseSetupError(`无法连接中心数据库 ${redactedUrl(url)}：${e.code ?? ''} ${e.message ?? String(error)}`.trim());
  }
  const epoch = await ensureEpoch(db);
  return { dialect: 'postgres', db, handle: null, epoch, exclusive: async (work) => work(), close: () => db.destroy() };
}

/** The schema version this database is at, or null when it has no schema of ours. */
async function versionOf(db: Kysely<Database>): Promise<number | null> {
  const table = (await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'jrd_schema'`.execute(db)).rows[0]!.n;
  if (table === 0) {
    const others = (await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()`.execute(db)).rows[0]!.n;
    if (others > 0)
      throw new DatabaseSetupError(
        `数据库里已有 ${others} 张表，但没有联审联批中心的版本记录：它不是中心的数据库，或上次建库未完成。请换一个空数据库，或由管理员核对后清空再启动`,
      );
    return null;
  }
  return Number((await sql<{ version: number }>`SELECT version FROM jrd_schema`.execute(db)).rows[0]?.version ?? 0);
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const version = await versionOf(db);
  if (version !== null && version > latestSchemaVersion)
    throw new DatabaseSetupError(`中心数据库的数据结构为第 ${version} 版，由更新版本的中心程序创建；本程序只认识到第 ${latestSchemaVersion} 版。请升级中心程序，数据未作任何改动`);
  if (version === latestSchemaVersion) {
    for (const statement of centralTables('postgres')) await sql.raw(statement).execute(db);
    return;
  }
  if (version !== null)
    throw new DatabaseSetupError(`中心数据库的数据结构为第 ${version} 版，本程序没有从该版本升级到第 ${latestSchemaVersion} 版的 PostgreSQL 步骤`);
  const schema = await postgresSchema((entity, row) => regionOf[entity](row));
  await db.transaction().execute(async (trx) => {
    for (const statement of schema.statements) await sql.raw(statement).execute(trx);
    for (const t of schema.rows) {
      for (const values of t.values) {
        await sql`INSERT INTO ${sql.table(t.table)} (${sql.join(t.columns.map((c) => sql.ref(c)))}) VALUES (${sql.join(values)})`.execute(trx);
      }
    }
    for (const statement of centralTables('postgres')) await sql.raw(statement).execute(trx);
    await sql.raw('CREATE TABLE jrd_schema (version INTEGER NOT NULL)').execute(trx);
    await sql`INSERT INTO jrd_schema (version) VALUES (${schema.version})`.execute(trx);
  });
}
