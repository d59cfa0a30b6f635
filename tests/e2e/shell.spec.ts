// The shell a keyboard user and a reload meet: the session screen is a true modal layer (Tab never
// leaves it, the app behind is inert), every dialog gives focus back to the control that opened it,
// attendance keeps focus on its row, and a reload returns to the same place — mid-session on the same
// item, mid-notice on the same batch, mid-ceremony with the same frozen frame and the typed digits.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { login, api } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);
const focusInside = (page: Page, testId: string) =>
  page.evaluate((id) => {
    const a = document.activeElement;
    return a !== null && a !== document.body && (a.closest(`[data-testid="${id}"]`) !== null || a.closest('dialog') !== null);
  }, testId);

test('the session is modal, dialogs and attendance keep focus, and a reload mid-session returns to the same item', async ({ page }) => {
  test.setTimeout(240_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st002-staff1');
  const roster = await api<{ id: string }[]>(page, 'meetings.roster', {});
  const meeting = await api<{ id: string }>(page, 'meetings.create', {
    month: '2026-11',
    venue: '街道办事处二楼会议室',
    scheduledAt: '2026-11-20T14:30',
    chairMemberId: roster[0]!.id,
    recorderMemberId: roster[1]!.id,
  });
  await page.goto(`/#/meetings/${meeting.id}`);
  await expect(page.getByTestId('prepare-tab')).toBeVisible();

  // ── 移出: Esc gives focus back to the row's button; a removal gives it to the row that took its place. ──
  const rows = page.getByTestId('agenda-row');
  const before = await rows.count();
  const firstRemove = rows.nth(0).getByTestId('remove-item');
  await firstRemove.click();
  await expect(page.getByTestId('remove-reason')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('remove-dialog')).toHaveCount(0);
  await expect(firstRemove).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('remove-reason')).toBeFocused();
  await page.keyboard.type('材料不全，退回社区补充调查');
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(before - 1);
  await expect.poll(() => focusedTestId(page)).toBe('remove-item');

  // ── Attendance: the pressed button keeps focus while the command runs and after. ──
  await page.getByTestId('all-present').click();
  await expect(page.getByTestId('roster-quorum')).toContainText('已达到法定人数');
  await expect(page.getByTestId('all-present')).toBeFocused();
  const members = page.getByTestId('attendance-row');
  await members.nth(0).getByTestId('att-absent').click();
  await expect(members.nth(0)).toHaveAttribute('data-attendance', 'absent');
  await expect(members.nth(0).getByTestId('att-absent')).toBeFocused();
  // Keyboard alone: Shift+Tab to 出席 and Space.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(members.nth(0).getByTestId('att-present')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(members.nth(0)).toHaveAttribute('data-attendance', 'present');
  await expect(members.nth(0).getByTestId('att-present')).toBeFocused();
  // 请假 through its dialog, cancelled then confirmed: focus returns to the row's 请假 both times.
  const leave = members.nth(1).getByTestId('att-leave');
  await leave.click();
  await expect(page.getByTestId('leave-reason')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(leave).toBeFocused();
  await leave.click();
  await page.keyboard.type('参加区民政局业务培训');
  await page.keyboard.press('Enter');
  await expect(members.nth(1)).toHaveAttribute('data-attendance', 'leave');
  await expect(leave).toBeFocused();
  await members.nth(1).getByTestId('att-present').click();
  await expect(members.nth(1)).toHaveAttribute('data-attendance', 'present');

  // ── 会中: a modal layer over an inert app. ──
  await page.getByTestId('open-meeting').click();
  const session = page.getByTestId('session-screen');
  await expect(session).toBeVisible();
  await expect(page.locator('#root')).toHaveAttribute('inert', '');
  for (let t = 0; t < 30; t++) {
    await page.keyboard.press('Tab');
    expect(await focusInside(page, 'session-screen'), `Tab ${t + 1} stays in the session`).toBe(true);
  }
  for (let t = 0; t < 10; t++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusInside(page, 'session-screen'), `Shift+Tab ${t + 1} stays in the session`).toBe(true);
  }
  // Nothing behind it can be clicked or focused: the sidebar and ← 会议列表 are inert.
  expect(await page.getByTestId('meeting-back').evaluate((b) => (b as HTMLElement).closest('[inert]') !== null)).toBe(true);
  for (const [w, h] of [[1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${shots}/shell-session-modal-${w}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // The decision dialog: Esc and a confirmed decision both leave focus in the session, never on <body>.
  await session.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('session-position')).toContainText('第 3 /');
  await page.keyboard.press('d');
  await expect(page.getByTestId('decision-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('decision-dialog')).toHaveCount(0);
  await expect.poll(() => focusInside(page, 'session-screen')).toBe(true);
  await page.keyboard.press('d');
  await page.keyboard.type('待补充家庭经济状况核对报告');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('decision-dialog')).toHaveCount(0);
  await expect(page.getByTestId('session-position')).toContainText('第 4 /');
  await expect.poll(() => focusInside(page, 'session-screen')).toBe(true);
  // The recusal dialog likewise.
  await page.keyboard.press('h');
  await expect(page.getByTestId('recusal-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('recusal-dialog')).toHaveCount(0);
  await expect.poll(() => focusInside(page, 'session-screen')).toBe(true);

  // ── A reload mid-session comes back to the session on the same item. ──
  expect(page.url()).toMatch(new RegExp(`#/meetings/${meeting.id}/session/[0-9a-f-]+$`));
  await page.reload();
  await expect(session).toBeVisible();
  await expect(page.getByTestId('session-position')).toContainText('第 4 /');
  await expect(page.locator('#root')).toHaveAttribute('inert', '');

  // Esc leaves the layer: the app is live again and focus is on the page, not lost.
  await page.keyboard.press('Escape');
  await expect(session).toHaveCount(0);
  await expect(page.locator('#root')).not.toHaveAttribute('inert', '');
  await expect(page.getByTestId('prepare-tab')).toBeVisible();
  // The browser's Back returns to the list the meeting was opened from.
  await page.goto('/#/meetings');
  await expect(page.getByTestId('meeting-list')).toBeVisible({ timeout: 20_000 });
  await page.goBack();
  await expect(page.getByTestId('meeting-page')).toBeVisible();
});

test('a reload mid-notice returns to the same batch', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st003-staff1');
  const held = await page.request.post('/__harness/hold-meeting', { data: { month: '2026-11' } });
  const { meetingId } = (await held.json()) as { meetingId: string };
  const batches = await api<{ id: string; communityName: string }[]>(page, 'notices.createFromMeeting', { meetingId, startDate: '2026-11-21' });
  expect(batches.length).toBeGreaterThan(0);
  await page.goto('/');
  await page.getByRole('button', { name: '公示', exact: true }).click();
  const row = page.locator(`[data-testid="notice-row"][data-batch-id="${batches[0]!.id}"]`);
  await row.click();
  await expect(page.getByTestId('batch-page')).toBeVisible();
  const title = (await page.getByTestId('batch-title').textContent())!;
  expect(page.url()).toContain(`#/notices/batch/${batches[0]!.id}`);
  await page.reload();
  await expect(page.getByTestId('batch-page')).toBeVisible();
  await expect(page.getByTestId('batch-title')).toHaveText(title);
  await expect(page.getByRole('button', { name: '公示', exact: true })).toHaveAttribute('aria-current', 'page');
  // 长期公示 is a place of its own too.
  await page.goto('/#/notices/standing');
  await page.reload();
  await expect(page.getByTestId('notices-tab-standing')).toHaveAttribute('aria-selected', 'true');
});

test('a reload mid-ceremony keeps the frozen frame and the digits typed so far', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'bureau-chief');
  await page.goto('/#/spot-checks/new');
  await expect(page.getByTestId('draw-wizard')).toBeVisible();
  await page.getByTestId('wizard-freeze').click();
  const hash = (await page.getByTestId('wizard-hash').textContent())!.trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await page.getByTestId('seed-digits').fill('31415926');
  await page.reload();
  await expect(page.getByTestId('wizard-frame')).toBeVisible();
  await expect(page.getByTestId('wizard-hash')).toHaveText(hash);
  await expect(page.getByTestId('seed-digits')).toHaveValue('31415926');
  await expect(page.getByTestId('wizard-month')).toBeDisabled();
  // The projector view is a modal layer too, and Esc gives focus back to 投影展示.
  await page.getByTestId('wizard-present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expect(page.locator('#root')).toHaveAttribute('inert', '');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('wizard-present')).toBeFocused();
  // Leaving the ceremony forgets it: a new one starts from the range again.
  await page.getByTestId('wizard-cancel').click();
  await expect(page.getByTestId('draw-wizard')).toHaveCount(0);
  await page.goto('/#/spot-checks/new');
  await expect(page.getByTestId('wizard-freeze')).toBeVisible();
  await expect(page.getByTestId('wizard-frame')).toHaveCount(0);
});
