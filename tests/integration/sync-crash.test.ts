// The client killed with SIGKILL at random points of a pull and of a push, twenty times each, then
// resumed: the centre and the client end with exactly the same rows, nothing lost, nothing applied
// twice, and SQLite's integrity check passes. The client is the real CLI (`sync`) in a child process;
// it reports each page and batch on stderr, and the kill lands a random few milliseconds after one.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/db/open';
import { holdDemoSpotCheck } from '../../electron/backend/demo/demo-spotcheck';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { recordFinding } from '../../electron/backend/spotchecks/inspection';
import { rosterUserNamed } from '../../electron/backend/session/session';
import { deskAs } from '../../electron/backend/commands/desk';
import { syncedEntities, type Account } from '../../shared/sync';
import { centralTemplate, centreBackends, centreValue, fastRetry } from '../helpers/central';
import { differences } from '../helpers/sync-compare';



const KILLS = 20;
const random = (() => {
  let s = 20261130;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
})();

type Run = { code: number | null; signal: NodeJS.Signals | null; progress: number };

/** Runs `sync` in a child; with `killAfter`, kills it with SIGKILL that many progress lines in, plus 0–30 ms. */
function runSync(args: string[], killAfter: number | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/backend/cli/main.ts', 'sync', ...args, '--progress'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let progress = 0;
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr += d;
      const lines = (d.match(/^progress /gm) ?? []).length;
      if (lines === 0) return;
      progress += lines;
      if (killAfter !== null && progress >= killAfter) setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * 30));
    });
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) console.error(stderr);
      resolve({ code, signal, progress });
    });
  });
}

describe.each(centreBackends)('on the %s centre', (backend) => {
  const central = centralTemplate(1200, backend);
  afterEach(() => central.cleanup());
  afterAll(() => central.dispose());

  async function prepared(username: string) {
    const server = await central.server();
    const client = await central.client();
    const account: Account = await signIn(client.ctx, server.url, username, server.password(username), 'crash-test', fastRetry);
    const passwordFile = join(client.dir, 'password');
    writeFileSync(passwordFile, server.password(username));
    const args = ['--db', client.file, '--server', server.url, '--username', username, '--password-file', passwordFile];
    return { server, client, account, args };
  }

  async function verify(serverDb: Parameters<typeof differences>[0], file: string, account: Account) {
    const handle = openDatabase(file);
    try {
      expect(handle.sqlite.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
      expect(handle.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(await differences(serverDb, handle.sqlite, account)).toEqual([]);
      return handle.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    } finally {
      void handle.close();
    }
  }

  describe('a client killed with SIGKILL and resumed', () => {
    it('during its first pull page by page, twenty times over', async () => {
      const { server, client, account, args } = await prepared('bureau-chief');
      client.ctx.sqlite.close();
      let killed = 0;
      for (let i = 0; i < KILLS; i++) {
        const run = await runSync([...args, '--page-size', '150', '--no-snapshot'], 1 + Math.floor(random() * 4));
        if (run.signal === 'SIGKILL') killed++;
      }
      const last = await runSync([...args, '--page-size', '150', '--no-snapshot'], null);
      expect(last.code).toBe(0);
      expect(killed).toBeGreaterThanOrEqual(KILLS - 2);
      expect(await verify(server.store.db, client.file, account)).toBe(0);
    }, 240_000);

    it('during its first pull as one snapshot, twenty times over: each time the copy is still empty or whole', async () => {
      const { server, client, account, args } = await prepared('bureau-chief');
      client.ctx.sqlite.close();
      const states = new Set<string>();
      let killed = 0;
      for (let i = 0; i < KILLS; i++) {
        // Progress comes per chunk of rows received; the kill lands while receiving or while copying in.
        const run = await runSync(args, 1 + Math.floor(random() * 3));
        if (run.signal === 'SIGKILL') killed++;
        const handle = openDatabase(client.file);
        try {
          const state = handle.sqlite.prepare('SELECT cursor, full_pull_done FROM sync_state').get() as { cursor: string | null; full_pull_done: number };
          const cases = handle.sqlite.prepare('SELECT count(*) FROM cases').pluck().get() as number;
          if (state.full_pull_done === 1) {
            expect(await differences(server.store.db, handle.sqlite, account)).toEqual([]);
            states.add('whole');
            // Whole already: start again from an empty copy, so that the next kills land in a snapshot too.
            for (const table of [...syncedEntities].reverse()) handle.sqlite.prepare(`DELETE FROM ${table}`).run();
            handle.sqlite.prepare('UPDATE sync_state SET cursor = NULL, full_pull_done = 0').run();
          } else {
            expect({ cursor: state.cursor, cases }).toEqual({ cursor: null, cases: 0 });
            states.add('empty');
          }
        } finally {
          void handle.close();
        }
      }
      expect(killed).toBeGreaterThanOrEqual(KILLS / 2); // a run may finish before its kill
      expect(states.has('empty')).toBe(true);
      const last = await runSync(args, null);
      expect(last.code).toBe(0);
      expect(existsSync(`${client.file}.snapshot`)).toBe(false);
      expect(await verify(server.store.db, client.file, account)).toBe(0);
    }, 240_000);

    it('during a push of some two hundred findings, twenty times over, without applying any twice', async () => {
      const { server, client, account, args } = await prepared('bureau-chief');
      await syncNow(client.ctx, fastRetry);
      // A month's spot check done offline: the draw, the pairs, a first day of findings, then more visits.
      const draw = await holdDemoSpotCheck(client.ctx);
      const chief = deskAs(client.ctx, await rosterUserNamed(client.ctx.db, 'bureau-chief'));
      for (const round of ['电话回访核实', '复核档案材料']) {
        for (const item of draw.items) await chief.run(recordFinding, { itemId: item.id, method: 'phone', inspectedOn: '2026-11-20', finding: 'compliant', notes: round });
      }
      const pending = client.ctx.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
      const findings = client.ctx.sqlite.prepare('SELECT count(*) FROM spot_check_findings').pluck().get() as number;
      expect(pending).toBeGreaterThan(100);
      client.ctx.sqlite.close();
      let killed = 0;
      for (let i = 0; i < KILLS; i++) {
        const run = await runSync([...args, '--batch-size', '4'], 1 + Math.floor(random() * 2));
        if (run.signal === 'SIGKILL') killed++;
      }
      // Killed 1–3 s in: as the outbox empties, a run may finish before its kill (3 of 20 on a quiet machine).
      expect(killed).toBeGreaterThanOrEqual(KILLS / 2);
      const last = await runSync([...args, '--batch-size', '4'], null);
      expect(last.code).toBe(0);
      expect(await verify(server.store.db, client.file, account)).toBe(0);
      const db = server.store.db;
      expect(await centreValue(db, 'SELECT count(*) FROM spot_check_findings')).toBe(findings);
      // Each finding reached the log exactly once; the client's mutations were all processed, once.
      expect(await centreValue(db, "SELECT count(*) FROM (SELECT row_key FROM change_log WHERE entity = 'spot_check_findings' GROUP BY row_key HAVING count(*) > 1) d")).toBe(0);
      expect(await centreValue(db, 'SELECT last_mutation_id FROM central_clients')).toBeGreaterThanOrEqual(pending);
    }, 240_000);
  });
});
