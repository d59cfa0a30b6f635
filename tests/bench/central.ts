// The centre on PostgreSQL beside the centre on SQLite (issue 18), in one run: the same seeded district
// of 46,300 households (just over 100,000 cases), served by one SQLite centre and by three centre
// processes sharing one PostgreSQL database on a durable cluster (fsync, synchronous_commit and
// full_page_writes on, as SQLite runs WAL with synchronous=NORMAL). Two figures each: the bureau's
// first full pull, and the commands per second the centre takes from 30 desks pushing at once.
// `JRD_BENCH_HOUSEHOLDS=3000 npm run bench -- central` makes a small district for a trial run.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, type DbHandle } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import type { BackendContext } from '../../electron/backend/context';
import { recordComplaint } from '../../electron/backend/cases/record-commands';
import { deskAs } from '../../electron/backend/commands/desk';
import { rosterUserNamed } from '../../electron/backend/session/session';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { pushOutbox } from '../../electron/backend/sync/push';
import type { DemoAccount } from '../../server/seed';
import { copySqliteToPostgres } from '../../server/postgres/copy';
import { openPostgresStore } from '../../server/postgres/store';
import { startPostgres } from '../../scripts/pg-cluster.mjs';
import { testContext } from '../helpers/minimal';
import { newClient, startCentre, type CentreProcess } from './centre-process';

const HOUSEHOLDS = Number(process.env.JRD_BENCH_HOUSEHOLDS ?? 46_300);
const INSTANCES = 3;
const CLIENTS = 30;
const COMMANDS = 20;
const RUNS = 2;

/** The middle value; of an even count, the mean of the middle two. */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const line = (label: string, value: string) => console.log(`${label.padEnd(64)} ${value}`);
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const n = (x: number) => x.toLocaleString('en');

type Backend = { name: string; urls: string[]; password(username: string): string };
type Street = { code: string; username: string; master: string };

/** Timed first full pulls of the district by the bureau, each on a fresh desk, against `urls` in turn. */
async function fullPulls(dir: string, backend: Backend, tag: string): Promise<{ ms: number[]; rows: number }> {
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const { handle, ctx } = await newClient(dir, `${tag}-bureau-${i}`);
    await signIn(ctx, backend.urls[i % backend.urls.length]!, 'bureau-chief', backend.password('bureau-chief'), 'bench');
    const t0 = performance.now();
    const report = await syncNow(ctx);
    ms.push(performance.now() - t0);
    rows = report.pulledChanges;
    await handle.close();
  }
  return { ms, rows };
}

/** One desk per street, signed in as its first staff member and fully pulled from this backend, then closed. */
async function masters(dir: string, backend: Backend, tag: string, streets: { code: string; username: string }[]): Promise<Street[]> {
  const out: Street[] = [];
  for (const [i, s] of streets.entries()) {
    const { handle, ctx } = await newClient(dir, `${tag}-master-${s.username}`);
    await signIn(ctx, backend.urls[i % backend.urls.length]!, s.username, backend.password(s.username), 'bench');
    await syncNow(ctx);
    await handle.close(); // the last connection: its WAL is folded into the file, which is then whole
    out.push({ ...s, master: handle.file });
  }
  return out;
}

/**
 * 30 desks copied from their street's master, each a device of its own (a new client id, its own
 * sign-in), each with 20 complaints recorded on cases no other desk touches (run `run` takes other
 * cases than the runs before it); then every outbox pushed at once. Commands per second of wall time.
 */
async function pushRun(dir: string, backend: Backend, tag: string, streets: Street[], run: number): Promise<{ perSecond: number; pushed: number }> {
  const desks: { handle: DbHandle; ctx: BackendContext }[] = [];
  try {
    for (let k = 0; k < CLIENTS; k++) {
      const street = streets[k % streets.length]!;
      const ofStreet = Math.ceil((CLIENTS - (k % streets.length)) / streets.length); // desks of this street
      const j = Math.floor(k / streets.length); // this desk among them
      const clientDir = join(dir, `${tag}-run${run}-desk${k}`);
      mkdirSync(clientDir, { recursive: true });
      const file = join(clientDir, 'client.sqlite');
      copyFileSync(street.master, file);
      const handle = openDatabase(file);
      await migrateToLatest(handle);
      const ctx = testContext(handle, clientDir);
      desks.push({ handle, ctx });
      const url = backend.urls[k % backend.urls.length]!;
      // A device of its own, joined to its instance (all instances are one centre: the same database).
      handle.sqlite.prepare('UPDATE sync_state SET client_id = ?, server_url = ? WHERE id = 1').run(randomUUID(), new URL(url).origin);
      await signIn(ctx, url, street.username, backend.password(street.username), 'bench');

      const cases = handle.sqlite.prepare('SELECT id FROM cases WHERE street_code = ? ORDER BY case_no').pluck().all(street.code) as string[];
      const stride = ofStreet * RUNS;
      const first = run * ofStreet + j;
      if (first + (COMMANDS - 1) * stride >= cases.length) throw new Error(`street ${street.code} has ${cases.length} cases, too few for ${ofStreet} desks × ${COMMANDS} commands × ${RUNS} runs`);
      const desk = deskAs(ctx, await rosterUserNamed(ctx.db, street.username));
      for (let c = 0; c < COMMANDS; c++) {
        await desk.run(recordComplaint, { caseId: cases[first + c * stride]!, against: 'case', channel: 'letter', receivedOn: '2026-11-20', complainant: '邻居', content: '反映情况' });
      }
    }
    const t0 = performance.now();
    const reports = await Promise.all(desks.map((d) => pushOutbox(d.ctx)));
    const wall = (performance.now() - t0) / 1000;
    const pushed = reports.reduce((s, r) => s + r.pushed, 0);
    const rejected = reports.reduce((s, r) => s + r.rejected, 0);
    if (rejected > 0 || pushed !== CLIENTS * COMMANDS) throw new Error(`${backend.name}: ${pushed} of ${CLIENTS * COMMANDS} commands pushed, ${rejected} rejected`);
    return { perSecond: pushed / wall, pushed };
  } finally {
    for (const d of desks) await d.handle.close();
  }
}

