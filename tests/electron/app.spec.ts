// The desktop app itself, in a real Electron window: hardened page, a new user-data folder opening on
// 同步 with its database readable by the user only, navigation and new windows denied, the Chinese menu,
// one instance only, and recovery for a newer version's database. Skipped, saying why, where there is no
// Electron binary (the browser-harness e2e covers the UI everywhere).
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, noElectronMessage } from './binary';

const binary = electronBinary();
test.skip(binary === null, noElectronMessage);

let userData = '';
let app: ElectronApplication | null = null;
test.beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'jrd-electron-'));
});
test.afterEach(async () => {
  await app?.close().catch(() => undefined);
  app = null;
  rmSync(userData, { recursive: true, force: true });
});

async function launch(extra: string[] = []): Promise<ElectronApplication> {
  app = await electron.launch({ executablePath: binary!, args: ['.', ...extra], env: { ...process.env, JRD_USER_DATA: userData } });
  return app;
}

test('a new copy opens hardened, on 同步, with its database readable by the user only', async () => {
  const page = await (await launch()).firstWindow();
  await expect(page).toHaveTitle('联审联批工作台');
  await expect(page.getByTestId('sync-screen')).toBeVisible();
  // The page has the contract and the desktop channels, and nothing of Node or Electron.
  const exposed = await page.evaluate(() => ({
    api: typeof (window as unknown as { api?: unknown }).api,
    desktop: Object.keys((window as unknown as { desktop?: object }).desktop ?? {}).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({ api: 'object', desktop: ['desktop.openFile', 'desktop.printFile', 'desktop.saveFileAs', 'desktop.showFolder'], require: 'undefined', process: 'undefined' });
  expect(statSync(join(userData, 'data', 'jrd.sqlite')).mode & 0o777).toBe(0o600);
  // Navigation and new windows are refused.
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app!.windows().length).toBe(1);
});

test('the menu is in Chinese', async () => {
  await (await launch()).firstWindow();
  const labels = await app!.evaluate(({ Menu }) => Menu.getApplicationMenu()!.items.map((i) => i.label));
  expect(labels).toEqual(['文件', '编辑', '视图', '帮助']);
});

test('a second start only brings the first window forward', async () => {
  await (await launch()).firstWindow();
  const second = await electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, JRD_USER_DATA: userData } }).catch(() => null);
  if (second) {
    await expect.poll(() => second.process().exitCode, { timeout: 10_000 }).not.toBeNull();
  }
  expect(app!.windows().length).toBe(1);
});

test('a database from a newer version opens the recovery page', async () => {
  const file = join(userData, 'newer.sqlite');
  const db = new BetterSqlite3(file);
  db.exec('CREATE TABLE t (x); PRAGMA user_version = 999;');
  db.close();
  const page = await (await launch([`--db=${file}`])).firstWindow();
  await expect(page.getByTestId('recovery-screen')).toHaveAttribute('data-code', 'db-newer-version');
  await expect(page.getByTestId('recovery-show-data')).toBeVisible();
});
