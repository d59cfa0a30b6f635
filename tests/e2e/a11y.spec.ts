// axe-core (Deque's engine, injected from node_modules) on every main screen and dialog, as street staff
// and as the bureau chief: no serious or critical violation anywhere. Moderate and minor findings are
// printed for the record. Runs first (alphabetically), on the fresh harness district.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { login, api } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
const found: { where: string; v: Violation }[] = [];

/** Runs axe on the page as it is now and remembers what it found under `where`. */
async function check(page: Page, where: string) {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
  for (const v of violations) found.push({ where, v });
}

function seriousFound() {
  return found.filter((f) => f.v.impact === 'serious' || f.v.impact === 'critical').map((f) => `${f.where}: [${f.v.impact}] ${f.v.id} ${f.v.help} ${JSON.stringify(f.v.nodes)}`);
}

test.afterAll(() => {
  const others = found.filter((f) => f.v.impact !== 'serious' && f.v.impact !== 'critical');
  console.log(`axe: ${found.length - others.length} serious or critical, ${others.length} moderate or minor`);
  for (const f of others) console.log(`  ${f.where}: [${f.v.impact}] ${f.v.id} ${f.v.help}`);
});

/** The engine is live: a planted image without alt text is reported, and then taken away again. */
async function provesItself(page: Page) {
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.id = 'axe-plant';
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.body.append(img);
  });
  await check(page, 'plant');
  const planted = found.filter((f) => f.where === 'plant');
  expect(planted.map((f) => f.v.id)).toContain('image-alt');
  found.splice(0, found.length, ...found.filter((f) => f.where !== 'plant'));
  await page.evaluate(() => document.getElementById('axe-plant')?.remove());
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true }).click();

