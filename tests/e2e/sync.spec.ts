// A person starts the reference central server, opens a new copy of the app (the browser harness on an
// empty database), signs in, watches the first full pull, holds the street's meeting, and sees its
// decisions arrive at the centre; then the centre goes away and the screen says so in plain Chinese,
// keeping the unsent changes.
import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startScript } from './support/start';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const CENTRAL_PORT = 4630;
const APP_PORT = 4631;

let dir = '';
let central: ChildProcess | null = null;
let app: ChildProcess | null = null;
let password = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'jrd-sync-e2e-'));
  const c = await startScript(['server/main.ts', '--port', String(CENTRAL_PORT), '--data', join(dir, 'central'), '--households', '400'], /central listening/);
  central = c.child;
  password = /^account: st001-staff1 (\S+) street_staff 430188001$/m.exec(c.output)![1]!;
  app = (await startScript(['tests/e2e/harness/server.ts', '--db', join(dir, 'app', 'client.sqlite'), '--fresh', '--empty', '--port', String(APP_PORT)], /harness listening/)).child;
});

test.afterAll(() => {
  central?.kill();
  app?.kill();
  rmSync(dir, { recursive: true, force: true });
});

test('a new copy signs in, pulls its street, and its meeting’s decisions reach the centre', async ({ page }) => {
  test.setTimeout(180_000);
  const base = `http://127.0.0.1:${APP_PORT}`;
  // Everything the renderer is told, to check below that no token is among it.
  const answers: Promise<string>[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/__api/')) answers.push(r.text().catch(() => ''));
  });
  await page.goto(`${base}/`);
  // Nobody is signed in yet: the app opens on 同步.
  await expect(page.getByTestId('sync-screen')).toBeVisible();
  await page.getByTestId('sync-server').fill(`http://127.0.0.1:${CENTRAL_PORT}`);
  await page.getByTestId('sync-username').fill('st001-staff1');
  await page.getByTestId('sync-password').fill('wrong-password');
  await page.getByTestId('sync-signin-submit').click();
  await expect(page.getByTestId('sync-error')).toContainText('用户名或密码不正确');
  await page.getByTestId('sync-password').fill(password);
  await page.screenshot({ path: `${shots}/sync-signin.png` });
  await page.getByTestId('sync-signin-submit').click();
  await expect(page.getByTestId('sync-progress').or(page.getByTestId('sync-done'))).toBeVisible();
  await expect(page.getByTestId('sync-done')).toContainText('已登录并完成同步', { timeout: 60_000 });
  await page.screenshot({ path: `${shots}/sync-first-pull.png` });
  // Signed in, the copy is the caseworker's: the cases screen shows her street.
  await expect(page.getByTestId('session')).toContainText('望江街道');
  await page.getByRole('button', { name: '个案', exact: true }).click();
  await expect(page.getByTestId('case-grid-count')).toContainText('件');

  // The November meeting, held on this machine, waits to go up.
  const held = await page.request.post(`${base}/__harness/hold-meeting`, { data: { month: '2026-11' } });
  expect(held.ok(), await held.text()).toBe(true);
  const meetingId = ((await held.json()) as { meetingId: string }).meetingId;
  await page.getByRole('button', { name: '同步', exact: true }).click();
  const pending = Number((await page.getByTestId('sync-pending').textContent())!.replace(/\D/g, ''));
  expect(pending).toBeGreaterThan(10);
  await expect(page.getByTestId('sync-account')).toContainText('st001-staff1');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-done')).toContainText(`上传 ${pending} 项修改`, { timeout: 60_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0 项');
  // A late progress event must not leave a stale bar behind the finished sync.
  await expect(page.getByTestId('sync-progress')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/sync-status.png`, fullPage: true });

  // At the centre: the meeting closed, with every decision the meeting took.
  const centre = new BetterSqlite3(join(dir, 'central', 'central.sqlite'), { readonly: true });
  let issueNo = 0;
  try {
    expect(centre.prepare('SELECT status FROM meetings WHERE id = ?').pluck().get(meetingId)).toBe('closed');
    issueNo = centre.prepare('SELECT issue_no FROM meetings WHERE id = ?').pluck().get(meetingId) as number;
    const decided = centre.prepare('SELECT count(*) FROM decisions WHERE meeting_id = ?').pluck().get(meetingId) as number;
    const items = centre.prepare('SELECT count(*) FROM agenda_items WHERE meeting_id = ? AND removed = 0').pluck().get(meetingId) as number;
    expect(decided).toBeGreaterThan(10);
    expect(decided).toBe(items);
  } finally {
    centre.close();
  }

  // The tokens stay in the backend's store (a file readable by the OS user only); the renderer never saw one.
  const tokenFile = join(dir, 'app', 'client.sqlite.tokens');
  expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
  const tokens = Object.values(JSON.parse(readFileSync(tokenFile, 'utf8')) as Record<string, string>);
  expect(tokens.length).toBe(2);
  const seen = await Promise.all(answers);
  expect(seen.length).toBeGreaterThan(10);
  for (const t of tokens) expect(seen.some((body) => body.includes(t))).toBe(false);

  // A conflict: the street prepares the notices and sends them; someone at the centre then changes one
  // batch, while this copy posts it. The post is refused and shown; the copy takes the centre's batch.
  await page.getByRole('button', { name: '公示', exact: true }).click();
  await page.locator(`[data-testid="due-meeting"][data-meeting-id="${meetingId}"]`).getByTestId('create-notices').click();
  await expect(page.getByTestId('notices-created')).toContainText('生成公示草稿');
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-done')).toContainText('同步完成', { timeout: 60_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0 项');
  await page.getByRole('button', { name: '公示', exact: true }).click();
  const row = page.locator(`[data-testid="notice-meeting-group"][data-meeting-id="${meetingId}"]`).getByTestId('notice-row').first();
  const batchId = (await row.getAttribute('data-batch-id'))!;
  const centreDb = new BetterSqlite3(join(dir, 'central', 'central.sqlite'));
  let centreEnd = '';
  try {
    centreDb.pragma('busy_timeout = 5000');
    centreDb.transaction(() => {
      const b = centreDb.prepare('SELECT version, community_code FROM notice_batches WHERE id = ?').get(batchId) as { version: number; community_code: string };
      centreDb.prepare("UPDATE notice_batches SET end_date = date(end_date, '+1 day'), version = ?, updated_at = '2026-11-20T03:00:00.000Z' WHERE id = ?").run(b.version + 1, batchId);
      centreEnd = centreDb.prepare('SELECT end_date FROM notice_batches WHERE id = ?').pluck().get(batchId) as string;
      centreDb.prepare("INSERT INTO change_log (entity, row_key, op, version, region_code, audience) VALUES ('notice_batches', ?, 'upsert', ?, ?, 'all')").run(batchId, b.version + 1, b.community_code);
    })();
  } finally {
    centreDb.close();
  }
  const community = (await row.getAttribute('data-community'))!;
  await row.getByRole('button', { name: community }).click();
  await page.getByTestId('batch-post').click();
  await page.getByTestId('post-confirm').click();
  await expect(page.getByTestId('batch-status')).toHaveText('公示中');
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await expect(page.getByTestId('sync-pending')).toHaveText('1 项');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-done')).toContainText('上传 1 项修改（其中 1 项被中心拒绝）', { timeout: 60_000 });
  const rejection = page.getByTestId('sync-rejection');
  await expect(rejection).toHaveCount(1);
  await expect(rejection).toContainText('发布公示');
  await expect(rejection.getByTestId('sync-rejection-subject')).toHaveText(`2026年11月第${issueNo}期会议；${community}公示`);
  await expect(rejection).toContainText('已被他人修改');
  await page.screenshot({ path: `${shots}/sync-rejection.png`, fullPage: true });
  // The copy now holds the centre's batch: a draft again, with the period the centre set.
  await page.getByRole('button', { name: '公示', exact: true }).click();
  const restored = page.locator(`[data-testid="notice-row"][data-batch-id="${batchId}"]`);
  await expect(restored).toHaveAttribute('data-status', 'draft');
  const [y, m, d] = centreEnd.split('-').map(Number);
  await expect(restored).toContainText(`—${y}年${m}月${d}日`);
  // A person has looked at it: marked as dealt with, the list is gone.
  await page.getByRole('button', { name: '同步', exact: true }).click();
  await page.getByTestId('sync-rejection-resolve').click();
  await expect(page.getByTestId('sync-rejections')).toHaveCount(0);

  // The centre goes away: the screen says so, in Chinese, and keeps what is not yet sent.
  central?.kill();
  await page.request.post(`${base}/__harness/login`, { data: { username: 'st001-staff1' } });
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-error')).toContainText('无法连接中心服务器', { timeout: 60_000 });
  await expect(page.getByTestId('sync-last-error')).toContainText('无法连接中心服务器');
  await page.screenshot({ path: `${shots}/sync-error.png`, fullPage: true });
});
