// A street with more notices than one page (NOTICE_LIST_PAGE = 300) in real Chromium: the list shows the
// newest 300 with 已显示 300 / N 批 and a 显示更早的公示 button, which brings the older ones in order, and
// the line goes once all are shown. The harness copies the street's batches into older, ended ones.
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { NOTICE_LIST_PAGE } from '../../shared/notice';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
/** A caseworker of 枫林街道 (430188002). */
const STAFF = 'st002-staff1';
const OLDER = 320;

test('older notices come a page at a time', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, STAFF);
  const before = await api<{ total: number }>(page, 'notices.list', {});
  const copied = await page.request.post('/__harness/older-notices', { data: { street: '430188002', count: OLDER } });
  expect(copied.ok(), await copied.text()).toBe(true);
  const total = before.total + OLDER;
  expect(total).toBeGreaterThan(NOTICE_LIST_PAGE);

  for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await page.getByRole('button', { name: '公示', exact: true }).click();
    const rows = page.getByTestId('notice-row');
    await expect(rows).toHaveCount(NOTICE_LIST_PAGE);
    const count = page.getByTestId('notice-list-count');
    await expect(count).toHaveText(`已显示 ${NOTICE_LIST_PAGE} / ${total} 批`);
    const more = page.getByTestId('notice-list-more');
    await more.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/notices-more-${width}.png` });

    // Keyboard: the button is reachable and works with Enter.
    await more.focus();
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(total);
    await expect(count).toHaveCount(0);
    await expect(more).toHaveCount(0);
    // The copies are the oldest (2024), so they come last; the last row is the oldest copy's period.
    await expect(rows.last()).toHaveAttribute('data-batch-id', /^nb-older-/);
    await expect(rows.first()).not.toHaveAttribute('data-batch-id', /^nb-older-/);
    if (width === 1920) await page.screenshot({ path: `${shots}/notices-more-all-${width}.png` });
  }
});
