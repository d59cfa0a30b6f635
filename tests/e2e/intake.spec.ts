// 受理申请 (issue 15) in real Chromium against the generated district, through the browser harness:
// - a street clerk opens the form from the grid, enters a new household of three with IDs made to
//   GB 11643 here (the district's address code, a birth date, a sequence and the check character), the
//   third one's check digit wrong; the refusal is shown at that member's ID and everything typed stays,
//   across a reload too; fixed, the application is taken in, the record page opens and the grid finds
//   the case by the head's name;
// - a person already on another household is refused with the case that holds them, and the finder
//   shows that household with its case still waiting for a decision.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { api, login } from './support/harness';
import { chooseDate, expectDate } from './support/dates';
import { startFromGeneratedDistrict } from './support/reset';
import { expectAccessible, withWrongCheck } from './support/axe';

startFromGeneratedDistrict();

const shots = 'test-results/screens';
mkdirSync(shots, { recursive: true });

const DISTRICT = '430188';
const CLERK = 'st001-staff1';
const TODAY = '2026-11-20';

/** A valid 18-character ID: the district's code, the birth date, a sequence (odd for men) and its check character. */
function citizenId(birth: string, seq: string): string {
  const first17 = `${DISTRICT}${birth.replace(/-/g, '')}${seq}`;
  return first17 + citizenIdCheckChar(first17);
}



