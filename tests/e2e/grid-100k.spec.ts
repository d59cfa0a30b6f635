// The cases grid on a bureau copy of about 100,000 cases, in its own harness: scrolling to the end shows
// the last case, and a filter then a sort keep the selected one. Generating a 46,300-household district
// takes about three minutes here (npm run cli -- generate --households 46300), too slow for every e2e run,
// so the copy is the demo district's pristine file with each case entered nine times over (new ids and case
// numbers, the same households): the grid's cost is the number of cases, which is what this is about.
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { keyFileFor, openWithKeyBeside } from '../../electron/backend/db/at-rest';

const PORT = Number(process.env.HARNESS_PORT ?? 4517) + 7;
const BASE = `http://127.0.0.1:${PORT}`;
const DIR = 'test-results/e2e-100k';
const DB = join(DIR, 'bureau-100k.sqlite');
const COPIES = 9;
const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

let harness: ChildProcess | null = null;
let cases = 0;

/** The demo district's cases, each entered COPIES times: the copies differ only in id and case number. */
function multiply(file: string): number {
  const db = openWithKeyBeside(file);
  try {
    const columns = (db.prepare('PRAGMA table_info(cases)').all() as { name: string }[]).map((c) => c.name);
    const pick = (k: number) =>
      columns
        .map((c) => (c === 'id' ? `id || '-x${k}'` : c === 'case_no' ? `case_no || '-X${k}'` : c === 'opened_for' ? 'NULL' : c))
        .join(', ');
    db.transaction(() => {
      for (let k = 1; k < COPIES; k++) db.exec(`INSERT INTO cases (${columns.join(', ')}) SELECT ${pick(k)} FROM cases WHERE id NOT LIKE '%-x%'`);
    })();
    return db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  } finally {
    db.close();
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  // The main harness took its pristine copy of the demo district at start (playwright.config.ts).
  copyFileSync('test-results/e2e/harness.sqlite.pristine', DB);
  // The pristine copy is encrypted with the harness database's key (issue 21).
  copyFileSync(keyFileFor('test-results/e2e/harness.sqlite'), keyFileFor(DB));
  cases = multiply(DB);
  const server = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/harness/server.ts', '--db', DB, '--port', String(PORT), '--user', 'bureau-chief'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  harness = server;
  await new Promise<void>((ok, fail) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && ok());
    server.on('exit', (code) => fail(new Error(`harness exited ${code}`)));
  });
});

test.afterAll(() => {
  harness?.kill('SIGTERM');
});

/** "显示 12 / 1,234 件" → [12, 1234], once the grid has its answer. */
async function counts(page: Page): Promise<[number, number]> {
  await expect(page.getByTestId('case-grid-count')).not.toContainText('正在查找');
  const text = (await page.getByTestId('case-grid-count').textContent()) ?? '';
  const m = /显示\s*([\d,]+)\s*\/\s*([\d,]+)/.exec(text);
  if (!m) throw new Error(`unexpected count text: ${text}`);
  return [Number(m[1]!.replace(/,/g, '')), Number(m[2]!.replace(/,/g, ''))];
}

function lookup<T>(sql: string): T {
  const db = openWithKeyBeside(DB, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

test('scrolling to the end of 100,000 cases shows the last case, and no answer is over 1 MB', async ({ page }) => {
  expect(cases).toBeGreaterThan(95_000);
  let largest = 0;
  page.on('response', (res) => {
    if (res.url().includes('/__api/')) void res.body().then((b) => (largest = Math.max(largest, b.length)), () => undefined);
  });
  await page.goto(BASE);
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  const [shown, total] = await counts(page);
  expect(shown).toBe(cases);
  expect(total).toBe(cases);
  // The last case of the default order (newest first, then the id the same way round).
  const last = lookup<{ case_no: string; id: string }>('SELECT case_no, id FROM cases ORDER BY applied_on ASC, id ASC LIMIT 1');
  const body = page.getByTestId('case-grid-body');
  await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const lastRow = page.locator(`[role="row"][aria-rowindex="${cases + 1}"]`);
  await expect(lastRow).toBeVisible();
  await expect(lastRow).toHaveAttribute('data-case-id', last.id);
  await expect(lastRow.getByRole('gridcell').first()).toHaveText(last.case_no);
  expect(await page.locator('[data-testid="case-grid-body"] [role="row"]').count()).toBeLessThan(80);
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await expect(lastRow).toBeVisible();
    await page.screenshot({ path: `${shots}/grid-100k-end-${w}.png` });
  }
  // Home goes back to the first case from the keyboard.
  await body.focus();
  await page.keyboard.press('Home');
  await expect(page.locator('[role="row"][aria-rowindex="2"]')).toHaveAttribute('aria-selected', 'true');
  expect(largest).toBeGreaterThan(10_000);
  expect(largest).toBeLessThan(1_000_000);
});

test('a filter then a sort keeps the selected case, and Enter opens it', async ({ page }) => {
  await page.goto(BASE);
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  const body = page.getByTestId('case-grid-body');
  await body.focus();
  const selected = page.locator('[data-testid="case-row"][aria-selected="true"]');
  // Some way down the list; then only cases of its status (状态 is the grid's eighth column here).
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator('[role="row"][aria-rowindex="9"]')).toHaveAttribute('aria-selected', 'true');
  const id = (await selected.getAttribute('data-case-id'))!;
  const head = (await selected.getByRole('gridcell').nth(3).textContent())!;
  const status = (await selected.getByRole('gridcell').nth(7).textContent())!;

  await page.getByTestId('filter-status').selectOption({ label: status });
  const [kept, all] = await counts(page);
  expect(kept).toBeLessThan(all);
  await expect(selected).toHaveAttribute('data-case-id', id);
  await expect(selected).toBeInViewport();

  await page.getByRole('button', { name: '户主' }).click();
  await expect(page.getByRole('columnheader', { name: '户主' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(selected).toHaveAttribute('data-case-id', id);
  await expect(selected).toBeInViewport();
  await expect(selected.getByRole('gridcell').nth(3)).toHaveText(head);
  // Its neighbours are in pinyin order around it: the window it sits in came with it.
  const names = await page.locator('[data-testid="case-row"] [role="gridcell"]:nth-child(4)').allTextContents();
  const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  expect(names.length).toBeGreaterThan(5);
  expect([...names].sort(pinyin.compare)).toEqual(names);
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${shots}/grid-100k-kept-selection-${w}.png` });
  }

  await body.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(id));
});
