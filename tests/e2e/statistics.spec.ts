// 统计 in real Chromium against the generated district on the harness's 2026-11-20, after the bureau has
// spot-checked October in two streets (findings and corrections recorded on the 20th, one correction
// done). The screen's chunk (with ECharts) is fetched only when 统计 is opened. The bureau
// chief reads the district's tiles (equal to what statistics.view answers), the warning that no street
// has held November's meeting yet, and six charts that are drawn, that follow the window and whose
// numbers are one click (or Enter) away; switches to 望江街道, then to 年度, and a reload keeps the choice.
// A street caseworker sees only the street, whatever the address asks for. Screenshots at 1366×768 and
// 1920×1080; axe on each.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { formatYuan } from '../../shared/money';
import type { DrawDetail, SpotCheckFrame } from '../../shared/spotcheck';
import { findingKinds, type StatisticsView } from '../../shared/statistics';
import { statisticsChartTable } from '../../shared/statistics-charts';
import { expectAccessible } from './support/axe';
import { expectDate, chooseDate } from './support/dates';
import { api, apiAnswer, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const count = (n: number) => n.toLocaleString('zh-CN');
const NOTES = '入户核实：家庭收入与申报不符';

// A scene with something in every chart: October's draw in 望江街道 and 枫林街道, six findings (three
// compliant), corrections for the other three: one done the same day, two open.
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await login(page, 'bureau-chief');
  const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: ['430188001', '430188002'] };
  const frame = await api<SpotCheckFrame>(page, 'spotchecks.frame', { query, rate: 30 });
  let draw = await api<DrawDetail>(page, 'spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: '31415926535897932384' } });
  draw = await api<DrawDetail>(page, 'spotchecks.autoAssign', { drawId: draw.id });
  const of = (street: string) => draw.items.filter((i) => i.streetCode === street && i.outcome === 'approved');
  const plan = [
    { item: of('430188001')[0]!, finding: 'wrongly_included', order: { requirement: '重新核算家庭收入', orderedOn: '2026-11-20', deadline: '2026-11-30' } },
    { item: of('430188001')[1]!, finding: 'procedure', order: { requirement: '补齐入户调查签字', orderedOn: '2026-11-20', deadline: '2026-12-10' }, closedOn: '2026-11-20' },
    { item: of('430188001')[2]!, finding: 'compliant' },
    { item: of('430188001')[3]!, finding: 'compliant' },
    { item: of('430188002')[0]!, finding: 'wrong_amount', order: { requirement: '按核定标准重新计算补差', orderedOn: '2026-11-20', deadline: '2026-12-10' } },
    { item: of('430188002')[1]!, finding: 'compliant' },
  ] as const;
  for (const p of plan) {
    draw = await api<DrawDetail>(page, 'spotchecks.recordFinding', { itemId: p.item.id, method: 'home_visit', inspectedOn: '2026-11-20', finding: p.finding, notes: p.finding === 'compliant' ? '' : NOTES });
    if (!('order' in p)) continue;
    const findingId = draw.items.find((i) => i.id === p.item.id)!.finding!.id;
    draw = await api<DrawDetail>(page, 'spotchecks.orderCorrection', { findingId, ...p.order, asksCaseKind: null });
    if (!('closedOn' in p)) continue;
    const correctionId = draw.items.find((i) => i.id === p.item.id)!.finding!.correction!.id;
    draw = await api<DrawDetail>(page, 'spotchecks.closeCorrection', { correctionId, result: '已补齐签字并存档', closedOn: p.closedOn });
  }
  await page.close();
});

