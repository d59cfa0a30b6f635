// Centre processes for the several-instances tests: real `npm run central` children on one PostgreSQL
// database, each with its own data folder (a copy of the seeded one, for the demo accounts file), that
// can be killed with SIGKILL and started again on the same port.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Instance = { url: string; port: number; child: ChildProcess | null; start(): Promise<void>; kill(): Promise<void> };

function launch(dataDir: string, databaseUrl: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--data', dataDir, '--database-url', databaseUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /central listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
    child.on('exit', (code, signal) => reject(new Error(`centre exited (${code ?? signal}) before listening: ${err}`)));
  });
}

/** An instance of the centre on `databaseUrl`; `start()` again after `kill()` reuses its port. */
export function centreInstance(seededDir: string, databaseUrl: string): Instance {
  const dataDir = mkdtempSync(join(tmpdir(), 'jrd-instance-'));
  cpSync(seededDir, dataDir, { recursive: true });
  const instance: Instance = {
    url: '',
    port: 0,
    child: null,
    async start() {
      const started = await launch(dataDir, databaseUrl, instance.port);
      instance.child = started.child;
      instance.port = started.port;
      instance.url = `http://127.0.0.1:${started.port}`;
      started.child.removeAllListeners('exit');
    },
    async kill() {
      const child = instance.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.kill('SIGKILL');
      });
      instance.child = null;
    },
  };
  return instance;
}
