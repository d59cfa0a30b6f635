// 花名册 in real Chromium against the generated district on the harness's 2026-11-20: the bureau chief
// sees the overdue reminder for November (due by the 5th), the district's roster with its totals by
// category reconciled with October and the change list, a street's roster, the PDF (no ID number, read
// back with poppler) and the Excel for finance, marks November sent (the reminder stops), and is refused
// December's roster before November has ended. A street caseworker sees only the street's roster.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chooseDate, expectDate } from './support/dates';
import { expectAccessible } from './support/axe';
import { login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const CITIZEN_ID = /(?<!\d)\d{17}[\dXx](?!\d)/;

async function openRoster(page: Page) {
  await page.goto('/#/roster');
  await expect(page.getByRole('heading', { name: '花名册', level: 1 })).toBeVisible();
}

test('the bureau reads, prints, exports and marks the month’s roster sent', async ({ page }) => {
  test.setTimeout(240_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'bureau-chief');
  await page.setViewportSize({ width: 1366, height: 768 });
  await openRoster(page);

  const reminder = page.getByTestId('roster-reminder');
  await expect(reminder).toHaveText('11月花名册尚未报送财政，应于11月5日前报送，已逾期');
  await expect(reminder).toHaveClass(/error/);
  await expectDate(page.getByTestId('roster-month'), '2026-11');
  await expect(page.getByTestId('roster-heading')).toHaveText('麓山区2026年11月城乡低保、特困人员资金发放花名册');
  const households = Number(await page.getByTestId('roster-households').textContent());
  expect(households).toBeGreaterThan(1000);
  // 合计 row: last month + added − stopped = this month, as the screen shows it.
  await expect(page.getByTestId('roster-cat-dibao')).toBeVisible();
  await expect(page.getByTestId('roster-cat-tekun')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/roster-1366.png`, fullPage: false });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${shots}/roster-1920.png`, fullPage: false });

  // One street's roster.
  await page.getByTestId('roster-scope').selectOption({ label: '望江街道' });
  await expect(page.getByTestId('roster-heading')).toHaveText('望江街道2026年11月城乡低保、特困人员资金发放花名册');
  await expect(page.getByTestId('roster-mark-sent')).toHaveCount(0);
  const streetHouseholds = Number(await page.getByTestId('roster-households').textContent());
  expect(streetHouseholds).toBeGreaterThan(0);
  expect(streetHouseholds).toBeLessThan(households);

  await page.getByTestId('roster-pdf').click();
  const path = (await page.getByTestId('roster-pdf-path').textContent({ timeout: 120_000 }))!;
  expect(path).toMatch(/roster-430188001-2026-11\.pdf$/);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  expect(text).toContain('望江街道2026年11月城乡低保、特困人员资金发放花名册');
  expect(text).not.toMatch(CITIZEN_ID);
  await page.getByTestId('roster-xlsx').click();
  await expect(page.getByTestId('roster-xlsx-result')).toContainText(`（${streetHouseholds.toLocaleString('zh-CN')} 行）`);
  await page.screenshot({ path: `${shots}/roster-street-files.png`, fullPage: true });

  // Back to the district: mark November sent; the reminder gives way to the record of it.
  await page.getByTestId('roster-scope').selectOption({ index: 0 });
  await page.getByTestId('roster-mark-sent').click();
  await expect(page.getByTestId('roster-sent')).toContainText('2026年11月花名册已于2026年11月20日由');
  await expect(page.getByTestId('roster-reminder')).toHaveCount(0);
  await expect(page.getByTestId('roster-mark-sent')).toBeDisabled();

  // December's roster before November has ended: refused with the reason.
  await chooseDate(page.getByTestId('roster-month'), '2026-12');
  await expect(page.getByRole('alert')).toContainText('2026年12月的花名册要等2026年11月结束后');
  await page.screenshot({ path: `${shots}/roster-too-early.png` });
});

test('a street caseworker sees the street’s roster only, without the reminder or the send button', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st001-staff1');
  await page.setViewportSize({ width: 1366, height: 768 });
  await openRoster(page);
  await expect(page.getByTestId('roster-heading')).toHaveText('望江街道2026年11月城乡低保、特困人员资金发放花名册');
  await expect(page.getByTestId('roster-scope')).toHaveCount(0);
  await expect(page.getByTestId('roster-reminder')).toHaveCount(0);
  await expect(page.getByTestId('roster-mark-sent')).toHaveCount(0);
  await expectAccessible(page);
  const refused = await page.request.post('/__api/roster.view', { data: { month: '2026-11', scope: '430188' } });
  const body = (await refused.json()) as { ok: boolean; error?: { message: string } };
  expect(body.ok).toBe(false);
  expect(body.error?.message).toMatch(/不在您的管辖范围内/);
});
