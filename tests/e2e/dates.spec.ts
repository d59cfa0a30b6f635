// Dates nobody checked (issue 14, item 5) in real Chromium through the browser harness (its day is
// 2026-11-20): a November meeting timed in March 2027 refused at the field and by the service; a meeting
// scheduled for the 25th opened on the 20th only after a confirmation, the header and the minutes both
// saying the 20th; a second November meeting created only after its warning; a notice start in 2030 not
// offered and refused by the service; an inverted period said at the field (never 共 -1 天); one period
// for all of a meeting's batches; and the DateField still 年/月/日 in a browser set to en-US.
// (Correction deadlines are in spotchecks.spec.ts: a second draw here would change what that spec counts.)
// Streets 430188003 and 430188004 are used, which no other spec touches.
import { chromium, expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { CloseResult, MeetingDetail } from '../../shared/meeting';
import type { NoticeBatchSummary } from '../../shared/notice';
import { chooseDate, expectDate } from './support/dates';
import { login, apiAnswer as api } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

/** A call straight to the harness's handler table, as a script (or a forged screen) would make it. */

async function shoot(page: Page, name: string) {
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${shots}/${name}-${w}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const yearsOf = (page: Page, testId: string) => page.getByTestId(testId).locator('select[data-part="year"] option').allTextContents();

test('a meeting’s time stays in its month, opening on another day is confirmed and recorded, a second meeting warns', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st003-staff1');
  await page.goto('/');
  await page.getByRole('button', { name: '会议', exact: true }).click();
  await page.getByTestId('meeting-create').click();
  await expectDate(page.getByTestId('create-month'), '2026-11');
  await expectDate(page.getByTestId('create-time'), '2026-11-20T09:00');
  await expect(page.getByTestId('create-time-hint')).toContainText('2026年11月的会议应安排在2026年10月25日至2026年12月7日之间');

  // March 2027: said at the field, and refused by the service when submitted anyway.
  await chooseDate(page.getByTestId('create-time'), '2027-03-20T09:00');
  await expect(page.getByTestId('create-time-hint')).toContainText('2027年3月20日不在允许范围内');
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('create-error')).toContainText('2027年3月20日不在允许范围内');
  await shoot(page, 'dates-create-refused');

  // Scheduled for the 25th; opened today, the 20th, after a confirmation.
  await chooseDate(page.getByTestId('create-time'), '2026-11-25T09:30');
  await expect(page.getByTestId('create-error')).toHaveCount(0);
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('meeting-when')).toContainText('2026年11月25日 09:30');
  await expectDate(page.getByTestId('header-time'), '2026-11-25T09:30');
  await shoot(page, 'dates-prepare-header');
  await page.getByTestId('open-meeting').click();
  const confirm = page.getByTestId('open-other-day');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('这次会议原定 2026年11月25日 召开，今天是 2026年11月20日');
  await shoot(page, 'dates-open-other-day');
  await page.getByTestId('open-other-day-confirm').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('会中');
  const when = page.getByTestId('meeting-when');
  await expect(when).toContainText('2026年11月20日 10:00（原定2026年11月25日）');

  // Decide every item and close (through the service, as the session screen would), then read the minutes.
  const meetingId = await page.getByTestId('meeting-page').getAttribute('data-meeting-id').catch(() => null);
  const list = await api<{ id: string; status: string; month: string }[]>(page, 'meetings.list', {});
  expect(list.ok).toBe(true);
  const open = list.ok ? list.value.find((m) => m.status === 'in_session')! : null;
  const id = meetingId ?? open!.id;
  let m = await api<MeetingDetail>(page, 'meetings.markAllPresent', { meetingId: id });
  expect(m.ok).toBe(true);
  for (const item of m.ok ? m.value.items.filter((i) => !i.removed) : []) {
    m = await api<MeetingDetail>(page, 'meetings.recordDecision', { meetingId: id, itemId: item.id, outcome: 'defer', reason: '材料不全，暂缓', amountYuan: null, votesFor: m.ok ? m.value.quorum.presentVoting - item.recusals.length : 0, votesAgainst: 0, votesAbstain: 0, notes: '' });
    expect(m.ok, JSON.stringify(m)).toBe(true);
  }
  const closed = await api<CloseResult>(page, 'meetings.close', { meetingId: id });
  expect(closed.ok, JSON.stringify(closed)).toBe(true);
  const minutes = execFileSync('pdftotext', ['-enc', 'UTF-8', closed.ok ? closed.value.minutes.path : '', '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(minutes).toContain('2026年11月20日');
  expect(minutes).not.toContain('2026年11月25日');
  await page.reload();
  await page.getByRole('button', { name: '会议', exact: true }).click();
  const row = page.locator('[data-testid="meeting-row"][data-month="2026-11"]');
  await expect(row).toContainText('2026年11月20日');
  await expect(row).toContainText('原定2026年11月25日');

  // A second November meeting: the service warns first; created once confirmed.
  await page.getByTestId('meeting-create').click();
  await chooseDate(page.getByTestId('create-time'), '2026-11-27T09:00');
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('create-confirm')).toContainText('2026年11月已经有会议：第');
  await expect(page.getByTestId('create-confirm')).toContainText('（2026年11月20日）');
  await expect(page.locator('[data-testid="meeting-row"][data-month="2026-11"]')).toHaveCount(1);
  await shoot(page, 'dates-second-meeting');
  await page.getByTestId('create-confirm-button').click();
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('meeting-status')).toHaveText('准备中');
});

