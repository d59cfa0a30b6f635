// 导出 Excel in real Chromium through the browser harness: the cases grid exports what it shows (reached
// by keyboard), a closed meeting its decisions, a notice batch its list and a draw its sample; each file
// is read back from the path the page shows.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';
import { readSheet, textOf } from '../helpers/xlsx';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

/** "显示 12 / 1,234 件" → 12 */
async function shownCount(page: Page): Promise<number> {
  // The service answers a filter: the count is the filter's once 正在查找 has gone.
  await expect(page.getByTestId('case-grid-count')).not.toContainText('正在查找');
  const text = (await page.getByTestId('case-grid-count').textContent()) ?? '';
  const m = /显示\s*([\d,]+)\s*\//.exec(text);
  if (!m) throw new Error(`unexpected count text: ${text}`);
  return Number(m[1]!.replace(/,/g, ''));
}

/** The path a result shows, once it shows one. */
async function savedPath(page: Page, testId: string): Promise<string> {
  await expect(page.getByTestId(testId)).toBeVisible({ timeout: 30_000 });
  return (await page.getByTestId(`${testId}-path`).textContent())!.trim();
}

test('the cases grid exports the cases it shows, from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'st001-staff1');
  await page.goto('/#/cases');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  await page.getByTestId('filter-status').selectOption('approved');
  await page.getByTestId('filter-category').selectOption('dibao');
  const shown = await shownCount(page);
  expect(shown).toBeGreaterThan(0);

  // From 清除筛选, Tab passes the disabled print button and reaches 导出 Excel; Enter presses it.
  await page.getByRole('button', { name: '清除筛选' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('export-cases')).toBeFocused();
  await page.keyboard.press('Enter');
  const path = await savedPath(page, 'export-cases-result');
  expect(path).toMatch(/个案清单-\d{8}-\d{6}\.xlsx$/);
  await expect(page.getByTestId('export-cases-result')).toContainText(`（${shown.toLocaleString('zh-CN')} 行）`);
  await page.screenshot({ path: `${shots}/exports-cases-1366.png` });

  const sheet = readSheet(path);
  expect(sheet.rows.length).toBe(shown);
  expect(new Set(sheet.rows.map((r) => textOf(r['状态'])))).toEqual(new Set(['同意']));
  expect(new Set(sheet.rows.map((r) => textOf(r['救助类别'])))).toEqual(new Set(['低保对象']));
  expect(sheet.rows.every((r) => /^\d{17}[\dX]$/.test(textOf(r['户主身份证号'])))).toBe(true);
});

test('a closed meeting, a notice batch and a draw each export their own table', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'st001-staff1');
  const meetings = await api<{ id: string; month: string; status: string; decidedCount: number }[]>(page, 'meetings.list', {});
  const closed = meetings.find((m) => m.status === 'closed' && m.month === '2026-10')!;
  await page.goto(`/#/meetings/${closed.id}/minutes`);
  await page.getByTestId('export-decisions').click();
  const decisions = readSheet(await savedPath(page, 'export-decisions-result'));
  expect(decisions.rows.length).toBeGreaterThan(0);
  expect(decisions.headers).toContain('核定救助金（元）');
  await page.getByTestId('decisions-export').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/exports-decisions-1366.png` });

  const { batches } = await api<{ batches: { id: string; itemCount: number }[] }>(page, 'notices.list', {});
  const batch = batches.find((b) => b.itemCount > 0)!;
  await page.goto(`/#/notices/batch/${batch.id}`);
  await page.getByTestId('export-notice').click();
  const notice = readSheet(await savedPath(page, 'export-notice-result'));
  expect(notice.rows.length).toBe(batch.itemCount);
  expect(notice.headers.some((h) => h.includes('身份证'))).toBe(false);
  await page.screenshot({ path: `${shots}/exports-notice-1366.png` });

  await login(page, 'bureau-chief');
  const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: ['430188001'] };
  const frame = await api<{ manifestSha256: string }>(page, 'spotchecks.frame', { query, rate: 30 });
  const draw = await api<{ id: string; sampled: number }>(page, 'spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: '27182818284590452353' } });
  await page.goto(`/#/spot-checks/${draw.id}/documents`);
  await page.reload();
  await page.getByTestId('export-sample').click();
  const sample = readSheet(await savedPath(page, 'export-sample-result'));
  expect(sample.rows.length).toBe(draw.sampled);
  await expect(page.getByTestId('export-sample-result')).toContainText('抽查样本-');
  await page.getByTestId('sample-export').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/exports-sample-1366.png` });
});
