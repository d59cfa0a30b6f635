// The district bureau's spot check in real Chromium against a real database, through the browser
// harness: the ceremony (frame and hash first, the projector view, twenty dice typed in), the locked
// sample, findings and a correction, progress, the published files and the report PDF read back with
// poppler; then a second draw refused and a redraw with a written reason.
import { expect, test } from '@playwright/test';
import { chooseDate } from './support/dates';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const DICE = '27182818284590452353';

const flat = (path: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

test('the district bureau draws a verifiable sample, records findings and prints the report', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'bureau-chief');
  await page.goto('/');
  await page.getByRole('button', { name: '抽查', exact: true }).click();
  await expect(page.getByTestId('spotchecks-screen')).toBeVisible();
  await expect(page.getByTestId('brand-office')).toHaveText('麓山区民政局');

  // ── ① the range: last month, every street, 30 %. ──
  await page.getByTestId('spotcheck-new').click();
  await expect(page.getByTestId('wizard-month')).toHaveValue('2026-10');
  await expect(page.getByTestId('wizard-street')).toHaveCount(7);
  await page.getByTestId('wizard-rate').fill('25');
  await page.getByTestId('wizard-freeze').click();
  await expect(page.getByTestId('wizard-error')).toContainText('30');
  await page.getByTestId('wizard-rate').fill('30');

  // ── ② freeze: the strata and the hash, before any seed exists. ──
  await page.getByTestId('wizard-freeze').click();
  const hash = (await page.getByTestId('wizard-hash').textContent())!.trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('frame-row')).toHaveCount(7);
  const populations = await page.getByTestId('frame-approved-population').allTextContents();
  const sizes = await page.getByTestId('frame-approved-size').allTextContents();
  populations.forEach((p, i) => expect(Number(sizes[i])).toBe(Math.ceil((Number(p) * 30) / 100)));
  await expect(page.getByTestId('wizard-month')).toBeDisabled();
  await page.screenshot({ path: `${shots}/spotcheck-frame.png`, fullPage: true });

  // ── ③ the projector: the hash in large type, the dice typed in one by one. ──
  await page.getByTestId('wizard-present').click();
  const presentation = page.getByTestId('presentation');
  await expect(presentation).toBeVisible();
  await expect(page.getByTestId('presentation-hash')).toHaveText(hash.match(/.{8}/g)!.join(''));
  await expect(page.getByTestId('presentation-seed')).toContainText('待掷骰');
  await page.keyboard.type(DICE.slice(0, 12));
  await expect(page.getByTestId('presentation-seed')).toHaveText(DICE.slice(0, 12));
  await page.keyboard.type(DICE.slice(12));
  await expect(page.getByTestId('presentation-seed')).toHaveText(DICE);
  await page.screenshot({ path: `${shots}/spotcheck-presentation.png` });
  await page.keyboard.press('Escape');
  await expect(presentation).toHaveCount(0);
  await expect(page.getByTestId('seed-digits')).toHaveValue(DICE);

  // ── ④ draw: the sample is locked, with the seed and the hash the witnesses saw. ──
  await page.getByTestId('wizard-draw').click();
  await expect(page.getByTestId('draw-page')).toHaveAttribute('data-status', 'locked');
  await expect(page.getByTestId('draw-hash')).toHaveText(hash);
  await expect(page.getByTestId('draw-seed')).toContainText(DICE);
  const rows = page.getByTestId('sample-row');
  // The table keeps only the rows in view in the DOM; the count line says how many the draw holds.
  const sampled = Number((await page.getByTestId('sample-count').textContent())!.match(/\/ (\d+) 件/)![1]);
  expect(sampled).toBeGreaterThan(100);
  expect(await rows.count()).toBeLessThan(sampled);

  // Pairs of inspectors, street by street; then findings on three cases of 望江街道.
  await page.getByTestId('draw-auto-assign').click();
  await expect(rows.first()).not.toContainText('未分配');
  await page.getByTestId('sample-filter-street').selectOption('430188001');
  await expect(page.getByTestId('sample-count')).not.toContainText(`显示 ${sampled} /`);
  const wj = page.locator('[data-testid="sample-row"]');
  const caseNos = await wj.evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('data-case-no')!));

  const record = async (caseNo: string, finding: string, notes: string, method: 'home_visit' | 'data_check' | 'phone') => {
    await page.locator(`[data-testid="sample-row"][data-case-no="${caseNo}"]`).getByTestId('item-record').click();
    const dialog = page.getByTestId('finding-dialog');
    await dialog.getByTestId(`finding-method-${method}`).check({ force: true });
    await dialog.getByTestId('finding-select').selectOption(finding);
    await dialog.getByTestId('finding-notes').fill(notes);
    await dialog.getByTestId('finding-submit').click();
  };
  await record(caseNos[0]!, 'compliant', '', 'home_visit');
  await expect(page.locator(`[data-testid="sample-row"][data-case-no="${caseNos[0]}"]`).getByTestId('item-finding')).toHaveText('符合');
  // A problem without notes is refused in the dialog, in words.
  await record(caseNos[1]!, 'wrongly_included', '', 'home_visit');
  await expect(page.getByTestId('finding-error')).toContainText('写明核查情况');
  await page.getByTestId('finding-notes').fill('入户核实：户主之子在外务工，月收入约 4,800 元未申报');
  await page.getByTestId('finding-submit').click();
  await expect(page.locator(`[data-testid="sample-row"][data-case-no="${caseNos[1]}"]`).getByTestId('item-finding')).toHaveText('错保');
  await record(caseNos[2]!, 'wrong_amount', '家庭人口已减为 2 人，金额未调整', 'data_check');
  await expect(page.locator(`[data-testid="sample-row"][data-case-no="${caseNos[2]}"]`).getByTestId('item-finding')).toHaveText('金额不准');
  await page.getByTestId('sample-filter-progress').selectOption('problem');
  await expect(wj).toHaveCount(2);
  await page.screenshot({ path: `${shots}/spotcheck-sample.png`, fullPage: true });

  // ── a correction ordered to the street office for the 错保 case. ──
  await page.getByTestId('draw-tab-corrections').click();
  const correction = page.locator(`[data-testid="correction-row"][data-case-no="${caseNos[1]}"]`);
  await correction.getByTestId('correction-order').click();
  await page.getByTestId('correction-text').fill('重新核算家庭收入，不符合条件的停发并追回多发资金');
  // A deadline within 90 days of the order: 2031 is not even offered (the service's refusal of it is in
  // tests/integration/date-sanity.test.ts), and a day past the horizon is said at the field and refused.
  await expect(page.getByTestId('correction-date-hint')).toContainText('下达之日起 90 天内，最晚2027年2月18日');
  expect(await page.getByTestId('correction-date').locator('select[data-part="year"] option').allTextContents()).toEqual(['2026', '2027']);
  await chooseDate(page.getByTestId('correction-date'), '2027-03-01');
  await expect(page.getByTestId('correction-date-hint')).toContainText('2027年3月1日超出了这个范围');
  await page.getByTestId('correction-submit').click();
  await expect(page.getByTestId('correction-error')).toContainText('整改期限应在下达之日起 90 天内');
  await chooseDate(page.getByTestId('correction-date'), '2026-12-20');
  await page.getByTestId('correction-submit').click();
  await expect(correction.getByTestId('correction-status')).toHaveText('整改中');
  await expect(correction).toContainText('2026年12月20日');
  await page.screenshot({ path: `${shots}/spotcheck-corrections.png`, fullPage: true });

  // The deadline moved before it falls due, with a reason.
  await correction.getByTestId('correction-deadline').click();
  await expect(page.getByTestId('correction-deadline-now')).toContainText('原期限 2026年12月20日');
  await chooseDate(page.getByTestId('correction-date'), '2027-01-15');
  await page.getByTestId('correction-text').fill('涉及追回资金，街道申请延期');
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${shots}/dates-correction-deadline-${w}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('correction-submit').click();
  await expect(page.getByTestId('correction-dialog')).toHaveCount(0);
  await expect(correction).toContainText('2027年1月15日');

  await page.getByTestId('draw-tab-progress').click();
  await expect(page.locator('[data-testid="progress-row"][data-street="430188001"]').getByTestId('progress-inspected')).toContainText('3/');
  await page.screenshot({ path: `${shots}/spotcheck-progress.png`, fullPage: true });

  // ── the published files and the report. ──
  await page.getByTestId('draw-tab-documents').click();
  await page.getByTestId('export-files').click();
  // Six: manifest, sample (JSON, CSV), seed, verify.html and the record; the first export also bundles verify.html.
  await expect(page.getByTestId('export-list').locator('li')).toHaveCount(6, { timeout: 60_000 });
  const files = await page.getByTestId('export-list').locator('.path').allTextContents();
  const sampleFile = files.find((f) => f.endsWith('-sample.json'))!;
  const manifestFile = files.find((f) => f.endsWith('-manifest.txt'))!;
  const published = JSON.parse(readFileSync(sampleFile, 'utf8')) as { seed: string; manifestSha256: string; sample: unknown[] };
  expect(published).toMatchObject({ seed: DICE, manifestSha256: hash });
  expect(published.sample).toHaveLength(sampled);
  const verified = execFileSync(process.execPath, ['--import', 'tsx', 'electron/backend/cli/main.ts', 'sample', 'verify', '--manifest', manifestFile, '--seed', DICE, '--rate', '30', '--sample', sampleFile], { encoding: 'utf8' });
  expect(verified.trim()).toBe('match');

  await page.getByTestId('report-pdf').click();
  await expect(page.getByTestId('report-progress').or(page.getByTestId('report-path'))).toBeVisible();
  const reportPath = (await page.getByTestId('report-path').textContent())!.trim();
  const report = flat(reportPath);
  for (const word of ['抽查情况报告', DICE, hash, 'consistent-sampler-sha256-v1', caseNos[1]!, '错保', '整改中', '已核查3件']) expect(report, word).toContain(word);
  await page.getByTestId('worksheet-street').selectOption('430188001');
  await page.getByTestId('worksheet-pdf').click();
  const worksheetPath = (await page.getByTestId('worksheet-path').textContent())!.trim();
  expect(flat(worksheetPath)).toContain('核查工作底稿（望江街道）');
  await page.screenshot({ path: `${shots}/spotcheck-documents.png`, fullPage: true });

  // ── a second draw of the same month is refused; a redraw needs a reason and keeps the first. ──
  await page.getByTestId('draw-back').click();
  await expect(page.getByTestId('spotcheck-row')).toHaveCount(1);
  await page.getByTestId('spotcheck-new').click();
  await page.getByTestId('wizard-freeze').click();
  await page.getByTestId('seed-csprng').check({ force: true });
  await page.getByTestId('wizard-draw').click();
  await expect(page.getByTestId('wizard-error')).toContainText('已经抽取过样本');
  await page.getByTestId('wizard-cancel').click();
  await page.getByTestId('spotcheck-row').first().getByRole('button').click();
  await page.getByTestId('draw-redraw').click();
  await page.getByTestId('wizard-freeze').click();
  await expect(page.getByTestId('wizard-error')).toContainText('理由');
  await page.getByTestId('wizard-reason').fill('首次抽样时莲湖镇 10 月的复核决定尚未同步，经科务会研究重新抽取');
  await page.getByTestId('wizard-freeze').click();
  await page.getByTestId('seed-csprng').check({ force: true });
  await page.getByTestId('wizard-draw').click();
  await expect(page.getByTestId('draw-page')).toHaveAttribute('data-status', 'locked');
  await expect(page.getByTestId('draw-page')).toContainText('本次为重新抽取');
  await page.getByTestId('draw-back').click();
  await expect(page.locator('[data-testid="spotcheck-row"][data-status="superseded"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="spotcheck-row"][data-status="locked"]')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/spotcheck-list.png`, fullPage: true });
});

test('street staff do not see the bureau’s samples: their 抽查 screen is the 整改 list', async ({ page }) => {
  await login(page, 'st001-staff1');
  await page.goto('/');
  await page.getByRole('button', { name: '抽查', exact: true }).click();
  await expect(page.getByTestId('street-corrections')).toContainText('抽查由区民政局组织');
  await expect(page.getByTestId('spotcheck-new')).toHaveCount(0);
  await expect(page.getByTestId('spotcheck-list')).toHaveCount(0);
  await expect(page.getByTestId('sample-row')).toHaveCount(0);
});

test('a draw larger than one answer shows every sampled case: the desk reads it page by page', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'bureau-chief');
  await page.goto('/');
  const streets = (await api<{ code: string; level: string }[]>(page, 'regions.list', {})).filter((r) => r.level === 'street').map((r) => r.code);
  // Before October, which the first test of this file draws: a period may not overlap another draw's.
  const query = { periodStart: '2026-06-01', periodEnd: '2026-09-30', streetCodes: streets };
  const frame = await api<{ cases: number; manifestSha256: string }>(page, 'spotchecks.frame', { query, rate: 100 });
  expect(frame.cases).toBeGreaterThan(800);
  const drawn = await api<{ id: string; items: unknown[]; itemsTotal: number }>(page, 'spotchecks.draw', { query, rate: 100, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DICE } });
  expect(drawn.items.length).toBeLessThan(drawn.itemsTotal);
  await page.getByRole('button', { name: '抽查', exact: true }).click();
  await page.locator(`[data-testid="spotcheck-row"][data-draw-id="${drawn.id}"] button`).first().click();
  await expect(page.getByTestId('sample-count')).toHaveText(`显示 ${frame.cases} / ${frame.cases} 件`);
  // Windowed: a screenful of rows in the DOM, not the whole sample.
  const rows = page.getByTestId('sample-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThanOrEqual(80);
  // Scrolled to the end (End on the focused table), the last row shown is the draw's last case.
  const last = await api<{ items: { caseNo: string }[] }>(page, 'spotchecks.items', { drawId: drawn.id, offset: frame.cases - 1 });
  await page.getByTestId('sample-scroll').focus();
  await page.keyboard.press('End');
  const lastRow = page.locator(`[data-testid="sample-row"][data-case-no="${last.items[0]!.caseNo}"]`);
  await expect(lastRow).toBeInViewport();
  expect(await rows.count()).toBeLessThanOrEqual(80);
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(lastRow).toBeVisible();
  await page.screenshot({ path: `${shots}/spotcheck-sample-end-1366.png` });
  // Sorted by 案件编号 descending, the window is refilled from the sorted sample, and Home goes back to its top.
  const caseNoHeader = page.getByTestId('sample-table').getByRole('button', { name: /案件编号/ });
  await caseNoHeader.click();
  await caseNoHeader.click();
  await expect(page.getByTestId('sample-table').locator('th[aria-sort="descending"]')).toHaveCount(1);
  expect(await rows.count()).toBeLessThanOrEqual(80);
  await page.getByTestId('sample-scroll').focus();
  await page.keyboard.press('Home');
  const shown = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-no')!));
  expect(shown).toEqual([...shown].sort().reverse());
  await expect(rows.first()).toBeInViewport();
});
