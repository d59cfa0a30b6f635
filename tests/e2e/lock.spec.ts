// The app lock (issue 21 item 3) in real Chromium against the real backend: the lock screen is all the
// page holds while locked (no grid, no case number in the DOM, and the backend refuses the page's calls),
// the first PIN is chosen there, Enter unlocks, a wrong PIN is refused, idleness and 退出登录 lock again.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAnswer, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();
// The next spec file starts from a desk the harness trusts again, whatever this one left locked.
test.afterAll(async () => {
  const res = await fetch(`http://127.0.0.1:${Number(process.env.HARNESS_PORT ?? 4517)}/__harness/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`harness reset failed: ${res.status}`);
});

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const PIN = '482916';
const rows = (page: Page) => page.getByTestId('case-row');
const pageArgs = { query: {}, sort: { column: 'appliedOn', direction: 'desc' }, offset: 0, limit: 50 };

/** Nothing of the app is in the page: no grid, no navigation, no case number seen before locking. */
async function expectNothingBehind(page: Page, caseNo: string): Promise<void> {
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.locator('[data-testid="case-grid-body"]')).toHaveCount(0);
  await expect(page.locator('[role="gridcell"]')).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  expect(await page.content()).not.toContain(caseNo);
  const refused = await apiAnswer(page, 'cases.page', pageArgs);
  expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });
}

test('the desk asks for a first PIN, locks, shows nothing behind the lock and opens with the PIN', async ({ page }) => {
  await login(page, 'st001-staff1');
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  const caseNo = ((await rows(page).first().locator('[role="gridcell"]').first().textContent()) ?? '').trim();
  expect(caseNo.length).toBeGreaterThan(4);
  expect(await page.content()).toContain(caseNo);

  // 锁定, the first time: the signed-in user chooses a PIN on the lock screen.
  await page.getByTestId('lock-now').click();
  await expectNothingBehind(page, caseNo);
  await expect(page.getByRole('heading', { name: '设置本机 PIN' })).toBeVisible();
  await expect(page.getByTestId('lock-new-secret')).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.type('123456');
  await page.getByTestId('lock-new-again').fill('123456');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-error')).toContainText('连续的数字');
  await page.getByTestId('lock-new-secret').fill(PIN);
  await page.getByTestId('lock-new-again').fill(PIN);
  await page.keyboard.press('Enter');
  await expect(rows(page).first()).toBeVisible();

  // Locked again, it asks for the PIN: the field has the focus and Enter submits.
  await page.getByTestId('lock-now').click();
  await expectNothingBehind(page, caseNo);
  await expect(page.getByRole('heading', { name: '工作台已锁定' })).toBeVisible();
  await expect(page.getByTestId('lock-user-name')).toContainText('望江街道');
  await expect(page.getByTestId('lock-secret')).toBeFocused();
  await expectAccessible(page);
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/lock-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.type('000000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-error')).toContainText('还可以再试 4 次');
  await expect(page.getByTestId('lock-secret')).toHaveValue('');
  await expect(page.getByTestId('lock-secret')).toBeFocused();
  await page.screenshot({ path: `${shots}/lock-wrong-pin.png` });
  await page.keyboard.type(PIN);
  await page.keyboard.press('Enter');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('session')).toContainText('望江街道');
});

test('an idle desk locks by itself, and 退出登录 forgets who was signed in', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  const caseNo = ((await rows(page).first().locator('[role="gridcell"]').first().textContent()) ?? '').trim();
  // Eleven minutes without the keyboard or mouse (the lock's clock is moved on; the default is 10 minutes).
  const moved = await page.request.post('/__harness/lock-clock', { data: { advanceMs: 11 * 60_000 } });
  expect(moved.ok()).toBe(true);
  // The page learns it on its next look at the lock, without anyone touching it.
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 15_000 });
  await expectNothingBehind(page, caseNo);
  await page.getByTestId('lock-secret').fill(PIN);
  await page.getByTestId('lock-submit').click();
  await expect(rows(page).first()).toBeVisible();

  await page.getByTestId('sign-out').click();
  await expectNothingBehind(page, caseNo);
  await expect(page.getByText('已退出登录')).toBeVisible();
  // The session is gone in the backend, not only from the screen.
  expect(await apiAnswer(page, 'session.current', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
  expect(await apiAnswer(page, 'lock.status', {})).toMatchObject({ ok: true, value: { locked: true, session: null } });
  // A reload does not get past it either.
  await page.reload();
  await expectNothingBehind(page, caseNo);
  await page.getByTestId('lock-secret').fill(PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session')).toContainText('望江街道');
  await expect(rows(page).first()).toBeVisible();
});
