// 家庭经济状况调查 (issue 15) in real Chromium against a real database, through the browser harness: a
// street clerk takes in a new household's application through the API, records its investigation in
// the form (one investigator and an exemption larger than the income are refused at their fields, the
// live 计算 shows the shared arithmetic, a reload loses nothing), files a close relative, and finds the
// case with its figures and its 近亲属备案 flag on next month's agenda — and an uninvestigated case not.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { formatYuan } from '../../shared/money';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screens';
mkdirSync(shots, { recursive: true });

const CLERK = 'st003-staff1';
type Region = { code: string; name: string; level: string; parentCode: string | null };
type Member = { id: string; name: string; relation: string };
type CaseRecord = {
  id: string;
  status: string;
  open: boolean;
  household: { members: Member[] };
  investigation: { perCapitaFen: number; proposedFen: number | null; investigators: { userId: string }[] } | null;
  perCapitaIncomeFen: number | null;
  proposedAmountFen: number | null;
  closeRelative: boolean;
};
type Settings = { dibaoStandardUrbanFen: number };

/** A valid 18-digit ID: an address code, a birth date and a sequence, with its check character. */
const citizenId = (birth: string, seq: string) => {
  const first17 = `430188${birth}${seq}`;
  return first17 + citizenIdCheckChar(first17);
};

async function intake(page: Page, communityCode: string, members: { name: string; birth: string; seq: string; relation: string }[], kind: 'new_application' | 'temporary' = 'new_application') {
  return api<{ caseId: string; caseNo: string }>(page, 'cases.intake', {
    communityCode,
    kind,
    category: kind === 'temporary' ? 'temporary' : 'dibao',
    appliedOn: '2026-11-18',
    reason: '户主下岗，家庭收入低于当地低保标准',
    documents: [
      { kind: 'application_form', receivedOn: '2026-11-18' },
      { kind: 'id_card', receivedOn: '2026-11-18' },
    ],
    relativesDeclaration: 'declared',
    relativesDeclarationNote: '户主之弟在社区居委会任职',
    household: {
      on: 'new',
      areaType: 'urban',
      address: '麓山区测试路 18 号 3 栋 201 室',
      phone: '0731-88001234',
      members: members.map((m) => ({ name: m.name, citizenId: citizenId(m.birth, m.seq), relation: m.relation, occupation: '', health: '健康', disability: '' })),
    },
  });
}

/** The texts an input or group is described by (its problems). */
async function description(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is: the serious and critical findings (the others are printed). */
async function axeSerious(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, text: `${v.id} ${v.help} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}` }));
  });
  for (const v of found.filter((f) => f.impact !== 'serious' && f.impact !== 'critical')) console.log(`axe ${where}: [${v.impact}] ${v.text}`);
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical').map((f) => `${where}: ${f.text}`);
}

