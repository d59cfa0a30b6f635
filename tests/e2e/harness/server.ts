// Browser harness: serves the built renderer and implements window.api by calling the same handler
// table as Electron's IPC, over loopback HTTP, so Playwright drives the real UI against a real database.
//   npx tsx tests/e2e/harness/server.ts --db FILE [--port N] [--fresh] [--empty] [--user USERNAME]
// --empty leaves a new database empty (no generated district), for signing in to a central server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { channelNames, eventNames } from '../../../shared/channels';
import { startBackend, type Started } from '../../../electron/backend/startup';
import { bundledFontsDir, sourceAppRoot, sourcePdfWorker } from '../../../electron/backend/app-root';
import { generateDistrict } from '../../../electron/backend/demo/generator';
import { holdDemoMeeting } from '../../../electron/backend/demo/demo-meeting';
import { rosterUserNamed, setCurrentUserByUsername } from '../../../electron/backend/session/session';
import { fixedClock } from '../../../electron/backend/clock';
import { integerOption, optionalOption, parseArgs, requireOption } from '../../../electron/backend/cli/args';
import { keyFileFor } from '../../../electron/backend/db/at-rest';

const AS_OF = '2026-11-20';
const args = parseArgs(process.argv.slice(2), { values: ['db', 'port', 'user'], flags: ['fresh', 'empty'] });
const dbFile = resolve(requireOption(args, 'db'));
const port = integerOption(args, 'port', 4517);
const root = sourceAppRoot();
const rendererDir = join(root, 'dist', 'renderer');

if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error(`harness: ${rendererDir}/index.html is missing; run "npm run build:renderer" first`);
  process.exit(1);
}
if (args.options.has('fresh')) for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, keyFileFor(dbFile)]) rmSync(f, { force: true });

const sseClients = new Set<ServerResponse>();
// The lock's clock runs on real time plus what a spec added (POST /__harness/lock-clock), so a spec can
// make the desk idle for ten minutes without waiting them.
let lockSkewMs = 0;
function boot(databaseFile: string): Promise<Started> {
  return startBackend({
    dataDir: join(dbFile, '..'),
    databaseFile,
    bundledFontsDir: bundledFontsDir(root),
    // Tests must not depend on which fonts the machine has.
    systemFontDirs: [],
    pdfWorker: sourcePdfWorker(root),
    appVersion: 'harness',
    clock: fixedClock(`${AS_OF}T10:00:00+08:00`),
    invoke: { checkResults: true, log: (m, e) => console.error(m, e) },
    // The real lock and its gate, with the session user let in as if the PIN had been entered, until a
    // spec locks the desk (tests/e2e/lock.spec.ts); the next reset starts trusting again.
    lock: { now: () => Date.now() + lockSkewMs, trustSession: true },
    emit: (event, payload) => {
      for (const c of sseClients) c.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    },
    // What Electron does by restarting: go on with the new file, answering the call that made it first.
    switchDataFile: (file) => {
      setTimeout(() => void switchTo(file), 50);
    },
  });
}

async function switchTo(file: string): Promise<void> {
  const previous = backend;
  started = await boot(file);
  backend = started.kind === 'ready' ? started.backend : null;
  await previous?.close();
  console.log(`harness: now on ${file}`);
}

let started = await boot(dbFile);
// A database that cannot be opened puts the page in recovery mode, as in Electron.
let backend = started.kind === 'ready' ? started.backend : null;
if (started.kind === 'recovery') console.error(`harness: recovery mode (${started.problem.code}): ${started.problem.message}`);
if (backend) {
  const regions = await backend.ctx.db.selectFrom('regions').select('code').limit(1).execute();
  if (regions.length === 0 && !args.options.has('empty')) generateDistrict(backend.handle, { asOf: AS_OF });
}
// Each spec file starts from the district as generated (POST /__harness/reset), so specs do not depend on
// which ran before them: the pristine copy is taken once, and a reset boots a fresh copy of it.
const pristine = `${dbFile}.pristine`;
let resets = 0;
if (backend && !args.options.has('empty')) {
  rmSync(pristine, { force: true });
  backend.handle.sqlite.exec(`VACUUM INTO '${pristine.replace(/'/g, "''")}'`);
}

async function reset(): Promise<void> {
  if (!existsSync(pristine)) throw new Error('the harness has no pristine copy to reset to (started with --empty?)');
  const file = `${dbFile}.reset-${++resets}`;
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  copyFileSync(pristine, file);
  // The pristine copy is encrypted with the harness database's key (issue 21): the reset copy takes it too.
  rmSync(keyFileFor(file), { force: true });
  copyFileSync(keyFileFor(dbFile), keyFileFor(file));
  await switchTo(file);
}

const user = optionalOption(args, 'user');
if (user) await login(user);

function ready() {
  if (!backend) throw new Error('the harness is in recovery mode');
  return backend;
}

/** Signs a roster user in and unlocks the desk for them: the stand-in for their PIN at the lock screen. */
async function login(username: string): Promise<void> {
  const { ctx } = ready();
  await setCurrentUserByUsername(ctx.db, username, ctx.clock.now());
  ctx.lock?.unlockAs((await rosterUserNamed(ctx.db, username)).id);
}