async function openIntake(page: Page, shot?: string) {
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  await login(page, CLERK);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  if (shot) await page.screenshot({ path: `${shots}/${shot}` });
  await page.getByRole('button', { name: '受理申请' }).click();
  await expect(page).toHaveURL(/#\/cases\/new$/);
  await expect(page.getByRole('heading', { name: '受理申请', level: 1 })).toBeVisible();
}

type Person = { name: string; id: string; relation: string; occupation: string; health: string };

async function fillMember(page: Page, i: number, p: Person) {
  if (i > 0) await page.getByTestId('member-add').click();
  await page.getByTestId(`member-${i}-name`).fill(p.name);
  await page.getByTestId(`member-${i}-citizenId`).fill(p.id);
  await page.getByTestId(`member-${i}-relation`).selectOption({ label: p.relation });
  await page.getByTestId(`member-${i}-occupation`).fill(p.occupation);
  await page.getByTestId(`member-${i}-health`).fill(p.health);
}

async function fillMatter(page: Page, reason: string) {
  await page.getByTestId('intake-category').selectOption({ label: '低保对象' });
  const community = page.getByTestId('intake-community');
  await community.selectOption({ index: 1 });
  await expectDate(page.getByTestId('intake-applied-on'), TODAY);
  await page.getByTestId('intake-reason').fill(reason);
}

async function fillNewHousehold(page: Page, address: string, phone: string) {
  await page.getByText('新家庭', { exact: true }).click();
  await page.getByTestId('intake-area-type').selectOption({ label: '城市' });
  await page.getByTestId('intake-address').fill(address);
  await page.getByTestId('intake-phone').fill(phone);
}

/** The message a refused input is described by. */
async function describedText(page: Page, testId: string): Promise<string> {
  const ids = (await page.getByTestId(testId).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

test('a clerk takes in a new household of three; a wrong check digit is refused at that member and nothing typed is lost', async ({ page }) => {
  await openIntake(page, 'intake-grid-button-1366.png');
  // Nothing about the household yet: the finder first.
  await expect(page.getByTestId('intake-find')).toBeVisible();
  await page.screenshot({ path: `${shots}/intake-empty-1366.png`, fullPage: false });
  await expectAccessible(page);

  const head: Person = { name: '严冬青', id: citizenId('1978-05-12', '173'), relation: '户主', occupation: '灵活就业', health: '患慢性病' };
  const spouse: Person = { name: '柯春梅', id: citizenId('1980-09-03', '264'), relation: '配偶', occupation: '无业', health: '健康' };
  const goodChildId = citizenId('2009-02-17', '351');
  const child: Person = { name: '严子航', id: withWrongCheck(goodChildId), relation: '子女', occupation: '在校学生', health: '健康' };
  const reason = '户主患慢性病，妻子无业，儿子在读初中，家庭人均收入低于当地低保标准，申请纳入最低生活保障。';
  const address = '麓山区望江街道江边路 18 号 2 栋 301 室';
  const phone = '13807314562';

  await fillMatter(page, reason);
  await page.getByTestId('intake-declared-income').fill('1,280.5');
  const communityCode = await page.getByTestId('intake-community').inputValue();
  expect(communityCode).toMatch(/^430188001\d{3}$/);
  await fillNewHousehold(page, address, phone);
  await expect(page.getByTestId('member-0-relation')).toHaveValue('self');
  await fillMember(page, 0, head);
  // The ID is read as it is typed: sex and birth date, from the same check the service runs.
  await expect(page.getByTestId('member-0-id-hint')).toContainText('男');
  await expect(page.getByTestId('member-0-id-hint')).toContainText('1978年5月12日');
  await fillMember(page, 1, spouse);
  await expect(page.getByTestId('member-1-id-hint')).toContainText('女');
  await fillMember(page, 2, child);
  await expect(page.getByTestId('member-2-id-hint')).toContainText('校验码');
  await page.getByTestId('member-2-disability-type').selectOption({ label: '肢体残疾' });
  await page.getByTestId('member-2-disability-grade').selectOption({ label: '二级' });

  for (const kind of ['application_form', 'id_card', 'household_register']) await page.getByTestId(`doc-${kind}-check`).check();
  await expectDate(page.getByTestId('doc-id_card-date'), TODAY);
  await chooseDate(page.getByTestId('doc-household_register-date'), '2026-11-18');
  await page.getByTestId('intake-declaration-none').check();

  // The service refuses the third member's number, at that member's ID box.
  await page.getByTestId('intake-submit').click();
  const childId = page.getByTestId('member-2-citizenId');
  await expect(childId).toHaveAttribute('aria-invalid', 'true');
  const message = await describedText(page, 'member-2-citizenId');
  expect(message).toContain('第 3 位成员');
  expect(message).toContain('身份证号码');
  await expect(childId).toBeFocused();
  await expect(page).toHaveURL(/#\/cases\/new$/);
  await expect(page.getByTestId('member-0-citizenId')).not.toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: `${shots}/intake-field-error-1366.png` });
  await expectAccessible(page);

  // Everything typed is still there: after the refusal, and after a reload of the window.
  async function expectAllTyped(childIdValue: string) {
    await expect(page.getByTestId('intake-kind')).toHaveValue('new_application');
    await expect(page.getByTestId('intake-category')).toHaveValue('dibao');
    await expect(page.getByTestId('intake-community')).toHaveValue(communityCode);
    await expectDate(page.getByTestId('intake-applied-on'), TODAY);
    await expect(page.getByTestId('intake-reason')).toHaveValue(reason);
    await expect(page.getByTestId('intake-declared-income')).toHaveValue('1,280.5');
    await expect(page.getByTestId('intake-area-type')).toHaveValue('urban');
    await expect(page.getByTestId('intake-address')).toHaveValue(address);
    await expect(page.getByTestId('intake-phone')).toHaveValue(phone);
    await expect(page.getByTestId('intake-member')).toHaveCount(3);
    for (const [i, p] of [head, spouse, { ...child, id: childIdValue }].entries()) {
      await expect(page.getByTestId(`member-${i}-name`)).toHaveValue(p.name);
      await expect(page.getByTestId(`member-${i}-citizenId`)).toHaveValue(p.id);
      await expect(page.getByTestId(`member-${i}-relation`)).toHaveValue(['self', 'spouse', 'child'][i]!);
      await expect(page.getByTestId(`member-${i}-occupation`)).toHaveValue(p.occupation);
      await expect(page.getByTestId(`member-${i}-health`)).toHaveValue(p.health);
    }
    await expect(page.getByTestId('member-2-disability-type')).toHaveValue('肢体');
    await expect(page.getByTestId('member-2-disability-grade')).toHaveValue('二级');
    for (const kind of ['application_form', 'id_card', 'household_register']) await expect(page.getByTestId(`doc-${kind}-check`)).toBeChecked();
    await expect(page.getByTestId('doc-income_proof-check')).not.toBeChecked();
    await expectDate(page.getByTestId('doc-household_register-date'), '2026-11-18');
    await expect(page.getByTestId('intake-declaration-none')).toBeChecked();
  }
  await expectAllTyped(child.id);
  await page.reload();
  await expectAllTyped(child.id);

  // Fixed, the message goes at once and the application is taken in.
  await childId.fill(goodChildId);
  await expect(childId).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('member-2-id-hint')).toContainText('2009年2月17日');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('intake-declaration-none').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/intake-filled-1920.png` });
  await page.getByTestId('intake-submit').click();
  await expect(page).toHaveURL(/#\/cases\/(?!new$)[A-Za-z0-9-]+$/);
  // The declared income, typed in 元, is on the record in fen and shown as money.
  await expect(page.getByTestId('fact-declared-income')).toContainText('1,280.50');

  // The draft is gone: a new intake starts empty.
  await page.goto('/#/cases/new');
  await expect(page.getByTestId('intake-reason')).toHaveValue('');

  // The grid finds the new case by the head's name, waiting for a decision.
  await page.getByRole('button', { name: '个案', exact: true }).click();
  await page.getByTestId('filter-search').fill(head.name);
  const rows = page.locator('[data-testid="case-grid-body"] [role="row"]', { hasText: head.name });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('待审议');
  await expect(rows.first()).toContainText(/430188001-202611-\d{3}/);
});

test('a person already on another household is refused with the case that holds them', async ({ page }) => {
  await openIntake(page);
  const communityCode = await page.getByTestId('intake-community').locator('option').nth(1).getAttribute('value');
  // A household on file, with a case waiting for a decision, taken in through the service.
  const heldId = citizenId('1966-10-08', '415');
  const held = await api<{ caseNo: string }>(page, 'cases.intake', {
    communityCode,
    kind: 'new_application',
    category: 'dibao',
    appliedOn: TODAY,
    reason: '户主无劳动能力，申请低保。',
    documents: [],
    relativesDeclaration: 'none',
    relativesDeclarationNote: '',
    household: { on: 'new', areaType: 'urban', address: '麓山区望江街道临江巷 6 号', phone: '13907319876', members: [{ name: '符建国', citizenId: heldId, relation: 'self', occupation: '', health: '', disability: '' }] },
  });

  // 临时救助 is a kind and a category at once; other kinds never offer it as a category.
  const kind = page.getByTestId('intake-kind');
  const category = page.getByTestId('intake-category');
  expect(await category.locator('option').allTextContents()).not.toContain('临时救助');
  await kind.selectOption({ label: '临时救助' });
  await expect(category).toHaveValue('temporary');
  await expect(category).toBeDisabled();
  // A change of assistance is for a household on file only: the form says so and offers no new one.
  await kind.selectOption({ label: '变更（增发）' });
  await expect(category).toHaveValue('');
  await expect(page.getByTestId('intake-mode-new')).toBeDisabled();
  await expect(page.getByTestId('intake-mode-note')).toContainText('只能为已登记的家庭办理');
  await kind.selectOption({ label: '新申请' });
  await expect(page.getByTestId('intake-mode-new')).toBeEnabled();

  // The finder shows it, and warns of the case still open.
  await page.getByTestId('intake-find').fill('符建国');
  await page.getByTestId('intake-find').press('Enter');
  const match = page.getByTestId('intake-match').filter({ hasText: '符建国' });
  await expect(match).toHaveCount(1);
  await expect(match).toContainText(`该户有待审议的个案 ${held.caseNo}`);
  await expect(match).not.toContainText(heldId);
  await page.screenshot({ path: `${shots}/intake-finder-1366.png` });

  // The same person entered again on a new household is refused, naming the case.
  await fillMatter(page, '户主无劳动能力，申请低保。');
  await fillNewHousehold(page, '麓山区望江街道临江巷 8 号', '13907311111');
  await fillMember(page, 0, { name: '符建国', id: heldId, relation: '户主', occupation: '', health: '' });
  await page.getByTestId('intake-declaration-none').check();
  await page.getByTestId('intake-submit').click();
  const headId = page.getByTestId('member-0-citizenId');
  await expect(headId).toHaveAttribute('aria-invalid', 'true');
  const message = await describedText(page, 'member-0-citizenId');
  expect(message).toContain(`个案 ${held.caseNo}`);
  expect(message).toContain('一人只能在一户中');
  // The refusal names the person by a masked number, as the rest of the screen does.
  expect(message).not.toContain(heldId);
  await expect(page).toHaveURL(/#\/cases\/new$/);
  await expect(page.getByTestId('member-0-citizenId')).toHaveValue(heldId);

  // A declared income that is no amount is asked for again at its field, before the service is called.
  const income = page.getByTestId('intake-declared-income');
  await income.fill('一千二');
  await page.getByTestId('intake-submit').click();
  await expect(income).toHaveAttribute('aria-invalid', 'true');
  await expect(income).toBeFocused();
  expect(await describedText(page, 'intake-declared-income')).toContain('家庭月总收入');
  await income.fill('1200');
  await expect(income).not.toHaveAttribute('aria-invalid', 'true');
});