async function shoot(page: Page, name: string, sizes: { width: number; height: number }[] = [{ width: 1366, height: 768 }]) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${shots}/${name}-${size.width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('a street clerk records a household’s investigation and finds it on next month’s agenda', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  const session = await api<{ regionCode: string }>(page, 'session.current', {});
  const regions = await api<Region[]>(page, 'regions.list', {});
  const community = regions.find((r) => r.level === 'community' && r.parentCode === session.regionCode)!;
  const settings = await api<Settings>(page, 'settings.get', {});
  const standard = settings.dibaoStandardUrbanFen;

  // ── Two new households of three and two people, through the API. ──
  const a = await intake(page, community.code, [
    { name: '测调甲', birth: '19780312', seq: '917', relation: 'self' },
    { name: '测调乙', birth: '19800521', seq: '926', relation: 'spouse' },
    { name: '测调丙', birth: '20100904', seq: '935', relation: 'child' },
  ]);
  const b = await intake(page, community.code, [
    { name: '未调丁', birth: '19650117', seq: '913', relation: 'self' },
    { name: '未调戊', birth: '19670630', seq: '924', relation: 'spouse' },
  ]);

  await page.goto(`/#/cases/${a.caseId}/investigation`);
  const form = page.getByTestId('inv-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('inv-case')).toContainText(a.caseNo);
  await expect(page.getByTestId('inv-case')).toContainText('3 人');
  await expect(page.getByTestId('calc-standard')).toHaveText(`${formatYuan(standard)} 元／人·月`);
  await expect(page.getByTestId('inv-visited-on')).toHaveAttribute('data-value', '2026-11-20');

  // ── One investigator: the service refuses, at the investigators. ──
  await page.getByTestId('inv-visit-note').fill('入户查看，一家三口居住在两居室内，户主失业在家，配偶在超市打零工。');
  const people = page.getByTestId('inv-investigator');
  expect(await people.count()).toBeGreaterThanOrEqual(2);
  await people.nth(0).check();
  await page.getByTestId('inv-cross-check-consistent').check();
  await page.getByTestId('inv-conclusion-eligible').check();
  await page.getByTestId('inv-save').click();
  const investigators = page.getByTestId('inv-investigators');
  await expect(investigators).toHaveAttribute('aria-invalid', 'true');
  expect(await description(page, investigators)).toContain('入户调查须由两名以上');
  await expect(page.getByTestId('inv-refusal')).toBeVisible();
  await expect(people.nth(0)).toBeFocused();
  await shoot(page, 'investigation-field-error');
  expect(await axeSerious(page, 'field error')).toEqual([]);
  await people.nth(1).check();
  await expect(investigators).not.toHaveAttribute('aria-invalid', 'true');

  // ── Wages 1,500.00 元 with 2,000.00 元 exempt: the panel says so at the row, and the service refuses. ──
  await page.getByTestId('inv-incomes-add').click();
  const row = page.getByTestId('inv-incomes-row').first();
  await expect(row.getByTestId('inv-income-member')).toBeFocused();
  await row.getByTestId('inv-income-member').selectOption({ label: '测调乙（配偶）' });
  await row.getByTestId('inv-income-source').selectOption('wages');
  await row.getByTestId('inv-income-gross').fill('1,500.00');
  await row.getByTestId('inv-income-exempt').fill('2,000.00');
  await row.getByTestId('inv-income-note').fill('超市理货员');
  const panel = page.getByTestId('calc-panel');
  await expect(panel).toHaveAttribute('data-state', 'problems');
  const tooMuch = '第 1 项收入的豁免和就业成本扣减共 2,000.00 元，超过了这项收入 1,500.00 元';
  await expect(panel.getByTestId('calc-problem')).toHaveText([tooMuch]);
  const exempt = row.getByTestId('inv-income-exempt');
  await expect(exempt).toHaveAttribute('aria-invalid', 'true');
  expect(await description(page, exempt)).toContain(tooMuch);
  await expect(page.getByTestId('inv-incomes-problems')).toHaveText(tooMuch);
  await page.getByTestId('inv-save').click();
  await expect(page.getByTestId('inv-refusal')).toBeVisible();
  await expect(exempt).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`#/cases/${a.caseId}/investigation$`));
  expect((await api<CaseRecord>(page, 'cases.record', { caseId: a.caseId })).investigation).toBeNull();
  await shoot(page, 'investigation-row-error');
  expect(await axeSerious(page, 'row error')).toEqual([]);

  // ── Fixed: 300.00 元 exempt leaves 1,200.00 元 for three people, and the panel shows the arithmetic. ──
  await exempt.fill('300');
  await expect(panel).toHaveAttribute('data-state', 'ok');
  await expect(exempt).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('inv-incomes-problems')).toHaveCount(0);
  const perCapita = Math.floor(120_000 / 3);
  const proposed = Math.round(((standard - perCapita) * 3) / 100) * 100;
  const lines = panel.getByTestId('calc-line');
  await expect(lines.nth(0)).toHaveText('家庭月收入 1,500.00 元 − 收入豁免 300.00 元 − 就业成本扣减 0.00 元 − 刚性支出 0.00 元 = 月可支配收入 1,200.00 元');
  await expect(lines.nth(1)).toHaveText('人均月收入：1,200.00 元 ÷ 3 人 = 400.00 元（不足 1 分舍去）');
  await expect(lines.nth(2)).toHaveText(`低保金：（低保标准 ${formatYuan(standard)} 元 − 人均 400.00 元）× 3 人 = ${formatYuan(proposed)} 元（取整到元）`);
  await expect(panel.getByTestId('calc-net')).toHaveText('1,200.00 元');
  await expect(panel.getByTestId('calc-per-capita')).toHaveText('400.00 元');
  await expect(panel.getByTestId('calc-proposed')).toHaveText(`${formatYuan(proposed)} 元／月`);
  await shoot(page, 'investigation-form', [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]);

  // ── A reload keeps everything typed. ──
  await page.reload();
  await expect(form).toBeVisible();
  await expect(page.getByTestId('inv-income-gross')).toHaveValue('1,500.00');
  await expect(page.getByTestId('inv-income-exempt')).toHaveValue('300');
  await expect(page.getByTestId('inv-visit-note')).toHaveValue(/两居室/);
  await expect(people.nth(0)).toBeChecked();
  await expect(people.nth(1)).toBeChecked();
  await expect(page.getByTestId('inv-conclusion-eligible')).toBeChecked();
  await expect(panel.getByTestId('calc-proposed')).toHaveText(`${formatYuan(proposed)} 元／月`);

  // ── 保存调查: back to the case's page, the figures on the case. ──
  await page.getByTestId('inv-save').click();
  await expect(page).toHaveURL(new RegExp(`#/cases/${a.caseId}$`));
  const saved = await api<CaseRecord>(page, 'cases.record', { caseId: a.caseId });
  expect(saved.investigation?.perCapitaFen).toBe(perCapita);
  expect(saved.investigation?.proposedFen).toBe(proposed);
  expect(saved.investigation?.investigators).toHaveLength(2);
  expect(saved.perCapitaIncomeFen).toBe(perCapita);
  expect(saved.proposedAmountFen).toBe(proposed);
  // The draft went with the save: the form now starts from the investigation on file.
  await page.goto(`/#/cases/${a.caseId}/investigation`);
  await expect(page.getByTestId('inv-income-exempt')).toHaveValue('300.00');
  await expect(page.getByTestId('inv-visit-note')).toHaveValue(/两居室/);

  // ── 近亲属备案 and next month's meeting, through the API. ──
  const spouse = saved.household.members.find((m) => m.relation === 'spouse')!;
  const filed = await api<CaseRecord>(page, 'cases.fileCloseRelative', { caseId: a.caseId, memberId: spouse.id, relativeName: '测调庚', relativePost: '社区居委会委员', relation: 'sibling', filedOn: '2026-11-20' });
  expect(filed.closeRelative).toBe(true);
  const roster = await api<{ id: string }[]>(page, 'meetings.roster', {});
  const meeting = await api<{ id: string }>(page, 'meetings.create', { month: '2026-12', venue: '街道办事处三楼会议室', scheduledAt: '2026-12-18T09:30', chairMemberId: roster[0]!.id, recorderMemberId: roster[1]!.id });

  await page.goto(`/#/meetings/${meeting.id}/prepare`);
  await expect(page.getByTestId('prepare-tab')).toBeVisible();
  const agendaRow = page.locator('[data-testid="agenda-row"][data-head="测调甲"]');
  await expect(agendaRow).toHaveCount(1);
  await expect(agendaRow.getByTestId('agenda-per-capita')).toHaveText('400.00');
  await expect(agendaRow.getByTestId('agenda-proposed')).toHaveText(formatYuan(proposed));
  await expect(agendaRow.locator('.flag')).toContainText(['近亲属备案']);
  // The other household, taken in the same way but not investigated, waits for its investigation.
  expect((await api<CaseRecord>(page, 'cases.record', { caseId: b.caseId })).investigation).toBeNull();
  await expect(page.locator('[data-testid="agenda-row"][data-head="未调丁"]')).toHaveCount(0);
  await agendaRow.scrollIntoViewIfNeeded();
  await shoot(page, 'investigation-agenda');
  await agendaRow.screenshot({ path: `${shots}/investigation-agenda-row.png` });
});