/** The tiles show exactly the figures statistics.view answers for the same choice. */
async function expectTiles(page: Page, v: StatisticsView) {
  const t = v.total;
  const tile = (id: string, i = 0) => page.getByTestId(`tile-${id}-${i}`);
  await expect(tile('households')).toHaveText(count(t.householdsPaid));
  await expect(tile('persons')).toHaveText(count(t.personsPaid));
  await expect(tile('paid')).toHaveText(formatYuan(t.totalFen));
  await expect(tile('meetings')).toHaveText(count(t.meetingsHeld));
  await expect(tile('decisions', 0)).toHaveText(count(t.decisions.approve));
  await expect(tile('decisions', 1)).toHaveText(count(t.decisions.reject));
  await expect(tile('decisions', 2)).toHaveText(count(t.decisions.defer));
  await expect(tile('notices', 0)).toHaveText(count(t.noticesPosted));
  await expect(tile('notices', 1)).toHaveText(count(t.objections));
  await expect(tile('findings')).toHaveText(count(findingKinds.filter((f) => f !== 'compliant').reduce((n, f) => n + t.findings[f], 0)));
  await expect(tile('corrections', 0)).toHaveText(count(t.correctionsOpen));
  await expect(tile('corrections', 1)).toHaveText(count(t.correctionsOverdue));
}

/**
 * A chart has something in it: a share of its box in colour (bars, cells; axes and text are grey), once its
 * animation has run. Every canvas of it counts: ECharts draws a heatmap's cells on a layer of their own.
 */
async function expectDrawn(chart: Locator) {
  const canvases = chart.locator('canvas');
  await expect(canvases.first()).toBeVisible();
  await expect
    .poll(
      () =>
        canvases.evaluateAll((list) => {
          let coloured = 0;
          let area = 0;
          for (const c of list as HTMLCanvasElement[]) {
            const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
            for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 128 && Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 60) coloured++;
            area = Math.max(area, c.width * c.height);
          }
          return coloured / area;
        }),
      { timeout: 10_000 },
    )
    .toBeGreaterThan(0.004);
}

/** The top of the screen (tiles), then scrolled to the charts, at both sizes. */
async function shoot(page: Page, name: string) {
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('stats-body').evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${shots}/${name}-${w}.png` });
    for (const id of ['trend', 'meetings', 'decisions', 'findings']) {
      await page.getByTestId(`stats-chart-${id}`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${shots}/${name}-from-${id}-${w}.png` });
    }
  }
  await page.getByTestId('stats-body').evaluate((el) => (el.scrollTop = 0));
}

