// Sync over loopback against the reference centre running in its own process (as a real server would):
// a first full pull of a district of about 100,000 cases with their households, and pushes of a street
// meeting of about 200 decisions. Targets (the sync issue): full pull < 30 s, push of 200 decisions < 1 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type DbHandle } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import type { BackendContext } from '../../electron/backend/context';
import { holdDemoMeeting } from '../../electron/backend/demo/demo-meeting';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { mutate, recordMutation } from '../../electron/backend/sync/outbox';
import { pushOutbox } from '../../electron/backend/sync/push';
import { testContext } from '../helpers/minimal';

/** 46,300 generated households hold just over 100,000 cases. */
const HOUSEHOLDS = 46_300;
const DECISIONS = 200;
const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (label: string, value: string) => console.log(`${label.padEnd(64)} ${value}`);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

type Centre = { child: ChildProcess; url: string; passwords: Map<string, string> };

async function startCentre(dataDir: string): Promise<Centre> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/central/main.ts', '--port', '0', '--data', dataDir, '--households', String(HOUSEHOLDS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /central listening on (\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`the centre exited ${code}`)));
  });
  const passwords = new Map([...out.matchAll(/^account: (\S+) (\S+) /gm)].map((m) => [m[1]!, m[2]!] as const));
  return { child, url, passwords };
}

async function newClient(dir: string, name: string): Promise<{ handle: DbHandle; ctx: BackendContext }> {
  const clientDir = join(dir, name);
  mkdirSync(clientDir, { recursive: true });
  const handle = openDatabase(join(clientDir, 'client.sqlite'));
  await migrateToLatest(handle);
  return { handle, ctx: testContext(handle, clientDir) };
}

const count = (h: DbHandle, table: string) => h.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/**
 * Tops the street's agenda up to `total` pending applications, as the street's intake would, so one
 * meeting decides about 200 cases (a generated street has about 30 a month). Returns how many it added.
 */
export async function intakeApplications(ctx: BackendContext, streetCode: string, total: number): Promise<number> {
  const sqlite = ctx.sqlite;
  const pending = sqlite.prepare("SELECT * FROM cases WHERE street_code = ? AND status = 'pending' ORDER BY case_no").all(streetCode) as Record<string, unknown>[];
  const wanted = total - pending.length;
  const households = sqlite
    .prepare(
      `SELECT h.id, h.community_code FROM households h WHERE h.street_code = ?
         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id AND c.status IN ('pending', 'deferred', 'reinvestigating'))
       ORDER BY h.household_no LIMIT ?`,
    )
    .all(streetCode, wanted) as { id: string; community_code: string }[];
  const at = ctx.clock.now();
  await mutate(ctx.db, async (trx) => {
    for (const [i, h] of households.entries()) {
      const template = pending[i % pending.length]!;
      const row = { ...template, id: randomUUID(), case_no: `${streetCode}-202611-${String(500 + i)}`, household_id: h.id, community_code: h.community_code, complaint: 0, close_relative: 0, version: 1, created_at: at, updated_at: at };
      await trx.insertInto('cases').values(row as never).execute();
    }
    await recordMutation(trx, 'bench.intake', { streetCode, added: households.length }, at);
  });
  return households.length;
}

export async function benchSync(dir: string): Promise<void> {
  let t0 = performance.now();
  const centre = await startCentre(join(dir, 'central'));
  line('sync: seed the centre (46,300 households), separate process', `${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const pulls: number[] = [];
    let summary = '';
    for (let i = 0; i < RUNS; i++) {
      const { handle, ctx } = await newClient(dir, `bureau-${i}`);
      await signIn(ctx, centre.url, 'bureau-chief', centre.passwords.get('bureau-chief')!, 'bench');
      const rss0 = process.memoryUsage().rss;
      t0 = performance.now();
      const report = await syncNow(ctx);
      pulls.push(performance.now() - t0);
      summary = `${count(handle, 'cases').toLocaleString('en')} cases, ${count(handle, 'households').toLocaleString('en')} households, ${report.pulledChanges.toLocaleString('en')} rows in ${report.pages} pages; client file ${mb(statSync(handle.file).size)}; RSS +${mb(process.memoryUsage().rss - rss0)}`;
      await handle.close();
    }
    line('sync: first full pull of the district (bureau), loopback', `median ${median(pulls).toFixed(0).padStart(8)} ms  (${RUNS} runs: ${pulls.map((p) => p.toFixed(0)).join(' / ')}; ${summary}; target < 30000)`);

    const intakes: number[] = [];
    const pushes: number[] = [];
    let meetingNote = '';
    let added = 0;
    for (let i = 0; i < RUNS; i++) {
      const street = `st00${i + 1}`;
      const { handle, ctx } = await newClient(dir, street);
      await signIn(ctx, centre.url, `${street}-staff1`, centre.passwords.get(`${street}-staff1`)!, 'bench');
      await syncNow(ctx);
      const streetCode = `43018800${i + 1}`;
      added = await intakeApplications(ctx, streetCode, DECISIONS);
      t0 = performance.now();
      await pushOutbox(ctx);
      intakes.push(performance.now() - t0);
      const held = await holdDemoMeeting(ctx, '2026-11');
      const mutations = count(handle, 'outbox');
      const decisions = handle.sqlite.prepare('SELECT count(*) FROM decisions d JOIN agenda_items a ON a.id = d.agenda_item_id WHERE a.meeting_id = ?').pluck().get(held.meeting.id) as number;
      t0 = performance.now();
      const pushed = await pushOutbox(ctx);
      pushes.push(performance.now() - t0);
      if (pushed.rejected > 0) throw new Error(`the centre rejected ${pushed.rejected} of the meeting's changes`);
      meetingNote = `${decisions} decisions in ${mutations} mutations (${added} applications added first)`;
      await handle.close();
    }
    line(`sync: push ${added} new applications of a street (one mutation)`, `median ${median(intakes).toFixed(0).padStart(8)} ms  (${RUNS} runs)`);
    line('sync: push a street meeting of ~200 decisions, loopback', `median ${median(pushes).toFixed(0).padStart(8)} ms  (${RUNS} streets: ${pushes.map((p) => p.toFixed(0)).join(' / ')}; ${meetingNote}; target < 1000)`);
  } finally {
    centre.child.kill();
  }
}
