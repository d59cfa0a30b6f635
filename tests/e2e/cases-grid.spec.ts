// The cases grid in real Chromium against a real database, through the browser harness.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

/** "显示 12 / 1,234 件" → [12, 1234] */
async function counts(page: Page): Promise<[number, number]> {
  // Filters are answered by the service: the count is the new one once the grid stops looking.
  await expect(page.getByTestId('case-grid-count')).not.toContainText('正在查找');
  const text = (await page.getByTestId('case-grid-count').textContent()) ?? '';
  const m = /显示\s*([\d,]+)\s*\/\s*([\d,]+)/.exec(text);
  if (!m) throw new Error(`unexpected count text: ${text}`);
  return [Number(m[1]!.replace(/,/g, '')), Number(m[2]!.replace(/,/g, ''))];
}

async function columnTexts(page: Page, column: number): Promise<string[]> {
  return page.locator(`[data-testid="case-grid-body"] [role="row"] [role="gridcell"]:nth-child(${column})`).allTextContents();
}

test('a street caseworker filters the cases of her street', async ({ page }) => {
  await login(page, 'st001-staff1');
  await page.goto('/');
  await expect(page.getByTestId('session')).toContainText('望江街道');
  await expect(page.getByRole('button', { name: '会议' })).toBeVisible();
  for (const label of ['公示', '抽查', '同步', '设置']) await expect(page.getByRole('button', { name: label })).toBeVisible();

  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  const [shown, total] = await counts(page);
  expect(total).toBeGreaterThan(800);
  expect(shown).toBe(total);
  // Every row belongs to the street: the community column never names another street's community.
  const communityOptions = await page.getByTestId('filter-community').locator('option').allTextContents();
  expect(communityOptions.length).toBeGreaterThanOrEqual(9);

  // Filter by community: every visible row is from it.
  const communityCode = await page.getByTestId('filter-community').locator('option').nth(2).getAttribute('value');
  const communityName = (await page.getByTestId('filter-community').locator('option').nth(2).textContent())!.trim();
  await page.getByTestId('filter-community').selectOption(communityCode!);
  const [byCommunity] = await counts(page);
  expect(byCommunity).toBeGreaterThan(0);
  expect(byCommunity).toBeLessThan(total);
  expect(new Set(await columnTexts(page, 2))).toEqual(new Set([communityName]));

  // Then by status: only pending cases of that community.
  await page.getByTestId('filter-status').selectOption('approved');
  const [approved] = await counts(page);
  expect(approved).toBeLessThan(byCommunity);
  expect(new Set(await columnTexts(page, 7))).toEqual(new Set(['同意']));

  // And by category.
  await page.getByTestId('filter-category').selectOption('dibao');
  const [dibao] = await counts(page);
  expect(dibao).toBeLessThanOrEqual(approved);
  expect(new Set(await columnTexts(page, 5))).toEqual(new Set(['低保对象']));

  // Sorting by household head, ascending then descending.
  await page.getByTestId('filter-category').selectOption('');
  const head = page.getByRole('columnheader', { name: '户主' });
  await head.click();
  await expect(head).toHaveAttribute('aria-sort', 'ascending');
  // Names sort in pinyin order, as a Chinese reader expects, not by code point.
  const names = await columnTexts(page, 3);
  const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  expect(names.length).toBeGreaterThan(3);
  expect([...names].sort(pinyin.compare)).toEqual(names);
  await head.click();
  await expect(head).toHaveAttribute('aria-sort', 'descending');

  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.getByTestId('filter-status').selectOption('pending');
  await expect(page.locator('.flag').first()).toBeVisible();
  await page.screenshot({ path: `${shots}/cases-street-pending.png` });

  // The community list PDF is generated on the Node side and reported back.
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.getByTestId('filter-community').selectOption(communityCode!);
  await page.getByTestId('print-community').click();
  await expect(page.getByTestId('print-result')).toContainText(`cases-${communityCode}.pdf`, { timeout: 30_000 });
});

test('a district inspector scrolls 10,000+ cases with the keyboard, and only visible rows exist', async ({ page }) => {
  await login(page, 'bureau-chief');
  await page.goto('/');
  await expect(page.getByTestId('session')).toContainText('麓山区');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  const [shown, total] = await counts(page);
  expect(total).toBeGreaterThan(10_000);
  expect(shown).toBe(total);
  await expect(page.getByRole('columnheader', { name: '街道' })).toBeVisible();

  const rendered = await page.locator('[data-testid="case-grid-body"] [role="row"]').count();
  expect(rendered).toBeLessThan(80);
  await page.screenshot({ path: `${shots}/cases-district.png` });

  const body = page.getByTestId('case-grid-body');
  await body.focus();
  await page.keyboard.press('End');
  await expect(page.locator(`[role="row"][aria-rowindex="${total + 1}"]`)).toBeVisible();
  expect(await page.locator('[data-testid="case-grid-body"] [role="row"]').count()).toBeLessThan(80);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[role="row"][aria-rowindex="4"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('PageDown');
  const selected = Number(await page.locator('[role="row"][aria-selected="true"]').getAttribute('aria-rowindex'));
  expect(selected).toBeGreaterThan(10);

  // A search narrows the 10,000 rows to one household head's cases.
  const firstHead = (await columnTexts(page, 4))[0]!;
  await page.getByTestId('filter-search').fill(firstHead);
  // The service searches once typing pauses, so the count changes a moment later.
  await expect.poll(async () => (await counts(page))[0]).toBeLessThan(50);
  const [found] = await counts(page);
  expect(found).toBeGreaterThan(0);
  for (const name of await columnTexts(page, 4)) expect(name).toContain(firstHead);
  await page.getByTestId('filter-search').fill('');
  await page.getByRole('button', { name: '设置' }).click();
  await expect(page.getByText('内置字体').first()).toBeVisible();
  await page.screenshot({ path: `${shots}/settings.png` });
});