test('a notice starts within its window, never shows a negative period, and one period applies to all of a meeting’s batches', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st004-staff1');
  const held = await page.request.post('/__harness/hold-meeting', { data: { month: '2026-11' } });
  expect(held.ok(), await held.text()).toBe(true);
  const meetingId = ((await held.json()) as { meetingId: string }).meetingId;
  await page.goto('/');
  await page.getByRole('button', { name: '公示', exact: true }).click();
  const due = page.locator(`[data-testid="due-meeting"][data-meeting-id="${meetingId}"]`);
  await expect(due.getByTestId('due-start-hint')).toContainText('会议结束后 15 天内开始');

  // 2030 is not offered, and the service refuses it from a script.
  expect(await yearsOf(page, 'due-start')).toEqual(['2026']);
  const forged = await api(page, 'notices.createFromMeeting', { meetingId, startDate: '2030-11-20' });
  expect(forged).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/15 天内开始，最晚2026年12月5日/) } });
  await chooseDate(due.getByTestId('due-start'), '2026-12-10');
  await expect(due.getByTestId('due-start-hint')).toContainText('应在2026年11月20日至2026年12月5日之间');
  await due.getByTestId('create-notices').click();
  await expect(due.getByTestId('create-error')).toContainText('最晚2026年12月5日');
  await shoot(page, 'dates-notice-due');
  await chooseDate(due.getByTestId('due-start'), '2026-11-23');
  await due.getByTestId('create-notices').click();
  await expect(page.getByTestId('notices-created')).toBeVisible();

  const group = page.locator(`[data-testid="notice-meeting-group"][data-meeting-id="${meetingId}"]`);
  const rows = group.getByTestId('notice-row');
  await expect(rows.first()).toBeVisible();
  const batches = await rows.count();
  expect(batches).toBeGreaterThan(1);
  const community = (await rows.first().getAttribute('data-community'))!;
  await rows.first().getByRole('button', { name: community }).click();
  await expect(page.getByTestId('batch-page')).toHaveAttribute('data-status', 'draft');
  await expectDate(page.getByTestId('batch-period-end'), '2026-11-29');

  // End before start: said at the field, never "共 -1 天", nothing to save.
  await chooseDate(page.getByTestId('batch-period-end'), '2026-11-22');
  await expect(page.getByTestId('batch-period-days')).toHaveText('—');
  await expect(page.getByTestId('batch-period')).not.toContainText('-1');
  await expect(page.getByTestId('batch-period-problem')).toContainText('公示结束日期（2026年11月22日）早于开始日期（2026年11月23日）');
  await expect(page.getByTestId('batch-period-end')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('batch-save-period')).toBeDisabled();
  await shoot(page, 'dates-period-inverted');

  // One period for this batch and every other draft of the meeting.
  await chooseDate(page.getByTestId('batch-period-start'), '2026-11-24');
  await chooseDate(page.getByTestId('batch-period-end'), '2026-11-30');
  await expect(page.getByTestId('batch-period-problem')).toHaveCount(0);
  await expect(page.getByTestId('batch-period-all')).toContainText(`其余 ${batches - 1} 批`);
  await page.getByTestId('batch-period-all').locator('input').check();
  await shoot(page, 'dates-period-all');
  await page.getByTestId('batch-save-period').click();
  await expect(page.getByTestId('batch-save-period')).toBeDisabled();
  await expectDate(page.getByTestId('batch-period-start'), '2026-11-24');
  const all = await api<{ batches: NoticeBatchSummary[] }>(page, 'notices.list', { meetingId });
  const mine = all.ok ? all.value.batches : [];
  expect(mine).toHaveLength(batches);
  expect(mine.every((b) => b.startDate === '2026-11-24' && b.endDate === '2026-11-30')).toBe(true);
});

// Launched here rather than with test.use: a describe cannot change launch options without its own worker.
test('in a browser set to English, dates are still chosen and shown as 年/月/日', async ({ baseURL }) => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The configuration's flags without --lang=zh-CN.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'America/New_York', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await login(page, 'st005-staff1');
    await page.goto('/');
    await page.getByRole('button', { name: '会议', exact: true }).click();
    await page.getByTestId('meeting-create').click();
    const time = page.getByTestId('create-time');
    // China's day, not New York's, and written the Chinese way.
    await expectDate(time, '2026-11-20T09:00');
    const shown = await time.evaluate((el) => Array.from(el.querySelectorAll('.date-part')).map((p) => `${p.querySelector('select')!.selectedOptions[0]!.textContent}${p.querySelector('span')!.textContent}`).join(''));
    expect(shown).toBe('2026年11月20日09时00分');
    await expect(page.getByTestId('create-month')).toContainText('年');
    await expect(page.locator('input[type="date"], input[type="month"], input[type="time"], input[type="datetime-local"]')).toHaveCount(0);
    await expect(time.getByRole('combobox', { name: '会议时间：月份' })).toBeVisible();
    // Keyboard: an arrow on the focused day part moves the day.
    await time.getByRole('combobox', { name: '会议时间：日' }).focus();
    await page.keyboard.press('ArrowDown');
    await expectDate(time, '2026-11-21T09:00');
    await shoot(page, 'dates-en-us');
  } finally {
    await browser.close();
  }
});