test('a case already decided shows a notice instead of the form', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, CLERK);
  const rows = await api<{ id: string; status: string }[]>(page, 'cases.list', {});
  const decided = rows.find((r) => r.status === 'approved')!;
  await page.goto(`/#/cases/${decided.id}/investigation`);
  await expect(page.getByTestId('inv-readonly')).toContainText('不能再录入调查');
  await expect(page.getByTestId('inv-form')).toHaveCount(0);
});

test('临时救助: the proposed amount is typed, within the street’s limit, and the panel says so at the field', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  const session = await api<{ regionCode: string }>(page, 'session.current', {});
  const regions = await api<Region[]>(page, 'regions.list', {});
  const community = regions.find((r) => r.level === 'community' && r.parentCode === session.regionCode)!;
  const settings = await api<Settings & { temporaryLimitMonths: number }>(page, 'settings.get', {});
  const limit = Math.floor((settings.dibaoStandardUrbanFen * settings.temporaryLimitMonths) / 10_000) * 10_000;
  const c = await intake(page, community.code, [{ name: '临救己', birth: '19720808', seq: '931', relation: 'self' }], 'temporary');

  await page.goto(`/#/cases/${c.caseId}/investigation`);
  const amount = page.getByTestId('inv-temporary-amount');
  await expect(amount).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  expect(await description(page, amount)).toContain('请填写拟临时救助金额');
  await amount.fill(formatYuan(limit + 100));
  expect(await description(page, amount)).toContain(`超过街道审批限额 ${formatYuan(limit)} 元`);
  // Text that is no amount is said at the field, and the panel waits for it.
  await amount.fill('五百');
  expect(await description(page, amount)).toContain('不是有效金额');
  await amount.fill('500');
  await expect(amount).not.toHaveAttribute('aria-invalid', 'true');
  const panel = page.getByTestId('calc-panel');
  await expect(panel).toHaveAttribute('data-state', 'ok');
  await expect(panel.getByTestId('calc-line').last()).toHaveText(`临时救助：拟救助 500.00 元（街道审批限额 ${formatYuan(limit)} 元）`);
  await expect(panel.getByTestId('calc-proposed')).toHaveText('500.00 元（一次性）');
  // The single-person choice needs a household of more than one: the panel's problem is at that field.
  await page.getByTestId('inv-single-basis').selectOption('serious_illness');
  await expect(page.getByTestId('inv-single-basis')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('inv-single-basis').selectOption('');
  await expect(page.getByTestId('inv-single-basis')).not.toHaveAttribute('aria-invalid', 'true');
  // Saving with nothing chosen: the form marks what is still to give, without asking the service.
  await page.getByTestId('inv-save').click();
  await expect(page.getByTestId('inv-refusal')).toContainText('需要填写或改正');
  await expect(page.getByTestId('inv-cross-check')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('inv-conclusion')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('inv-cross-check-consistent')).toBeFocused();
  await page.getByTestId('inv-conclusion').scrollIntoViewIfNeeded();
  await shoot(page, 'investigation-temporary');
  expect(await axeSerious(page, 'temporary')).toEqual([]);
});
