// Verification without a terminal, in real Chromium: the chief exports a draw's files and presses 验证
// (一致; then 不一致 with the first difference once a file on disk is altered), and verify.html, opened
// straight from the export folder (file://), checks the real published files with no network at all:
// match, and for a tampered sample the same first difference the CLI names.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
const scratch = 'test-results/e2e/verify';
mkdirSync(shots, { recursive: true });
mkdirSync(scratch, { recursive: true });
const DICE = '16180339887498948482';
const viewports = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function harness<T>(page: Page, channel: string, args: unknown): Promise<T> {
  const res = await page.request.post(`/__api/${channel}`, { data: args });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value as T;
}

function cliVerify(manifest: string, sample: string): string {
  try {
    return execFileSync(process.execPath, ['--import', 'tsx', 'electron/backend/cli/main.ts', 'sample', 'verify', '--manifest', manifest, '--seed', DICE, '--rate', '30', '--sample', sample], { encoding: 'utf8' }).trim();
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '').trim();
  }
}

test('验证 in the desk, and verify.html from file:// on the published files', async ({ page, context }) => {
  test.setTimeout(180_000);
  expect((await page.request.post('/__harness/login', { data: { username: 'bureau-chief' } })).ok()).toBe(true);
  // September and one street: other specs draw October over every street in the same harness database.
  const query = { periodStart: '2026-09-01', periodEnd: '2026-09-30', streetCodes: ['430188002'] };
  const frame = await harness<{ manifestSha256: string }>(page, 'spotchecks.frame', { query, rate: 30 });
  const draw = await harness<{ id: string }>(page, 'spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DICE } });

  await page.setViewportSize(viewports[0]!);
  await page.goto('/');
  await page.getByRole('button', { name: '抽查', exact: true }).click();
  await page.locator(`[data-testid="spotcheck-row"][data-draw-id="${draw.id}"]`).getByRole('button').click();
  await page.getByTestId('draw-tab-documents').click();
  const docs = page.locator('.sc-docs');
  await expect(docs).not.toContainText('npm run');
  await expect(docs).toContainText('verify.html');

  // Before the export there is nothing to check, and it says what to do.
  await page.getByTestId('verify-published').click();
  await expect(page.getByTestId('verify-error')).toContainText('请先点“导出公布文件”');

  await page.getByTestId('export-files').click();
  // The first export of a harness run also bundles verify.html's script and starts the PDF worker.
  await expect(page.getByTestId('export-list').locator('li')).toHaveCount(6, { timeout: 60_000 });
  const paths = await page.getByTestId('export-list').locator('.path').allTextContents();
  const file = (suffix: string) => paths.find((p) => p.endsWith(suffix))!;
  await page.getByTestId('verify-published').click();
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-verdict', 'match');
  await expect(result).toContainText('一致');
  await expect(result).toContainText('比例（30%）');
  await expect(result).toBeInViewport();
  for (const v of viewports) {
    await page.setViewportSize(v);
    await page.screenshot({ path: `${shots}/verify-files-tab-${v.width}.png`, fullPage: true });
  }

  // One case taken out of the published sample on disk: 验证 names it.
  const original = readFileSync(file('-sample.json'), 'utf8');
  const published = JSON.parse(original) as { sample: { caseNo: string }[] };
  const dropped = published.sample.splice(1, 1)[0]!;
  const tampered = join(scratch, 'tampered-sample.json');
  writeFileSync(tampered, `${JSON.stringify(published)}\n`);
  copyFileSync(tampered, file('-sample.json'));
  await page.setViewportSize(viewports[0]!);
  await page.getByTestId('verify-published').click();
  await expect(result).toHaveAttribute('data-verdict', 'differs');
  await expect(page.getByTestId('verify-detail')).toContainText(`第一处差异：样本缺少 ${dropped.caseNo}`);
  await expect(result).toBeInViewport();
  await page.screenshot({ path: `${shots}/verify-files-tab-differs-1366.png`, fullPage: true });
  writeFileSync(file('-sample.json'), original);

  // ── verify.html, opened from the export folder as a citizen would open the published copy. ──
  const citizen = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  citizen.on('request', (r) => requests.push(r.url()));
  citizen.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  citizen.on('pageerror', (e) => problems.push(e.message));
  await citizen.setViewportSize(viewports[0]!);
  const pageUrl = pathToFileURL(file('verify.html')).href;
  await citizen.goto(pageUrl);
  await expect(citizen.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('社会救助抽查样本复核');

  // Nothing given yet: it says what is missing and puts focus there.
  await citizen.getByRole('button', { name: '复核' }).click();
  await expect(citizen.locator('#result')).toHaveAttribute('data-verdict', 'missing');
  await expect(citizen.getByRole('button', { name: '选择清单文件…' })).toBeFocused();

  // Our own Chinese button opens the browser's file chooser (whose own button would be in English).
  const [chooser] = await Promise.all([citizen.waitForEvent('filechooser'), citizen.getByRole('button', { name: '选择清单文件…' }).click()]);
  await chooser.setFiles(file('-manifest.txt'));
  await expect(citizen.locator('#manifest-info')).toContainText('SHA-256');
  await citizen.locator('#seed-file').setInputFiles(file('-seed.txt'));
  await expect(citizen.locator('#seed-text')).toHaveValue(DICE);
  await citizen.getByLabel('抽查比例（%）').fill('30');
  await citizen.locator('#sample-file').setInputFiles(file('-sample.json'));
  await expect(citizen.locator('#sample-info')).toContainText('-sample.json');
  await citizen.getByRole('button', { name: '复核' }).click();
  const verdict = citizen.locator('#result');
  await expect(verdict).toHaveAttribute('data-verdict', 'match');
  await expect(verdict.locator('.verdict')).toHaveText('一致');
  await expect(verdict).toContainText(frame.manifestSha256);
  expect(cliVerify(file('-manifest.txt'), file('-sample.json'))).toBe('match');
  for (const v of viewports) {
    await citizen.setViewportSize(v);
    await citizen.screenshot({ path: `${shots}/verify-html-match-${v.width}.png`, fullPage: true });
  }

  // The tampered sample: the first difference, in the CLI's words.
  await citizen.locator('#sample-file').setInputFiles(tampered);
  await citizen.getByRole('button', { name: '复核' }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'differs');
  await expect(verdict.locator('.verdict')).toHaveText('不一致');
  const cli = cliVerify(file('-manifest.txt'), tampered);
  expect(cli).toMatch(/^differs: 样本缺少 /);
  await expect(verdict.locator('[data-role="detail"]')).toHaveText(`第一处差异：${cli.slice('differs: '.length)}`);
  for (const v of viewports) {
    await citizen.setViewportSize(v);
    await citizen.screenshot({ path: `${shots}/verify-html-differs-${v.width}.png`, fullPage: true });
  }

  // A pasted seed with one digit changed: the recomputation differs from the sample's own seed.
  await citizen.locator('#sample-file').setInputFiles(file('-sample.json'));
  await citizen.locator('#seed-text').fill(`${DICE.slice(0, -1)}0`);
  await citizen.getByRole('button', { name: '复核' }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'differs');
  await expect(verdict).toContainText('seed（随机种子）');

  // No request left the file, and the CSP let the page run without a single violation.
  expect(requests.filter((u) => u !== pageUrl)).toEqual([]);
  expect(problems).toEqual([]);
  await citizen.close();
});
