// The desktop app's file buttons (打开 / 另存为… / 打印) under a generated PDF. The browser harness has no
// desktop shell, so this spec puts a recording stand-in for window.desktop in the page before the app
// loads: it checks that the page asks main for exactly the file it wrote, and shows main's answers.
import { expect, test } from '@playwright/test';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

test('a written PDF can be opened, saved elsewhere and printed through the desktop shell', async ({ page }) => {
  await page.addInitScript(() => {
    const calls: [string, unknown][] = [];
    (window as unknown as { desktopCalls: typeof calls }).desktopCalls = calls;
    const answer = (name: string, value: unknown) => (args: unknown) => (calls.push([name, args]), Promise.resolve({ ok: true, value }));
    (window as unknown as { desktop: unknown }).desktop = {
      'desktop.openFile': answer('desktop.openFile', {}),
      'desktop.saveFileAs': answer('desktop.saveFileAs', { savedTo: '/home/staff/文档/个案清单.pdf' }),
      'desktop.printFile': answer('desktop.printFile', {}),
      'desktop.showFolder': answer('desktop.showFolder', {}),
    };
  });
  const res = await page.request.post('/__harness/login', { data: { username: 'st001-staff1' } });
  expect(res.ok()).toBe(true);
  await page.goto('/');
  const community = await page.getByTestId('filter-community').locator('option').nth(1).getAttribute('value');
  await page.getByTestId('filter-community').selectOption(community!);
  await page.getByTestId('print-community').click();
  const result = page.getByTestId('print-result');
  await expect(result).toContainText(`cases-${community}.pdf`, { timeout: 30_000 });
  const path = /保存在 (\S+\.pdf)/.exec((await result.textContent())!)![1]!;

  await result.getByTestId('file-open').click();
  await result.getByTestId('file-save-as').click();
  await expect(result.getByTestId('file-action-note')).toHaveText('已另存到 /home/staff/文档/个案清单.pdf');
  await result.screenshot({ path: 'test-results/screenshots/desktop-file-actions.png' });
  await result.getByTestId('file-print').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { desktopCalls: unknown[] }).desktopCalls.length)).toBe(3);
  const calls = await page.evaluate(() => (window as unknown as { desktopCalls: [string, unknown][] }).desktopCalls);
  expect(calls).toEqual([
    ['desktop.openFile', { file: path }],
    ['desktop.saveFileAs', { file: path }],
    ['desktop.printFile', { file: path }],
  ]);
});

test('without the desktop shell there are no file buttons', async ({ page }) => {
  await page.request.post('/__harness/login', { data: { username: 'st001-staff1' } });
  await page.goto('/');
  const community = await page.getByTestId('filter-community').locator('option').nth(1).getAttribute('value');
  await page.getByTestId('filter-community').selectOption(community!);
  await page.getByTestId('print-community').click();
  await expect(page.getByTestId('print-result')).toContainText('.pdf', { timeout: 30_000 });
  await expect(page.getByTestId('file-actions')).toHaveCount(0);
});
