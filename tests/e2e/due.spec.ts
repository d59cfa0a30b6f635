// 到期 in real Chromium against the generated district: a street's list grouped by kind and sorted by
// day, overdue rows in red, the kind filter, one item put on the next agenda from the keyboard (it then
// shows its case and 待列入下次会议 / 已列入议程), and the bureau picking a street. Screenshots at
// 1366×768 and 1920×1080.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { CaseRow } from '../../shared/domain';
import { expectAccessible } from './support/axe';
import { chooseDate } from './support/dates';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
/** A caseworker of 书院街道 (430188003): the other specs hold meetings of 001 and 002. */
const STAFF = 'st003-staff1';

async function openDue(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: '到期', exact: true }).click();
  await expect(page.getByRole('heading', { name: '到期事项', level: 1 })).toBeVisible();
  await expect(page.getByTestId('due-summary')).toBeVisible();
}

test('a street office sees what falls due and puts a re-check on the next agenda in one step', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, STAFF);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDue(page);
  await expect(page.getByTestId('due-summary')).toContainText('截至2026年11月20日');

  const items = page.getByTestId('due-item');
  expect(await items.count()).toBeGreaterThan(0);
  // Each group is sorted by its due day, and an overdue row is drawn in the warning red.
  for (const group of await page.getByTestId('due-group').all()) {
    const days = await group.getByTestId('due-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-due')!));
    expect(days.length).toBeGreaterThan(0);
    expect(days).toEqual([...days].sort());
  }
  const overdue = page.locator('[data-testid="due-item"][data-overdue="yes"]');
  if ((await overdue.count()) > 0) {
    await expect(overdue.first().getByTestId('due-left')).toContainText('逾期');
    await expect(overdue.first().locator('td').first()).toHaveCSS('color', 'rgb(179, 38, 30)');
  }
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/due-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${shots}/due-1920.png`, fullPage: false });

  // The kind filter leaves one group.
  const kinds = await page.getByTestId('due-group').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-kind')!));
  await page.getByTestId('due-kind').selectOption(kinds[0]!);
  await expect(page.getByTestId('due-group')).toHaveCount(1);
  await page.getByTestId('due-kind').selectOption('');
  await expect(page.getByTestId('due-group')).toHaveCount(kinds.length);

  // The first item with an action, reached and pressed from the keyboard.
  const action = page.getByTestId('due-action').first();
  await expect(action).toBeVisible();
  const row = page.getByTestId('due-item').filter({ has: action }).first();
  const key = (await row.getAttribute('data-key'))!;
  // Narrowed to the item's kind first (a street with a hundred follow-ups would take as many Tabs).
  const groupKind = (await row.locator('xpath=ancestor::*[@data-testid="due-group"]').getAttribute('data-kind'))!;
  await page.getByTestId('due-kind').selectOption(groupKind);
  await page.getByTestId('due-kind').focus();
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await action.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'the action button is reachable with Tab').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('due-message')).toContainText('已立案');
  const made = page.locator(`[data-testid="due-item"][data-key="${key}"]`);
  await expect(made.getByTestId('due-open-case')).toContainText(/已列入议程|待列入下次会议/);
  await expect(made.getByTestId('due-action')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/due-opened-1920.png` });
});

test('a temporary-assistance follow-up is recorded from 到期 and leaves the list', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, STAFF);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDue(page);
  const row = page.locator('[data-testid="due-item"][data-key^="temporary:"]').first();
  const key = await row.getAttribute('data-key');
  await row.getByTestId('due-follow-up').click();
  const dialog = page.getByTestId('follow-up-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '确认登记' }).click();
  // Nothing typed: refused at the field, and the dialog stays.
  await expect(dialog).toContainText('请写明回访情况');
  await dialog.getByTestId('follow-up-note').fill('家庭已渡过难关，暂无其他救助需求');
  await page.screenshot({ path: `${shots}/due-follow-up-1366.png` });
  await dialog.getByRole('button', { name: '确认登记' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator(`[data-testid="due-item"][data-key="${key}"]`)).toHaveCount(0);
});

test('the bureau picks a street of its district', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'bureau-chief');
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDue(page);
  const street = page.getByTestId('due-street');
  const options = await street.locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(1);
  await street.selectOption({ index: 1 });
  await expect(page.getByTestId('due-summary')).toContainText(options[1]!);
  // The bureau reads; it opens no case for a street.
  await expect(page.getByTestId('due-action')).toHaveCount(0);
});

test('a death recorded on the case record raises the household’s re-check on 到期', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, STAFF);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  // A household in assistance of two or more whose last decision was before 2026-08-20, so a death on
  // 2026-08-25 is followed by no decision yet: its re-check is due on 2026-11-25.
  const rows = await api<CaseRow[]>(page, 'cases.list', {});
  const byHead = new Map<string, CaseRow[]>();
  for (const r of rows) byHead.set(r.headName, [...(byHead.get(r.headName) ?? []), r]);
  const [head, cases] = [...byHead].find(([, rs]) => {
    const last = [...rs].sort((a, b) => ((a.decidedOn ?? a.appliedOn) < (b.decidedOn ?? b.appliedOn) ? 1 : -1))[0]!;
    return rs.length === 1 && last.status === 'approved' && ['re_review', 'new_application', 'increase'].includes(last.kind) && last.category === 'dibao' && last.householdSize >= 2 && (last.decidedOn ?? '9') < '2026-08-20';
  })!;
  await page.goto(`/#/cases/${cases[0]!.id}`);
  const member = page.getByTestId('member-row').nth(1);
  const name = (await member.locator('td').first().textContent())!.trim();
  await member.getByTestId('member-death').click();
  const dialog = page.getByTestId('death-dialog');
  await chooseDate(dialog.getByTestId('death-date'), '2026-08-25');
  await dialog.getByTestId('death-reason').fill('医院出具的死亡证明');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(member.getByTestId('member-died')).toContainText('2026年8月25日死亡');
  await expect(member.getByTestId('member-death')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/due-death-recorded.png` });

  await page.getByRole('button', { name: '到期', exact: true }).click();
  await page.getByTestId('due-kind').selectOption('death');
  const item = page.getByTestId('due-item').filter({ hasText: name });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(head);
  await expect(item).toContainText('2026年11月25日');
  await expect(item.getByTestId('due-action')).toHaveText('列入复核');
});
