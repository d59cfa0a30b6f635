// Sync over loopback against the reference centre running in its own process (as a real server would):
// a first full pull of a district of about 100,000 cases with their households, and pushes of a street
// meeting of about 200 decisions, which the centre runs again command by command. Targets (the sync
// issue): full pull < 30 s, push of 200 decisions < 1 s.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../../electron/backend/db/open';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { newClient, startCentre } from './centre-process';
import { intakeAtCentre } from './sync-intake';

/** 46,300 generated households hold just over 100,000 cases. */
const HOUSEHOLDS = 46_300;
const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (label: string, value: string) => console.log(`${label.padEnd(64)} ${value}`);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

type PushChildReport = { mutations: number; decisions: number; meetingMs: number };

async function pushChild(dir: string, url: string, username: string, password: string): Promise<PushChildReport> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/sync-push-child.ts', dir, url, username, password], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  if (code !== 0) throw new Error(`sync-push-child exited ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as PushChildReport;
}

const count = (h: DbHandle, table: string) => h.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

export async function benchSync(dir: string): Promise<void> {
  let t0 = performance.now();
  const centre = await startCentre(join(dir, 'central'), { households: HOUSEHOLDS });
  line('sync: seed the centre (46,300 households), separate process', `${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const pulls: number[] = [];
    let summary = '';
    for (let i = 0; i < RUNS; i++) {
      const { handle, ctx } = await newClient(dir, `bureau-${i}`);
      await signIn(ctx, centre.url, 'bureau-chief', centre.passwords.get('bureau-chief')!, 'bench');
      t0 = performance.now();
      const report = await syncNow(ctx);
      pulls.push(performance.now() - t0);
      summary = `${count(handle, 'cases').toLocaleString('en')} cases, ${count(handle, 'households').toLocaleString('en')} households, ${report.pulledChanges.toLocaleString('en')} rows in ${report.pages} pages; client file ${mb(statSync(handle.file).size)}; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`;
      await handle.close();
    }
    line('sync: first full pull of the district (bureau), loopback', `median ${median(pulls).toFixed(0).padStart(8)} ms  (${RUNS} runs: ${pulls.map((p) => p.toFixed(0)).join(' / ')}; ${summary}; target < 30000)`);

    // Each street's copy in a fresh process, as on its own computer.
    const children: PushChildReport[] = [];
    for (let i = 0; i < RUNS; i++) {
      const username = `st00${i + 1}-staff1`;
      intakeAtCentre(join(dir, 'central', 'central.sqlite'), `43018800${i + 1}`, 200, new Date().toISOString());
      children.push(await pushChild(join(dir, username), centre.url, username, centre.passwords.get(username)!));
    }
    const last = children[children.length - 1]!;
    line(
      'sync: push a street meeting of ~200 decisions, loopback',
      `median ${median(children.map((c) => c.meetingMs)).toFixed(0).padStart(8)} ms  (${RUNS} streets: ${children.map((c) => c.meetingMs.toFixed(0)).join(' / ')}; ${last.decisions} decisions in ${last.mutations} mutations; target < 1000)`,
    );
  } finally {
    await centre.stop();
  }
}
