// A centre for a benchmark in its own process, as a real server would run: `npm run central` seeded
// with a generated district (or, with `databaseUrl`, on a PostgreSQL database that already holds one),
// its accounts' passwords read from the lines it prints; and fresh desks to sync with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type DbHandle } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import type { BackendContext } from '../../electron/backend/context';
import { testContext } from '../helpers/minimal';

export type CentreProcess = { child: ChildProcess; url: string; passwords: Map<string, string>; stop(): Promise<void> };

export async function startCentre(dataDir: string, options: { households?: number; databaseUrl?: string } = {}): Promise<CentreProcess> {
  const args = ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', dataDir];
  if (options.households !== undefined) args.push('--households', String(options.households));
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // The centre logs a JSON line per request; the bench's own lines would drown in them. Warnings, errors and
  // anything that is not a log line still reach the terminal.
  let pending = '';
  child.stderr!.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (!/^\{"time":"[^"]*","level":"info"/.test(line)) process.stderr.write(`${line}\n`);
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
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((ok) => {
      // SIGTERM closes the server; one that has not gone within 10 s is killed.
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(hard);
        ok();
      });
      child.kill();
    });
  };
  return { child, url, passwords, stop };
}

/** A fresh desk database in `dir/name`, migrated, its tokens in memory. */
export async function newClient(dir: string, name: string): Promise<{ handle: DbHandle; ctx: BackendContext }> {
  const clientDir = join(dir, name);
  mkdirSync(clientDir, { recursive: true });
  const handle = openDatabase(join(clientDir, 'client.sqlite'));
  await migrateToLatest(handle);
  return { handle, ctx: testContext(handle, clientDir) };
}
