// PostgreSQL for tests: the throwaway cluster `npm test` starts (scripts/pg-cluster.mjs) names itself in
// JRD_TEST_POSTGRES_URL. Each test gets its own database, cloned from a seeded template in well under a
// second (CREATE DATABASE … TEMPLATE), and dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function postgresAdminUrl(): string {
  const url = process.env.JRD_TEST_POSTGRES_URL;
  if (!url) throw new Error('JRD_TEST_POSTGRES_URL is not set: run the tests with `npm test`, which starts a PostgreSQL cluster (apt-get install postgresql)');
  return url;
}

/** The URL of database `name` on the test cluster. */
export function databaseUrl(name: string): string {
  const u = new URL(postgresAdminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database (or a clone of `template`), its name unique to this run. */
export async function createDatabase(prefix: string, template?: string): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