const shim = `(() => {
  const names = ${JSON.stringify(channelNames)};
  const events = ${JSON.stringify(eventNames)};
  const api = {};
  for (const name of names) {
    api[name] = (args) => fetch('/__api/' + name, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args ?? {}) })
      .then((r) => r.json());
  }
  let source = null;
  api.on = (event, listener) => {
    if (!events.includes(event)) throw new Error('unknown event ' + event);
    source ??= new EventSource('/__events');
    const handler = (e) => listener(JSON.parse(e.data));
    source.addEventListener(event, handler);
    return () => source.removeEventListener(event, handler);
  };
  window.api = Object.freeze(api);
})();`;

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
      if (body.length > 5_000_000) req.destroy(new Error('request too large'));
    });
    req.on('end', () => ok(body));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  try {
    if (req.method === 'POST' && url.pathname.startsWith('/__api/')) {
      const raw = await readBody(req);
      let parsed: unknown;
      try {
        parsed = raw === '' ? {} : JSON.parse(raw);
      } catch {
        return send(res, 200, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid-args', message: '请求不是有效的 JSON' } }));
      }
      const result = await started.invoker.invoke(decodeURIComponent(url.pathname.slice('/__api/'.length)), parsed);
      return send(res, 200, 'application/json', JSON.stringify(result));
    }
    if (req.method === 'POST' && url.pathname === '/__harness/reset') {
      await reset();
      return send(res, 200, 'application/json', '{"ok":true}');
    }
    if (req.method === 'POST' && url.pathname === '/__harness/login') {
      const { username } = JSON.parse(await readBody(req)) as { username: string };
      await login(username);
      return send(res, 200, 'application/json', '{"ok":true}');
    }
    if (req.method === 'POST' && url.pathname === '/__harness/lock-clock') {
      const { advanceMs } = JSON.parse(await readBody(req)) as { advanceMs: number };
      lockSkewMs += advanceMs;
      return send(res, 200, 'application/json', '{"ok":true}');
    }
    // Holds and closes the signed-in street's meeting of `month` through the meeting services, as
    // `npm run demo` does, for specs that need a closed meeting without driving the session screen.
    if (req.method === 'POST' && url.pathname === '/__harness/hold-meeting') {
      const { month } = JSON.parse(await readBody(req)) as { month: string };
      const closed = await holdDemoMeeting(ready().ctx, month);
      return send(res, 200, 'application/json', JSON.stringify({ ok: true, meetingId: closed.meeting.id }));
    }
    // Copies the street's notice batches into `count` more, ended, with periods in 2024 (older than the
    // generated history), so that a street holds more than a page of notices (NOTICE_LIST_PAGE).
    if (req.method === 'POST' && url.pathname === '/__harness/older-notices') {
      const { street, count } = JSON.parse(await readBody(req)) as { street: string; count: number };
      const db = ready().handle.sqlite;
      const columns = (db.prepare('PRAGMA table_info(notice_batches)').all() as { name: string }[]).map((c) => c.name);
      const copied = columns.map((c) => (['id', 'start_date', 'end_date', 'status', 'posted_at'].includes(c) ? `@${c}` : c)).join(', ');
      const copy = db.prepare(`INSERT INTO notice_batches (${columns.join(', ')}) SELECT ${copied} FROM notice_batches WHERE id = @from`);
      const sources = db.prepare("SELECT id FROM notice_batches WHERE community_code LIKE ? || '%' ORDER BY id").pluck().all(street) as string[];
      if (sources.length === 0) return send(res, 400, 'application/json', '{"ok":false}');
      db.transaction(() => {
        for (let i = 0; i < count; i++) {
          const day = new Date(Date.UTC(2024, 0, 1 + (i % 50) * 7));
          const start = day.toISOString().slice(0, 10);
          const end = new Date(day.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
          copy.run({ from: sources[i % sources.length], id: `nb-older-${String(i).padStart(4, '0')}`, start_date: start, end_date: end, status: 'ended', posted_at: `${start}T01:00:00.000Z` });
        }
      })();
      return send(res, 200, 'application/json', JSON.stringify({ ok: true, copied: count }));
    }
    if (url.pathname === '/__harness/api.js') return send(res, 200, 'text/javascript', shim);
    if (url.pathname === '/__events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(rendererDir, rel));
    if (!file.startsWith(rendererDir) || !existsSync(file)) return send(res, 404, 'text/plain', 'not found');
    if (rel === 'index.html') {
      // The preload's job in Electron: window.api exists before the app's module runs.
      const html = readFileSync(file, 'utf8').replace('<script type="module"', '<script src="/__harness/api.js"></script>\n    <script type="module"');
      return send(res, 200, types['.html']!, html);
    }
    return send(res, 200, types[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  } catch (error) {
    console.error('harness error', error);
    return send(res, 500, 'text/plain', String(error));
  }
});

server.listen(port, '127.0.0.1', () => console.log(`harness listening on http://127.0.0.1:${port}/`));
const stop = () => server.close(() => void (backend?.close() ?? Promise.resolve()).then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
