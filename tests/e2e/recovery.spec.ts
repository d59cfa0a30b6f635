// A database the app cannot open puts it in recovery mode: a database written by a newer version, a file
// that is not a database, and one with 8 KB in the middle overwritten (quick_check, issue 21). The page
// says what happened and where the data and backups are, offers nothing that deletes or resets, and the
// file is left exactly as it was.
import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startScript } from './support/start';

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
// Beside the main harness port, so two checkouts can run the suite side by side with different HARNESS_PORTs.
const PORT = Number(process.env.HARNESS_PORT ?? 4517) + 116;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let dir = '';
let harness: ChildProcess | null = null;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jrd-recovery-'));
});
test.afterEach(() => {
  harness?.kill();
  harness = null;
  rmSync(dir, { recursive: true, force: true });
});

async function open(file: string) {
  harness = (await startScript(['tests/e2e/harness/server.ts', '--db', file, '--port', String(PORT)], /harness listening/)).child;
}

test('a database from a newer version opens the recovery page and stays untouched', async ({ page }) => {
  const file = join(dir, 'jrd.sqlite');
  const db = new BetterSqlite3(file);
  db.exec("CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('某街道的数据'); PRAGMA user_version = 99;");
  db.close();
  const before = sha(file);
  await open(file);
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const screen = page.getByTestId('recovery-screen');
  await expect(screen).toHaveAttribute('data-code', 'db-newer-version');
  await expect(screen).toContainText('数据文件来自更新版本的程序');
  await expect(page.getByTestId('recovery-message')).toContainText('数据结构版本 99');
  await expect(page.getByTestId('recovery-database')).toHaveText(file);
  await expect(page.getByTestId('recovery-backups')).toHaveText(join(dir, 'backups'));
  // Nothing to click that could lose data; the app's own screens are not there.
  await expect(page.locator('button, a, input, select')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/recovery-newer.png`, fullPage: true });
  // The backend refuses every other call while in recovery.
  const other = await page.request.post(`http://127.0.0.1:${PORT}/__api/cases.list`, { data: {} });
  expect(((await other.json()) as { error: { code: string } }).error.code).toBe('recovery');
  harness?.kill();
  await new Promise((r) => setTimeout(r, 300));
  expect(sha(file)).toBe(before);
});

test('a file that is not a database opens the recovery page', async ({ page }) => {
  const file = join(dir, 'jrd.sqlite');
  writeFileSync(file, '这不是数据库文件'.repeat(300));
  const before = sha(file);
  await open(file);
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await expect(page.getByTestId('recovery-screen')).toHaveAttribute('data-code', 'db-unreadable');
  await expect(page.getByTestId('recovery-message')).toContainText('不是有效的数据库');
  await expect(page.locator('button, a, input, select')).toHaveCount(0);
  harness?.kill();
  await new Promise((r) => setTimeout(r, 300));
  expect(sha(file)).toBe(before);
});

test('a database with 8 KB overwritten opens the recovery page and stays untouched', async ({ page }) => {
  const file = join(dir, 'jrd.sqlite');
  const db = new BetterSqlite3(file);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  for (let i = 0; i < 4000; i++) insert.run(createHash('sha256').update(String(i)).digest('hex'));
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(statSync(file).size / 2 / 4096) * 4096 + 1000);
  closeSync(fd);
  const before = sha(file);
  await open(file);
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const screen = page.getByTestId('recovery-screen');
  await expect(screen).toHaveAttribute('data-code', 'db-damaged');
  await expect(screen).toContainText('数据文件已损坏');
  await expect(page.getByTestId('recovery-message')).toContainText('完整性检查未通过');
  await expect(page.locator('button, a, input, select')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/recovery-damaged.png`, fullPage: true });
  harness?.kill();
  await new Promise((r) => setTimeout(r, 300));
  expect(sha(file)).toBe(before);
});
