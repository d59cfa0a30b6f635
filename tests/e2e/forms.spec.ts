// What a new user met on the forms (issue 14, items 4, 6, 7 and 9): refusals in Chinese, errors where the
// person looks, a confirmation before posting a notice, counters and a word when a paste was cut, a
// blocked button a keyboard reaches with its reason, the 纪要 tab showing the stored minutes file, and
// 同步 explaining itself with a way on for a demo copy.
import { expect, test, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScript } from './support/start';
import { chooseDate } from './support/dates';
import { login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';
import { keyFileFor, openWithKeyBeside } from '../../electron/backend/db/at-rest';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const LATIN = /[A-Za-z]/;

/** Both sizes the issue names; the page is left at 1366×768. */
async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${shots}/${name}-1920.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${shots}/${name}-1366.png` });
}

/** Pastes text into the focused box the way a person does (the clipboard, then Ctrl+V). */
async function paste(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}

test.use({ viewport: { width: 1366, height: 768 }, permissions: ['clipboard-read', 'clipboard-write'] });

test('a meeting’s forms: counters, a cut paste said, a blocked button with its reason, the 30-digit amount in Chinese', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st003-staff1');
  await page.goto('/');
  await page.getByRole('button', { name: '会议', exact: true }).click();
  await page.getByTestId('meeting-create').click();
  await expect(page.getByTestId('create-venue-count')).toHaveText(`${(await page.getByTestId('create-venue').inputValue()).length}/60`);
  await chooseDate(page.getByTestId('create-time'), '2026-11-20T09:30');
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('准备中');

  // Streets no other spec uses (st003 here, st004 below): a street may hold only one open November meeting.
  // ── A paste longer than the box: cut, and said so, beside the counter. ──
  await page.getByTestId('agenda-row').last().getByTestId('remove-item').click();
  await expect(page.getByTestId('remove-reason')).toBeFocused();
  await paste(page, '材'.repeat(230));
  await expect(page.getByTestId('remove-reason')).toHaveValue('材'.repeat(200));
  await expect(page.getByTestId('remove-reason-count')).toHaveText('200/200');
  await expect(page.getByTestId('remove-reason-cut')).toHaveText('粘贴的内容超过 200 字，后面的 30 字没有粘贴进来');
  await shoot(page, 'forms-paste-cut');
  await page.keyboard.press('Escape');

  // ── The observer boxes count too. ──
  await page.getByTestId('observer-name').fill('周晓梅');
  await expect(page.getByTestId('observer-name-count')).toHaveText('3/20');

  // ── 开始会议 and 结束会议 while they cannot act: reachable by Tab, described by their reason. ──
  await page.getByTestId('all-present').click();
  await page.getByTestId('open-meeting').click();
  await expect(page.getByTestId('session-screen')).toBeVisible();

  // ── The 30-digit amount: refused in the field's own words, no zod English, no field name. ──
  await page.keyboard.press('a');
  const dialog = page.getByTestId('decision-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('decision-amount').fill('9'.repeat(30));
  await page.getByTestId('decision-amount').press('Enter');
  const error = page.getByTestId('decision-error');
  await expect(error).toHaveText('金额过长：最多 20 位');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toBeInViewport();
  expect(await error.textContent()).not.toMatch(LATIN);
  await expect(page.getByTestId('decision-notes-count')).toHaveText(/^\d+\/500$/);
  await shoot(page, 'forms-decision-amount');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('session-screen')).toBeHidden();

  await page.getByTestId('tab-minutes').click();
  const close = page.getByTestId('close-meeting');
  await expect(close).toHaveAttribute('aria-disabled', 'true');
  await close.focus();
  await expect(close).toBeFocused();
  const describedBy = (await close.getAttribute('aria-describedby'))!;
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText('所有议题作出决定后才能结束会议。');
  await expect(page.locator(`[id="${describedBy}"]`)).toBeVisible();
  // Enter on it does nothing but keep the reason in view.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('close-dialog')).toHaveCount(0);
  await shoot(page, 'forms-blocked-close');
});

test('a notice is posted only after a confirmation, and the objection box says a long paste was cut', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st004-staff1');
  const held = await page.request.post('/__harness/hold-meeting', { data: { month: '2026-11' } });
  expect(held.ok(), await held.text()).toBe(true);
  const meetingId = ((await held.json()) as { meetingId: string }).meetingId;
  await page.goto('/');

  // ── The closed meeting's 纪要 tab shows the file written at closing, checked, and offers no new rendering. ──
  await page.getByRole('button', { name: '会议', exact: true }).click();
  await page.locator(`[data-testid="meeting-row"][data-month="2026-11"]`).click();
  await page.getByTestId('tab-minutes').click();
  await expect(page.getByTestId('minutes-state')).toHaveAttribute('data-state', 'matches');
  await expect(page.getByTestId('minutes-path')).toContainText(/minutes-430188004-2026-11\.pdf/);
  await expect(page.getByTestId('minutes-regenerate')).toHaveCount(0);
  await shoot(page, 'forms-minutes-stored');

  await page.getByRole('button', { name: '公示', exact: true }).click();
  const due = page.locator(`[data-testid="due-meeting"][data-meeting-id="${meetingId}"]`);
  await due.getByTestId('create-notices').click();
  const row = page.locator(`[data-testid="notice-meeting-group"][data-meeting-id="${meetingId}"]`).getByTestId('notice-row').first();
  await row.getByRole('button', { name: (await row.getAttribute('data-community'))! }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('草稿');

  // ── 张贴公示 asks first, saying where, how many and when; 取消 posts nothing. ──
  await page.getByTestId('batch-post').click();
  const confirm = page.getByTestId('post-dialog');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('post-summary')).toContainText(/张贴 \d+ 户的公示，公示期2026年11月20日/);
  await shoot(page, 'forms-post-confirm');
  await page.getByTestId('post-cancel').click();
  await expect(page.getByTestId('batch-status')).toHaveText('草稿');
  await page.getByTestId('batch-post').click();
  await page.getByTestId('post-confirm').click();
  await expect(page.getByTestId('batch-status')).toHaveText('公示中');

  // ── 结束公示 before the period is over: focusable, with its reason. ──
  const end = page.getByTestId('batch-end');
  await expect(end).toHaveAttribute('aria-disabled', 'true');
  await end.focus();
  await expect(end).toBeFocused();
  await expect(page.getByTestId('batch-end-reason')).toContainText('期满后才能结束公示');

  // ── The 500-character objection box: a 620-character paste is cut, and said so. ──
  await page.getByTestId('objection-content').focus();
  await paste(page, '反映'.repeat(310));
  await expect(page.getByTestId('objection-content')).toHaveValue('反映'.repeat(250));
  await expect(page.getByTestId('objection-content-count')).toHaveText('500/500');
  await expect(page.getByTestId('objection-content-cut')).toHaveText('粘贴的内容超过 500 字，后面的 120 字没有粘贴进来');
  await page.getByTestId('objection-content').press('End');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('objection-content-cut')).toHaveCount(0);
  await expect(page.getByTestId('objection-content-count')).toHaveText('499/500');
  await page.getByTestId('objection-content-count').scrollIntoViewIfNeeded();
  await shoot(page, 'forms-objection-counter');
});

test('the draw wizard says what is wrong beside 抽取并锁定样本, in view', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'bureau-chief');
  await page.goto('/');
  await page.getByRole('button', { name: '抽查', exact: true }).click();
  await page.getByTestId('spotcheck-new').click();
  await page.getByTestId('wizard-freeze').click();
  await expect(page.getByTestId('wizard-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await page.getByTestId('seed-digits').fill('73029');
  await page.getByTestId('wizard-draw').click();
  const error = page.getByTestId('wizard-error');
  await expect(error).toHaveCount(1);
  await expect(error).toContainText('至少 20 位数字（现在 5 位）');
  await expect(error).toBeInViewport();
  await expect(page.getByTestId('wizard-draw')).toBeInViewport();
  await shoot(page, 'forms-wizard-error');
});

test.describe('a demo copy on 同步', () => {
  // Its own harness and data folder: this test switches the database, which the shared harness must keep.
  const PORT = Number(process.env.HARNESS_PORT ?? 4517) + 117;
  let dir = '';
  let harness: ChildProcess | null = null;
  test.afterEach(() => {
    harness?.kill();
    harness = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('is told before any password that it cannot sign in, and goes on with a new data file, the old one untouched', async ({ page }) => {
    test.setTimeout(240_000);
    dir = mkdtempSync(join(tmpdir(), 'jrd-forms-sync-'));
    const demo = join(dir, 'jrd.sqlite');
    // The shared harness's demo district, copied: generating another would take minutes on a busy machine.
    copyFileSync('test-results/e2e/harness.sqlite', demo);
    if (existsSync('test-results/e2e/harness.sqlite-wal')) copyFileSync('test-results/e2e/harness.sqlite-wal', `${demo}-wal`);
    copyFileSync(keyFileFor('test-results/e2e/harness.sqlite'), keyFileFor(demo));
    harness = (await startScript(['tests/e2e/harness/server.ts', '--db', demo, '--port', String(PORT)], /harness listening/)).child;
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    const base = `http://127.0.0.1:${PORT}`;
    await page.goto(`${base}/`);
    const nav = page.getByRole('button', { name: '同步', exact: true });
    if (!(await page.getByTestId('sync-screen').isVisible())) await nav.click();

    await expect(page.getByTestId('sync-explain')).toContainText('区民政局运行的中心数据库服务器');
    await expect(page.getByTestId('sync-local-data')).toContainText('不是从中心同步来的数据');
    await expect(page.getByTestId('sync-database-file')).toHaveText(demo);
    await expect(page.getByTestId('sync-password')).toHaveCount(0);
    await shoot(page, 'forms-sync-demo');

    await page.getByTestId('sync-new-file').click();
    await expect(page.getByTestId('new-file-dialog')).toBeVisible();
    await page.getByTestId('new-file-confirm').click();
    // The page starts again on the new, empty file: 同步 with the sign-in form.
    await expect(page.getByTestId('sync-signin')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('sync-local-data')).toHaveCount(0);
    const info = (await (await page.request.post(`${base}/__api/app.info`, { data: {} })).json()) as { value: { databaseFile: string } };
    expect(info.value.databaseFile).toMatch(new RegExp(`^${dir}/jrd-\\d{8}-\\d{6}\\.sqlite$`));
    // The demo file was closed when the harness moved on; from here nothing writes to it.
    const before = sha(demo);
    // An empty sign-in says what is missing, in Chinese, not a browser bubble.
    await page.getByTestId('sync-signin-submit').click();
    await expect(page.getByTestId('sync-signin-missing')).toHaveText('请填写服务器地址、用户名、密码');
    await shoot(page, 'forms-sync-new-file');
    harness.kill();
    harness = null;
    await new Promise((r) => setTimeout(r, 500));
    expect(sha(demo)).toBe(before);
    const old = openWithKeyBeside(demo, { readonly: true });
    expect((old.prepare('SELECT count(*) AS n FROM regions').get() as { n: number }).n).toBeGreaterThan(70);
    old.close();
  });
});
