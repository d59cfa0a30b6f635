// Corrections both ways in real Chromium (issue 17 item 2): the bureau orders two corrections on 望江街道's
// cases; the street's 抽查 screen is its 整改 list (no inspectors' notes), puts a 停保 case on its next
// agenda in one step and answers naming it; the bureau returns the answer with a note; a week past the
// other deadline both sides flag it overdue in red, and the street reads the bureau's note.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { DrawDetail, SpotCheckFrame } from '../../shared/spotcheck';
import { expectAccessible } from './support/axe';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const NOTES = '入户核实：户主之子月收入约 5,000 元未申报';

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

test('a correction goes to the street, is answered with a 停保 case, returned by the bureau and flagged when overdue', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));

  // The bureau's draw and two corrections on 望江街道's approved cases, set up through the channels.
  await login(page, 'bureau-chief');
  const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: ['430188001', '430188002'] };
  const frame = await api<SpotCheckFrame>(page, 'spotchecks.frame', { query, rate: 30 });
  let draw = await api<DrawDetail>(page, 'spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: '27182818284590452353' } });
  draw = await api<DrawDetail>(page, 'spotchecks.autoAssign', { drawId: draw.id });
  const picked = draw.items.filter((i) => i.streetCode === '430188001' && i.outcome === 'approved').slice(0, 2);
  expect(picked).toHaveLength(2);
  const orders = [
    { requirement: '重新核算家庭收入，不符合条件的停发低保金', deadline: '2026-12-10', asksCaseKind: 'termination' },
    { requirement: '补齐入户调查签字和评议记录', deadline: '2026-11-30', asksCaseKind: null },
  ];
  for (const [k, item] of picked.entries()) {
    draw = await api<DrawDetail>(page, 'spotchecks.recordFinding', { itemId: item.id, method: 'home_visit', inspectedOn: '2026-11-20', finding: k === 0 ? 'wrongly_included' : 'procedure', notes: NOTES });
    const findingId = draw.items.find((i) => i.id === item.id)!.finding!.id;
    draw = await api<DrawDetail>(page, 'spotchecks.orderCorrection', { findingId, orderedOn: '2026-11-20', ...orders[k]! });
  }
  const [first, second] = picked.map((i) => i.caseNo);

  // ── the street: its 抽查 screen is its 整改 list, without the inspectors' notes. ──
  await login(page, 'st001-staff1');
  await page.goto('/');
  await page.getByRole('button', { name: '抽查', exact: true }).click();
  const screen = page.getByTestId('street-corrections');
  await expect(screen).toBeVisible();
  const rowOf = (caseNo: string) => page.locator(`[data-testid="street-correction"][data-case-no="${caseNo}"]`);
  await expect(page.getByTestId('street-correction')).toHaveCount(2);
  await expect(rowOf(first!)).toContainText('错保');
  await expect(rowOf(first!)).toContainText('要求列入会议：停保');
  await expect(rowOf(first!)).toContainText('2026年12月10日');
  await expect(screen).not.toContainText('月收入约');
  await expect(page.getByTestId('correction-overdue')).toHaveCount(0);
  await expectAccessible(page);

  // One step: a 停保 case for the household, onto the next agenda.
  await rowOf(first!).getByTestId('correction-agenda').click();
  await expect(page.getByTestId('agenda-kind-termination')).toBeChecked();
  await page.getByTestId('agenda-submit').click();
  await expect(page.getByTestId('corrections-done')).toContainText('已立停保个案');
  await expect(rowOf(first!).getByTestId('correction-opened-case')).toContainText('待审议');
  await expect(rowOf(first!).getByTestId('correction-agenda')).toHaveCount(0);

  // The answer, refused empty, then naming the case.
  await rowOf(first!).getByTestId('correction-answer').click();
  await page.getByTestId('answer-submit').click();
  await expect(page.getByTestId('answer-error')).toContainText('请写明整改情况');
  await expectAccessible(page);
  await page.getByTestId('answer-text').fill('已入户复核，停保个案列入下次会议审议');
  await expect(page.getByTestId('answer-names-case')).toBeChecked();
  await page.getByTestId('answer-submit').click();
  await expect(rowOf(first!).getByTestId('street-correction-status')).toHaveText('已答复待审核');
  await expect(rowOf(first!).getByTestId('correction-answer')).toHaveCount(0);
  await shoot(page, 'corrections-street-answered');

  // ── the bureau: the answer with 通过 / 退回; returned with a note. ──
  await login(page, 'bureau-chief');
  await page.clock.setFixedTime(new Date('2026-12-05T10:00:00+08:00'));
  await page.goto('/');
  await page.getByRole('button', { name: '抽查', exact: true }).click();
  await page.locator(`[data-testid="spotcheck-row"][data-draw-id="${draw.id}"] button.link`).click();
  await page.getByTestId('draw-tab-corrections').click();
  const bureauRow = (caseNo: string) => page.locator(`[data-testid="correction-row"][data-case-no="${caseNo}"]`);
  await expect(bureauRow(first!).getByTestId('correction-answer-text')).toContainText('已入户复核');
  await expect(bureauRow(first!).getByTestId('correction-answer-text')).toContainText('待审核');
  await expect(bureauRow(second!).getByTestId('correction-overdue')).toHaveText('已逾期');
  await expect(bureauRow(first!).getByTestId('correction-overdue')).toHaveCount(0);
  await shoot(page, 'corrections-bureau-panel');
  await expectAccessible(page);
  await bureauRow(first!).getByTestId('answer-return').click();
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('review-error')).toContainText('退回时请写明');
  await page.getByTestId('review-note').fill('请附停保决定后再报');
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('review-dialog')).toHaveCount(0);
  await expect(bureauRow(first!).getByTestId('correction-status')).toHaveText('整改中');
  await expect(bureauRow(first!).getByTestId('correction-answer-cell')).toContainText('答复已退回：请附停保决定后再报');

  // ── the street again: the note, the answer form back, the overdue one in red. ──
  await login(page, 'st001-staff1');
  await page.goto('/');
  await page.getByRole('button', { name: '抽查', exact: true }).click();
  await expect(rowOf(first!).getByTestId('correction-returned-note')).toHaveText('退回意见：请附停保决定后再报');
  await expect(rowOf(first!).getByTestId('street-correction-status')).toHaveText('整改中');
  await expect(rowOf(first!).getByTestId('correction-answer')).toBeVisible();
  await expect(rowOf(second!)).toHaveAttribute('data-overdue', '1');
  await expect(rowOf(second!).getByTestId('correction-overdue')).toHaveCSS('color', /rgb\(\s*1\d\d|rgb\(\s*2\d\d/);
  await expect(page.getByTestId('corrections-summary')).toContainText('其中已逾期 1 项');
  await shoot(page, 'corrections-street-returned');
});
