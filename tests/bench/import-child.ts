// Child process of the import benchmark: one fresh database with the minimal world, one file of `rows`
// people in the standard template (xlsx or csv), timed through read + plan, check (every part run and
// rolled back) and import (every part run and committed). Prints one JSON line with the peak RSS.
// Usage: node --import tsx tests/bench/import-child.ts FILE (written by tests/bench/import.ts)
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { freshDatabase } from '../helpers/db';
import { NOW, seedMinimal, testContext } from '../helpers/minimal';
import { planImport } from '../../electron/backend/imports/import-plan';
import { runImport } from '../../electron/backend/imports/import-run';
import { currentUser } from '../../electron/backend/session/session';

const file = process.argv[2];
if (!file) throw new Error('usage: import-child.ts FILE');
const t = await freshDatabase('bench-import.sqlite');
seedMinimal(t.handle);
t.handle.sqlite.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188001002', '江村', 'community', '430188001', 2024, ?)").run(NOW);
const ctx = testContext(t.handle, join(t.dir));
const user = await currentUser(ctx.db);
const bytes = readFileSync(file);
const rssBefore = process.memoryUsage().rss;

const t0 = performance.now();
const plan = planImport(bytes, basename(file), undefined, [], NOW.slice(0, 10));
const t1 = performance.now();
const check = await runImport(ctx, user, plan, { write: false, token: randomUUID() });
const t2 = performance.now();
const written = await runImport(ctx, user, plan, { write: true, token: randomUUID() });
const t3 = performance.now();
if (check.refused.length > 0 || !written.written) throw new Error(`bench file refused: ${JSON.stringify(check.refused.slice(0, 3))}`);
console.log(
  JSON.stringify({
    bytes: bytes.length,
    rows: plan.rows,
    households: plan.householdCount,
    readMs: t1 - t0,
    checkMs: t2 - t1,
    writeMs: t3 - t2,
    added: written.added,
    rssBeforeBytes: rssBefore,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
await t.cleanup();