test('street staff: every screen and dialog has no serious or critical violation', async ({ page }) => {
  test.setTimeout(240_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st004-staff1');
  await page.goto('/');
  await provesItself(page);
  await expect(page.getByTestId('case-grid').or(page.getByRole('table')).first()).toBeVisible();
  await check(page, '个案');
  await page.getByTestId('case-import').click();
  await expect(page.getByTestId('import-screen')).toBeVisible();
  await check(page, '从表格导入');

  await nav(page, '会议');
  await expect(page.getByTestId('meeting-list')).toBeVisible({ timeout: 20_000 });
  await check(page, '会议列表');
  await page.getByTestId('meeting-create').click();
  await check(page, '新建会议');
  await page.goto('/#/meetings');

  const roster = await api<{ id: string }[]>(page, 'meetings.roster', {});
  const meeting = await api<{ id: string }>(page, 'meetings.create', { month: '2026-11', venue: '街道办事处会议室', scheduledAt: '2026-11-20T15:00', chairMemberId: roster[0]!.id, recorderMemberId: roster[1]!.id });
  await page.goto(`/#/meetings/${meeting.id}`);
  await expect(page.getByTestId('prepare-tab')).toBeVisible();
  await check(page, '会议·准备');
  await page.getByTestId('agenda-row').first().getByTestId('remove-item').click();
  await check(page, '移出议程');
  await page.keyboard.press('Escape');
  await page.getByTestId('attendance-row').first().getByTestId('att-leave').click();
  await check(page, '请假');
  await page.keyboard.press('Escape');
  await page.getByTestId('add-case').click();
  await check(page, '补充议题');
  await page.getByTestId('all-present').click();
  await expect(page.getByTestId('roster-quorum')).toContainText('已达到法定人数');

  await page.getByTestId('open-meeting').click();
  await expect(page.getByTestId('session-screen')).toBeVisible();
  await check(page, '会中');
  await page.keyboard.press('a');
  await expect(page.getByTestId('decision-dialog')).toBeVisible();
  await check(page, '决定');
  await page.keyboard.press('Escape');
  await page.keyboard.press('h');
  await expect(page.getByTestId('recusal-dialog')).toBeVisible();
  await check(page, '回避');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-minutes').click();
  await check(page, '会议·纪要');

  // A closed meeting of the generated history, its notices due and then created.
  await page.goto('/#/meetings');
  await page.locator('[data-testid="meeting-row"][data-month="2026-10"]').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('已结束');
  await check(page, '已结束的会议');

  await nav(page, '公示');
  await expect(page.getByTestId('notice-batches')).toBeVisible();
  await check(page, '公示列表');
  const meetings = await api<{ id: string; month: string; status: string }[]>(page, 'meetings.list', {});
  const closed = meetings.find((m) => m.status === 'closed' && m.month === '2026-10')!;
  const { batches } = await api<{ batches: { id: string }[] }>(page, 'notices.list', {});
  const batchId = batches[0]?.id ?? (await api<{ id: string }[]>(page, 'notices.createFromMeeting', { meetingId: closed.id, startDate: '2026-11-21' }))[0]!.id;
  await page.goto(`/#/notices/batch/${batchId}`);
  await expect(page.getByTestId('batch-page')).toBeVisible();
  await check(page, '公示批次');
  await page.goto('/#/notices/standing');
  await expect(page.getByTestId('notices-tab-standing')).toHaveAttribute('aria-selected', 'true');
  await check(page, '长期公示');

  await nav(page, '抽查');
  await check(page, '抽查（街道）');
  await nav(page, '同步');
  await check(page, '同步');
  await nav(page, '设置');
  await check(page, '设置');
  await nav(page, '统计');
  await expect(page.getByTestId('stats-body')).toBeVisible();
  await check(page, '统计（街道）');

  expect(seriousFound()).toEqual([]);
});

test('bureau chief: the case grid, the ceremony, a draw and its dialogs have no serious or critical violation', async ({ page }) => {
  test.setTimeout(240_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'bureau-chief');
  await page.goto('/');
  await check(page, '个案（区）');
  await page.goto('/#/spot-checks');
  await expect(page.getByTestId('spotchecks-screen')).toBeVisible();
  await check(page, '抽查列表');
  await page.goto('/#/spot-checks/new');
  await check(page, '新建抽查');
  // A period of its own (September), so the spot-check spec's October draw is not overlapped.
  await page.getByTestId('wizard-month').selectOption('2026-09');
  await page.getByTestId('wizard-freeze').click();
  await expect(page.getByTestId('wizard-frame')).toBeVisible();
  await check(page, '冻结的清单');
  await page.getByTestId('wizard-present').click();
  await check(page, '投影');
  await page.keyboard.press('Escape');
  await page.getByTestId('seed-csprng').check();
  await page.getByTestId('wizard-draw').click();
  await expect(page.getByTestId('draw-page')).toHaveAttribute('data-status', 'locked');
  await check(page, '抽查·样本');
  await page.getByTestId('draw-auto-assign').click();
  await page.getByTestId('item-assign').first().click();
  await check(page, '分配核查人');
  await page.keyboard.press('Escape');
  const record = page.getByTestId('item-record').first();
  await record.click();
  await expect(page.getByTestId('finding-date')).toBeVisible();
  await check(page, '核查结果');
  await page.keyboard.press('Escape');
  await expect(record).toBeFocused();
  for (const tab of ['progress', 'corrections', 'documents']) {
    await page.getByTestId(`draw-tab-${tab}`).click();
    await check(page, `抽查·${tab}`);
  }
  await page.getByTestId('draw-extend').click();
  await expect(page.getByTestId('extend-rate')).toBeVisible();
  await check(page, '扩大抽查');
  await page.keyboard.press('Escape');
  await nav(page, '统计');
  await expect(page.getByTestId('stats-body')).toBeVisible();
  await check(page, '统计（区）');
  await page.getByTestId('stats-toggle-trend').click();
  await check(page, '统计·数据表');
  expect(seriousFound()).toEqual([]);
});
