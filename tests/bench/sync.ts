// Sync over loopback against the reference centre running in its own process (as a real server would):
// a first full pull of a district of about 100,000 cases with their households, page by page and as one
// snapshot side by side in the same run (alternating which goes first), and pushes of a street meeting of
// about 200 decisions, which the centre runs again command by command. Targets: full pull < 30 s (the
// sync issue), the snapshot in at most 0.45 of the page-by-page pull (issue 20), push of 200 decisions
// < 1 s. JRD_BENCH_SYNC_HOUSEHOLDS sets a smaller district for a quick look.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../../electron/backend/db/open';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { newClient, startCentre } from './centre-process';
import { intakeAtCentre } from './sync-intake';

/** 46,300 generated households hold just over 100,000 cases. */
const HOUSEHOLDS = Number(process.env.JRD_BENCH_SYNC_HOUSEHOLDS ?? 46_300);
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
  line(`sync: seed the centre (${HOUSEHOLDS.toLocaleString('en')} households), separate process`, `${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const pulls: Record<'pages' | 'snapshot', number[]> = { pages: [], snapshot: [] };
    const summaries: Record<'pages' | 'snapshot', string> = { pages: '', snapshot: '' };
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? (['pages', 'snapshot'] as const) : (['snapshot', 'pages'] as const);
      for (const how of order) {
        const { handle, ctx } = await newClient(dir, `bureau-${how}-${i}`);
        await signIn(ctx, centre.url, 'bureau-chief', centre.passwords.get('bureau-chief')!, 'bench');
        t0 = performance.now();
        const report = await syncNow(ctx, undefined, how === 'pages' ? { snapshot: false } : {});
        pulls[how].push(performance.now() - t0);
        if (report.snapshot !== (how === 'snapshot')) throw new Error(`the ${how} pull came ${report.snapshot ? 'as a snapshot' : 'page by page'}`);
        summaries[how] = `${count(handle, 'cases').toLocaleString('en')} cases, ${count(handle, 'households').toLocaleString('en')} households, ${report.pulledChanges.toLocaleString('en')} rows${how === 'pages' ? ` in ${report.pages} pages` : ''}; client file ${mb(statSync(handle.file).size)}`;
        await handle.close();
      }
    }
    const households = HOUSEHOLDS.toLocaleString('en');
    line(`sync: first full pull, page by page (bureau, ${households} households), loopback`, `median ${median(pulls.pages).toFixed(0).padStart(8)} ms  (${RUNS} runs: ${pulls.pages.map((p) => p.toFixed(0)).join(' / ')}; ${summaries.pages}; target < 30000)`);
    line(`sync: first full pull as one snapshot (same district, same run)`, `median ${median(pulls.snapshot).toFixed(0).padStart(8)} ms  (${RUNS} runs: ${pulls.snapshot.map((p) => p.toFixed(0)).join(' / ')}; ${summaries.snapshot}; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)})`);
    const ratios = pulls.snapshot.map((s, i) => s / pulls.pages[i]!);
    line('sync: snapshot / page by page, first pull', `median ${median(ratios).toFixed(2).padStart(8)}     (${RUNS} runs: ${ratios.map((r) => r.toFixed(2)).join(' / ')}; aim ≤ 0.45)`);

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