async function pushRuns(dir: string, backend: Backend, tag: string, streets: Street[]): Promise<{ perSecond: number[]; pushed: number }> {
  const perSecond: number[] = [];
  let pushed = 0;
  for (let run = 0; run < RUNS; run++) {
    const r = await pushRun(dir, backend, tag, streets, run);
    perSecond.push(r.perSecond);
    pushed = r.pushed;
  }
  return { perSecond, pushed };
}

const pullLine = (label: string, r: { ms: number[]; rows: number }) =>
  line(label, `median ${median(r.ms).toFixed(0).padStart(8)} ms  (runs ${r.ms.map((x) => x.toFixed(0)).join(' / ')}; ${n(r.rows)} rows)`);
const pushLine = (label: string, r: { perSecond: number[]; pushed: number }) =>
  line(label, `median ${median(r.perSecond).toFixed(0).padStart(8)} commands/s  (runs ${r.perSecond.map((x) => x.toFixed(0)).join(' / ')}; ${r.pushed} commands)`);

export async function benchCentral(dir: string): Promise<void> {
  const base = join(dir, 'central-bench');
  const centres: CentreProcess[] = [];
  let cluster: { url: string; stop(): void } | null = null;
  try {
    let t0 = performance.now();
    const sqliteDir = join(base, 'sqlite-centre');
    const lite = await startCentre(sqliteDir, { households: HOUSEHOLDS });
    centres.push(lite);
    line(`central: seed the SQLite centre (${n(HOUSEHOLDS)} households), own process`, seconds(t0));

    // The same rows in a PostgreSQL database on a durable cluster, served by three centre processes.
    t0 = performance.now();
    cluster = await startPostgres({ durable: true });
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE jrd_bench');
    await admin.end();
    const u = new URL(cluster.url);
    u.pathname = '/jrd_bench';
    const databaseUrl = u.toString();
    const store = await openPostgresStore(databaseUrl);
    const sqlite = new BetterSqlite3(join(sqliteDir, 'central.sqlite'), { readonly: true, fileMustExist: true });
    let copied: number;
    try {
      copied = await copySqliteToPostgres(sqlite, store.db);
    } finally {
      sqlite.close();
      await store.close();
    }
    line('central: copy it into PostgreSQL (durable cluster)', `${seconds(t0)}  (${n(copied)} rows)`);
    t0 = performance.now();
    const instances = await Promise.all(
      Array.from({ length: INSTANCES }, async (_, i) => {
        const dataDir = join(base, `pg-instance-${i}`);
        mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        copyFileSync(join(sqliteDir, 'demo-accounts.json'), join(dataDir, 'demo-accounts.json'));
        const c = await startCentre(dataDir, { databaseUrl });
        centres.push(c);
        return c;
      }),
    );
    line(`central: start ${INSTANCES} centre processes on the database`, seconds(t0));

    const password = (username: string) => {
      const p = lite.passwords.get(username);
      if (!p) throw new Error(`no account ${username}`);
      return p;
    };
    const sqliteBackend: Backend = { name: 'SQLite', urls: [lite.url], password };
    const pgBackend: Backend = { name: 'PostgreSQL', urls: instances.map((c) => c.url), password };

    const sqlitePull = await fullPulls(base, sqliteBackend, 'sqlite');
    const pgPull = await fullPulls(base, pgBackend, 'pg');
    pullLine('central: first full pull (bureau), SQLite, 1 instance', sqlitePull);
    pullLine(`central: first full pull (bureau), PostgreSQL ×${INSTANCES} instances`, pgPull);

    // Each street's first staff member; a desk per street is pulled once from each backend.
    const accounts = JSON.parse(readFileSync(join(sqliteDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
    const streets = accounts.filter((a) => a.role === 'street_staff' && a.username.endsWith('-staff1')).map((a) => ({ code: a.regionCode, username: a.username }))
      .slice(0, CLIENTS);
    t0 = performance.now();
    const sqliteStreets = await masters(base, sqliteBackend, 'sqlite', streets);
    const pgStreets = await masters(base, pgBackend, 'pg', streets);
    line(`central: pull a desk for each of ${streets.length} streets from each backend`, seconds(t0));

    const sqlitePush = await pushRuns(base, sqliteBackend, 'sqlite', sqliteStreets);
    const pgPush = await pushRuns(base, pgBackend, 'pg', pgStreets);
    pushLine(`central: push, ${CLIENTS} clients, SQLite ×1 instance`, sqlitePush);
    pushLine(`central: push, ${CLIENTS} clients, PostgreSQL ×${INSTANCES} instances`, pgPush);
  } finally {
    for (const c of centres.reverse()) await c.stop().catch(() => undefined);
    cluster?.stop();
  }
}
