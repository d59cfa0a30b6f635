// A throwaway PostgreSQL cluster for the tests and benchmarks: initdb in a temporary folder, on a free
// loopback port, trust authentication for the one role `jrd`, no fsync (its data is thrown away). As
// root (CI), the server runs as the `postgres` user that Debian's package creates: PostgreSQL refuses root.
// `{ durable: true }` (the centre benchmark) keeps fsync, synchronous_commit and full_page_writes on, as
// a real centre would run, so that its figures stand beside SQLite's WAL with synchronous=NORMAL.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder with initdb and pg_ctl, the newest installed; null when PostgreSQL's server is not installed. */
export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length > 0) return join(root, versions[0], 'bin');
  const fromPath = spawnSync('sh', ['-c', 'dirname "$(command -v initdb)"'], { encoding: 'utf8' });
  return fromPath.status === 0 && fromPath.stdout.trim() !== '.' && existsSync(join(fromPath.stdout.trim(), 'pg_ctl')) ? fromPath.stdout.trim() : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(bin, args, asPostgres) {
  const command = asPostgres ? 'runuser' : bin;
  const argv = asPostgres ? ['-u', 'postgres', '--', bin, ...args] : args;
  const r = spawnSync(command, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error?.message}`);
}

/** Starts a cluster; resolves to its admin URL (database `postgres`) and a stop function. */
export async function startPostgres({ durable = false } = {}) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: sudo apt-get install -y postgresql');
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'jrd-pg-'));
  chmodSync(dir, 0o777);
  if (asPostgres) spawnSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '--locale=C', '--encoding=UTF8', '-A', 'trust', '-U', 'jrd', '--no-sync'], asPostgres);
  const port = await freePort();
  const safety = durable ? '-c fsync=on -c synchronous_commit=on -c full_page_writes=on' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${safety} -c max_connections=300`;
  run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'], asPostgres);
  const url = `postgres://jrd@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], asPostgres);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
