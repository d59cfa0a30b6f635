// 设置's dated standards (issue 17 item 5) in real Chromium against the demo district: the section chief
// sees the district's initial record, sets a new one from July (the open record before it is closed the
// day before, said so), has a start in the past and an overlap refused in Chinese at the date field; a
// street user then sees both records with their dates, read-only, set by the bureau.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expectAccessible } from './support/axe';
import { chooseDate } from './support/dates';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

async function openSettings(page: Page) {
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await page.goto('/');
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible();
}

async function shoot(page: Page, name: string, scrollTo = 'standards-card') {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.getByTestId(scrollTo).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/${name}-${size.width}.png` });
  }
}

test.describe.configure({ mode: 'serial' });

test('the section chief sets a standard from July; the past and an overlap are refused at the date', async ({ page }) => {
  await login(page, 'bureau-chief');
  await openSettings(page);
  const card = page.getByTestId('standards-card');
  await expect(card.getByTestId('standard-column')).toHaveCount(1);
  await expect(card.getByTestId('standard-column')).toContainText('初始标准');
  await expect(card.getByTestId('standard-state')).toHaveText('现行');
  await expect(card.getByTestId('standard-row').filter({ hasText: '城市低保标准' })).toContainText('800.00 元/人·月');
  await expect(card.getByTestId('standard-row').filter({ hasText: '办理时限' }).first()).toContainText('20 个工作日');
  await shoot(page, 'standards-chief-initial');

  await card.getByTestId('standard-new').click();
  const dialog = page.getByTestId('standard-dialog');
  await expect(dialog.getByTestId('standard-dibaoStandardUrbanFen')).toHaveValue('800.00');
  await expect(dialog.getByTestId('standard-from')).toHaveAttribute('data-value', '2026-11-20');
  await expect(dialog.getByTestId('standard-open')).toBeChecked();
  // A start before today would change amounts already decided.
  await chooseDate(dialog.getByTestId('standard-from'), '2026-11-19');
  await dialog.getByTestId('standard-save').click();
  await expect(dialog.getByTestId('standard-from')).toContainText('不能早于今天');
  await chooseDate(dialog.getByTestId('standard-from'), '2027-07-01');
  await dialog.getByTestId('standard-dibaoStandardUrbanFen').fill('850');
  await dialog.getByTestId('standard-note').fill('麓民发〔2026〕30号');
  await dialog.getByTestId('standard-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByTestId('standard-closed')).toContainText('执行至2027年6月30日');
  await expect(card.getByTestId('standard-column')).toHaveCount(2);
  await expect(card.getByTestId('standard-state')).toHaveText(['将于2027年7月1日起执行', '现行']);
  await expect(card.getByTestId('standard-row').filter({ hasText: '城市低保标准' })).toContainText('850.00 元/人·月');
  await shoot(page, 'standards-chief-set');

  // The same start again: refused in Chinese at the date field, nothing written.
  await card.getByTestId('standard-new').click();
  await chooseDate(dialog.getByTestId('standard-from'), '2027-07-01');
  await dialog.getByTestId('standard-save').click();
  await expect(dialog.getByTestId('standard-from')).toContainText('与 2027年7月1日起执行的标准重叠');
  await expect(dialog.getByTestId('standard-error')).toHaveText('与 2027年7月1日起执行的标准重叠');
  await shoot(page, 'standards-chief-overlap', 'standard-dialog');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  expect((await api<{ records: unknown[] }>(page, 'standards.list', {})).records).toHaveLength(2);
});

test('a street user sees the district’s standards with their dates, read-only', async ({ page }) => {
  await login(page, 'st001-staff1');
  await openSettings(page);
  const card = page.getByTestId('standards-card');
  await expect(card.getByTestId('standards-readonly')).toHaveText('由区民政局科长设定');
  await expect(card.getByTestId('standard-new')).toHaveCount(0);
  await expect(card.getByTestId('standard-column')).toHaveCount(2);
  await expect(card.getByTestId('standard-column').first()).toContainText('麓民发〔2026〕30号');
  await expect(card.getByTestId('standard-column').nth(1)).toContainText('至2027年6月30日');
  await expect(page.getByTestId('local-card').getByTestId('name-masking')).toBeVisible();
  // The service refuses a forged call all the same, in Chinese.
  const { records } = await api<{ records: { values: unknown }[] }>(page, 'standards.list', {});
  const forged = await page.request.post('/__api/standards.set', { data: { districtCode: '430188', effectiveFrom: '2028-01-01', effectiveTo: null, values: records[0]!.values, basisNote: '' } });
  expect(await forged.json()).toMatchObject({ ok: false, error: { code: 'forbidden', message: '保障标准由区民政局科长设定' } });
  await shoot(page, 'standards-street');
  await expectAccessible(page);
});
