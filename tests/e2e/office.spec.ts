// 设置 and the office on every document (issue 14, item 1 and the 设置 part of item 9), in real Chromium
// against the demo district through the browser harness:
// - a street user's top bar and 设置 show their own street's office, from its region record, and say the
//   district bureau sets it; they get no way to change it, and the service refuses them too;
// - the section chief sees every street's office, changes 湘涛街道's in a dialog (a bad phone is refused in
//   Chinese inside it, focus returns to the 修改 button), and 湘涛街道's staff then see the new details;
// - the standards are the district's, read-only for a street user; name masking is this copy's own.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

async function openSettings(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
}

async function shoot(page: Page, name: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${shots}/${name}-${size.width}.png` });
  }
}

const XIANGTAO = '430188006';
const original = { name: '麓山区湘涛街道办事处', address: '麓山区湘涛路501号', phone: '0731-8896 1804' };

test('a street user sees their own street’s office on the top bar and in 设置, set by the bureau', async ({ page }) => {
  await login(page, 'st004-staff1');
  await openSettings(page);
  await expect(page.getByTestId('brand-office')).toHaveText('麓山区金盆街道办事处');
  const own = page.getByTestId('own-office');
  await expect(own.getByTestId('own-office-name')).toHaveText('麓山区金盆街道办事处');
  await expect(own).toContainText('麓山区金盆岭大道109号');
  await expect(own).toContainText('0731-8845 2268');
  await expect(own).toContainText('民政服务热线 12349政务服务便民热线 12345');
  await expect(own).toContainText('由区民政局统一设置');
  await expect(own).not.toContainText('望江');
  // No other street's details and no way to change them here…
  await expect(page.getByTestId('street-offices')).toHaveCount(0);
  await expect(page.getByTestId('street-office-edit')).toHaveCount(0);
  // …and the service refuses a forged call all the same, in Chinese.
  const forged = await page.request.post('/__api/regions.setOffice', { data: { streetCode: '430188004', office: { ...original, name: '金盆街道自己改的', hotlines: [] } } });
  expect(await forged.json()).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/由区民政局统一设置/) } });

  // Each standard says what it is, who changes it and whether it was changed on this copy.
  // The standards are the district's, set by the bureau chief; only name masking is this copy's own.
  const standards = page.getByTestId('standards-card');
  await expect(standards.getByTestId('standards-readonly')).toHaveText('由区民政局科长设定');
  await expect(standards.getByTestId('standard-new')).toHaveCount(0);
  await expect(standards.getByTestId('standard-row').filter({ hasText: '公示期' })).toContainText('7 天');
  const local = page.getByTestId('local-card');
  await expect(local.getByTestId('rule-changed')).toHaveText('本机未修改过');
  await shoot(page, 'settings-street');
});

test('the section chief changes a street’s office in 设置, and that street’s staff see it', async ({ page }) => {
  await login(page, 'bureau-chief');
  await openSettings(page);
  await expect(page.getByTestId('brand-office')).toHaveText('麓山区民政局');
  await expect(page.getByTestId('own-office-name')).toHaveText('麓山区民政局');
  const rows = page.getByTestId('street-office-row');
  await expect(rows).toHaveCount(7);
  const names = await page.getByTestId('street-office-name').allTextContents();
  expect(new Set(names).size).toBe(7);
  expect(names).toContain('麓山区莲湖镇人民政府');
  await shoot(page, 'settings-bureau');

  const row = page.locator(`[data-testid="street-office-row"][data-code="${XIANGTAO}"]`);
  await expect(row).toContainText(original.address);
  await expect(row.getByTestId('street-office-changed')).toHaveText('随区划数据下发，未修改过');
  const edit = row.getByTestId('street-office-edit');
  await edit.click();
  const dialog = page.getByTestId('office-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('office-name')).toBeFocused();
  await expect(page.getByTestId('office-name')).toHaveValue(original.name);

  // A phone that is not a phone number is refused by the service, in Chinese, inside the dialog.
  await page.getByTestId('office-phone').fill('请拨打主任手机');
  await page.getByTestId('office-save').click();
  await expect(page.getByTestId('office-error')).toHaveText('电话只能含数字、空格、括号、加号和连字符');
  await expect(dialog).toBeVisible();
  await shoot(page, 'settings-office-refused');

  await page.getByTestId('office-phone').fill('0731-8896 2000');
  // Edited, the refusal no longer stands.
  await expect(page.getByTestId('office-error')).toHaveCount(0);
  await page.getByTestId('office-address').fill('麓山区湘涛路503号湘涛街道政务服务中心一楼');
  await page.getByTestId('office-hotline-add').click();
  await page.getByTestId('office-hotline-label').nth(2).fill('湘涛街道社会救助热线');
  await page.getByTestId('office-hotline-number').nth(2).fill('073188962001');
  await shoot(page, 'settings-office-dialog');
  await page.getByTestId('office-save').click();
  await expect(dialog).toHaveCount(0);
  // Focus goes back to the button that opened the dialog.
  await expect(edit).toBeFocused();
  await expect(row).toContainText('麓山区湘涛路503号湘涛街道政务服务中心一楼');
  await expect(row).toContainText('湘涛街道社会救助热线 073188962001');
  const chief = (await page.locator('.session-name').textContent())!;
  await expect(row.getByTestId('street-office-changed')).toContainText(chief);

  // 湘涛街道's caseworker now sees the new details, and who changed them.
  await login(page, 'st006-staff1');
  await openSettings(page);
  const own = page.getByTestId('own-office');
  await expect(own).toContainText('0731-8896 2000');
  await expect(own).toContainText('湘涛街道社会救助热线 073188962001');
  await expect(own.getByTestId('own-office-changed')).toContainText(chief);
  await shoot(page, 'settings-street-changed');

  // Put 湘涛街道 back as the demo has it, for the specs that follow on the same database.
  await login(page, 'bureau-chief');
  const hotlines = [
    { label: '民政服务热线', number: '12349' },
    { label: '政务服务便民热线', number: '12345' },
  ];
  const restored = await page.request.post('/__api/regions.setOffice', { data: { streetCode: XIANGTAO, office: { ...original, hotlines } } });
  expect(await restored.json()).toMatchObject({ ok: true });
});