/** Errors the page logged, such as a CSP refusal of an inline style; a missing favicon is not one. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('the bureau reads the district’s and a street’s figures, month and year, with every chart’s numbers one click away', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchConsole(page);
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/StatisticsScreen-[\w-]+\.js$/.test(r.url())) chunks.push(r.url());
  });
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'bureau-chief');
  await page.setViewportSize({ width: 1366, height: 768 });

  // Another screen loads without the statistics chunk; opening 统计 fetches it.
  await page.goto('/#/cases');
  await expect(page.getByTestId('case-grid').or(page.getByRole('table')).first()).toBeVisible();
  expect(chunks).toEqual([]);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '统计', exact: true }).click();
  await expect(page.getByRole('heading', { name: '统计', level: 1 })).toBeVisible();
  await expect(page.getByTestId('stats-heading')).toHaveText('麓山区2026年11月数据截至2026年11月20日');
  expect(chunks).toHaveLength(1);

  // The district in November: the defaults, and the tiles as the channel answers.
  await expectDate(page.getByTestId('stats-month'), '2026-11');
  await expect(page.getByTestId('stats-period-month')).toHaveAttribute('aria-pressed', 'true');
  const district = await api<StatisticsView>(page, 'statistics.view', { scope: '430188', month: '2026-11' });
  expect(district.total.correctionsOpen).toBe(2);
  expect(district.total.correctionsDone).toBe(1);
  await expectTiles(page, district);
  await expect(page.getByTestId('tile-findings-0')).toHaveText('3');
  // No street has closed November's meeting yet: all seven named, the month not over.
  const missing = page.getByTestId('stats-missing');
  await expect(missing).toContainText('2026年11月（本月尚未结束）：全部 7 个街道');
  for (const s of district.streets) await expect(missing).toContainText(s.name);
  await expect(page.getByTestId('tile-meetings')).toContainText('本月 7 个街道尚未召开');

  // Six charts; those with figures are drawn, the one without says so.
  for (const id of ['trend', 'meetings', 'findings', 'corrections']) await expectDrawn(page.getByTestId(`stats-chart-${id}`));
  await expect(page.getByTestId('stats-empty-decisions')).toHaveText('本期没有已结束会议的审议决定');
  await expect(page.getByRole('button', { name: '查看数据' })).toHaveCount(6);
  await expectAccessible(page);
  await shoot(page, 'statistics-district');

  // The charts follow the window.
  await page.setViewportSize({ width: 1366, height: 768 });
  const trend = page.getByTestId('stats-canvas-trend').locator('canvas').first();
  await expect.poll(() => trend.evaluate((c) => c.clientWidth)).toBeLessThan(1250);
  const narrow = await trend.evaluate((c) => c.clientWidth);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(() => trend.evaluate((c) => c.clientWidth)).toBeGreaterThan(narrow + 400);
  await page.setViewportSize({ width: 1366, height: 768 });

  // One street: 望江街道.
  await page.getByTestId('stats-scope').selectOption({ label: '望江街道' });
  await expect(page.getByTestId('stats-heading')).toHaveText('望江街道2026年11月数据截至2026年11月20日');
  const street = await api<StatisticsView>(page, 'statistics.view', { scope: '430188001', month: '2026-11' });
  await expectTiles(page, street);
  expect(street.total.householdsPaid).toBeLessThan(district.total.householdsPaid);
  await expect(page.getByTestId('stats-missing')).toContainText('2026年11月（本月尚未结束）：望江街道');

  // The findings chart's numbers, by keyboard: Tab reaches its toggle, Enter shows the table, focus stays (and shows).
  const toggle = page.getByTestId('stats-toggle-findings');
  await page.getByTestId('stats-toggle-objections').focus();
  await page.keyboard.press('Tab');
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  const findings = page.getByTestId('stats-table-findings');
  await expect(findings).toBeVisible();
  await expect(toggle).toHaveText('显示图表');
  await expect(toggle).toBeFocused();
  expect(await toggle.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
  const expected = statisticsChartTable('findings', street);
  await expect(findings.locator('thead th')).toHaveText(expected.columns);
  await expect(findings.locator('tbody tr').first().locator('th, td')).toHaveText(expected.rows[0]!.map((c) => (typeof c === 'number' ? count(c) : c)));
  await expectAccessible(page);
  await page.keyboard.press('Enter');
  await expect(findings).toHaveCount(0);
  await expectDrawn(page.getByTestId('stats-chart-findings'));

  // 年度, by keyboard from the period switch.
  await page.getByTestId('stats-period-half').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('stats-period-year')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stats-heading')).toHaveText('望江街道2026年数据截至2026年11月20日');
  await expect(page.getByTestId('stats-period-year')).toHaveAttribute('aria-pressed', 'true');
  const streetYear = await api<StatisticsView>(page, 'statistics.view', { scope: '430188001', month: '2026-11', period: 'year' });
  await expectTiles(page, streetYear);
  expect(streetYear.total.meetingsHeld).toBe(10);
  await expectDrawn(page.getByTestId('stats-chart-decisions'));
  await page.getByTestId('stats-toggle-decisions').click();
  const decisions = page.getByTestId('stats-table-decisions');
  await expect(decisions.locator('tbody tr')).toHaveCount(1);
  await expect(decisions.locator('tbody tr').first().locator('th, td')).toHaveText(statisticsChartTable('decisions', streetYear).rows[0]!.map((c) => (typeof c === 'number' ? count(c) : c)));
  await page.screenshot({ path: `${shots}/statistics-street-year-table-1366.png` });

  // The address keeps the choice: a reload returns to 望江街道, 年度.
  await expect(page).toHaveURL(/#\/statistics\/430188001\/2026-11\/year$/);
  await page.reload();
  await expect(page.getByTestId('stats-heading')).toHaveText('望江街道2026年数据截至2026年11月20日');
  await expect(page.getByTestId('stats-scope')).toHaveValue('430188001');

  // The district's year.
  await page.getByTestId('stats-scope').selectOption({ index: 0 });
  await expect(page.getByTestId('stats-heading')).toHaveText('麓山区2026年数据截至2026年11月20日');
  const districtYear = await api<StatisticsView>(page, 'statistics.view', { scope: '430188', month: '2026-11', period: 'year' });
  await expectTiles(page, districtYear);
  for (const id of ['trend', 'meetings', 'decisions', 'objections', 'findings', 'corrections']) await expectDrawn(page.getByTestId(`stats-chart-${id}`));
  await expectAccessible(page);
  await shoot(page, 'statistics-district-year');

  // The year's report from the screen: the PDF (read back with poppler) and the workbook.
  await page.getByTestId('stats-pdf').click();
  const pdfPath = (await page.getByTestId('stats-pdf-path').textContent({ timeout: 120_000 }))!;
  expect(pdfPath).toMatch(/report-430188-2026\.pdf$/);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('麓山区2026年年度工作报表');
  expect(text).toContain('各街道主要指标');
  expect(text).toContain(`共召开联审联批会议${districtYear.total.meetingsHeld}次`);
  await page.getByTestId('stats-xlsx').click();
  await expect(page.getByTestId('stats-xlsx-result')).toContainText('report-430188-2026.xlsx');

  // A month that has not begun: the reason, not a blank screen.
  await page.getByTestId('stats-period-month').click();
  await chooseDate(page.getByTestId('stats-month'), '2026-12');
  await expect(page.getByRole('alert')).toContainText('2026年12月还没有开始，没有可统计的数据');
  expect(errors).toEqual([]);
});

test('a street caseworker sees the street’s figures only, and cannot choose another', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st001-staff1');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/#/statistics');
  await expect(page.getByTestId('stats-heading')).toHaveText('望江街道2026年11月数据截至2026年11月20日');
  await expect(page.getByTestId('stats-scope')).toHaveCount(0);
  await expect(page.getByTestId('stats-own-scope')).toHaveText('望江街道');
  const view = await api<StatisticsView>(page, 'statistics.view', { scope: '430188001', month: '2026-11' });
  expect(view.findingsFrom).toBe('corrections');
  expect(view.streets.map((s) => s.name)).toEqual(['望江街道']);
  await expectTiles(page, view);
  await expect(page.getByTestId('tile-findings')).toContainText('据区局下达的整改通知');
  await expect(page.getByTestId('tile-meetings')).toContainText('本月尚未召开');
  await expect(page.getByTestId('stats-missing')).toContainText('2026年11月（本月尚未结束）：望江街道');
  await expectDrawn(page.getByTestId('stats-chart-meetings'));
  await expectAccessible(page);
  await shoot(page, 'statistics-street');

  // An address naming the district (or another street) still shows the caseworker's own street.
  await page.goto('/#/statistics/430188/2026-10/month');
  await expect(page.getByTestId('stats-heading')).toHaveText('望江街道2026年10月数据截至2026年10月31日');
  await expect(page.getByTestId('stats-missing-none')).toHaveText('望江街道在本期每个月都召开了联审联批会议。');
  await expect(page.getByTestId('tile-meetings')).toContainText('每月均已召开');
  await page.goto('/#/statistics/430188002/2026-10/year');
  await expect(page.getByTestId('stats-heading')).toHaveText('望江街道2026年数据截至2026年11月20日');
  await expectDrawn(page.getByTestId('stats-chart-decisions'));
  // And the channel itself refuses them.
  for (const scope of ['430188', '430188002']) {
    const refused = await apiAnswer<StatisticsView>(page, 'statistics.view', { scope, month: '2026-11' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
  }
  expect(errors).toEqual([]);
});
