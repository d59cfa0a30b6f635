// One street's copy in its own process, as on the street office's computer: first pull (its intake was
// topped up to about 200 applications at the centre), the November meeting held, then the timed push.
// Prints one JSON line.
// Usage: tsx tests/bench/sync-push-child.ts DIR CENTRE_URL USERNAME PASSWORD
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { holdDemoMeeting } from '../../electron/backend/demo/demo-meeting';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { pushOutbox } from '../../electron/backend/sync/push';
import { testContext } from '../helpers/minimal';

const [dir, url, username, password] = process.argv.slice(2) as [string, string, string, string];
mkdirSync(dir, { recursive: true });
const handle = openDatabase(join(dir, 'client.sqlite'));
await migrateToLatest(handle);
const ctx = testContext(handle, dir);
await signIn(ctx, url, username, password, 'bench');
await syncNow(ctx);
const held = await holdDemoMeeting(ctx, '2026-11');
const mutations = handle.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
const decisions = handle.sqlite.prepare('SELECT count(*) FROM decisions WHERE meeting_id = ?').pluck().get(held.meeting.id) as number;
const t0 = performance.now();
const pushed = await pushOutbox(ctx);
const meetingMs = performance.now() - t0;
if (pushed.rejected > 0) throw new Error(`the centre rejected ${pushed.rejected} of the meeting's changes`);
await handle.close();
console.log(JSON.stringify({ mutations, decisions, meetingMs }));
