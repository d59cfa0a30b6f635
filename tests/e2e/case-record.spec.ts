// The case and household record page (#/cases/ID), in real Chromium against the generated district:
// - a street clerk opens a case from the grid by a click, and another by the keyboard (a focused row, Enter);
// - a household with several cases shows every one of them, and their decisions, in one history in time order;
// - an ID number is masked until 查看, then shown in full (the service audits the reveal);
// - a complaint recorded in its dialog (refused at its field first, nothing typed lost) flags the case;
// - a phone edited with a reason shows its new masked form; a prepayment above the limit is refused at the amount;
// - the bureau reads the page with no 查看 and no edit buttons.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CaseRecordView } from '../../shared/case-record';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import type { CaseRow } from '../../shared/domain';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screens';
mkdirSync(shots, { recursive: true });
const CLERK = 'st001-staff1';

// The harness's clock is 2026-11-20; the page's must agree, or a date defaulted to "today" is in its future.
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
});

async function openGrid(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  await expect(page.getByTestId('case-row').first()).toBeVisible();
}

const caseNoOf = async (row: ReturnType<Page['getByTestId']>) => ((await row.locator('[role="gridcell"]').first().textContent()) ?? '').trim();

async function expectRecord(page: Page, caseNo: string) {
  await expect(page.getByTestId('record-title')).toContainText(caseNo);
  await expect(page.getByTestId('record-household')).toBeVisible();
}

/** A case of the clerk's street the test may change: undecided, of the kind asked, with no flag yet. */
async function pendingCase(page: Page, pick: (r: CaseRow) => boolean): Promise<CaseRow> {
  const rows = await api<CaseRow[]>(page, 'cases.list', {});
  const found = rows.find((r) => (r.status === 'pending' || r.status === 'deferred') && pick(r));
  if (!found) throw new Error('no such case in the generated street');
  return found;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Serious or critical axe findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type V = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: V[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`);
  });
}

test('a street clerk opens one case from the grid by a click and another by the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  await openGrid(page);

  const first = page.getByTestId('case-row').first();
  const clicked = await caseNoOf(first);
  await first.click();
  await expect(page).toHaveURL(/#\/cases\/[A-Za-z0-9-]+$/);
  await expectRecord(page, clicked);
  await page.screenshot({ path: `${shots}/record-top-1366.png` });
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: '返回个案列表' }).click();
  await openGrid(page);
  // The active row is the rows' tab stop; the arrows carry focus along, Enter opens the focused row.
  await page.getByTestId('case-row').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = page.locator('[data-testid="case-row"][aria-rowindex="4"]');
  await expect(third).toBeFocused();
  await expect(third).toHaveAttribute('tabindex', '0');
  const typed = await caseNoOf(third);
  expect(typed).not.toBe(clicked);
  await page.screenshot({ path: `${shots}/grid-row-focus-1366.png` });
  await page.keyboard.press('Enter');
  await expectRecord(page, typed);

  // Enter on a header's sort button still sorts; it does not open a case.
  await page.goBack();
  await openGrid(page);
  await page.getByRole('button', { name: '户主' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: '户主' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('case-grid')).toBeVisible();
});

test('one household, one chain: its cases and decisions in one history, in time order', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  await page.goto('/');
  // Cases of one household share community, head and size; the record page says which household for sure.
  const rows = await api<CaseRow[]>(page, 'cases.list', {});
  const groups = new Map<string, CaseRow[]>();
  for (const r of rows) {
    const key = `${r.communityCode}|${r.headName}|${r.householdSize}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const candidates = [...groups.values()].filter((g) => g.length >= 4 && g.some((r) => r.status === 'approved') && g.some((r) => r.status === 'rejected'));
  let chosen: { cases: CaseRow[]; record: CaseRecordView } | null = null;
  for (const group of candidates.slice(0, 10)) {
    const records = await Promise.all(group.map((r) => api<CaseRecordView>(page, 'cases.record', { caseId: r.id })));
    if (new Set(records.map((r) => r.household.id)).size === 1) {
      chosen = { cases: group, record: records[0]! };
      break;
    }
  }
  if (!chosen) throw new Error('no generated household with four cases, approved and rejected');

  await page.goto(`/#/cases/${chosen.record.id}`);
  await expectRecord(page, chosen.record.caseNo);
  const history = page.getByTestId('record-history');
  await history.getByRole('heading', { name: '历史' }).scrollIntoViewIfNeeded();
  const entries = history.getByTestId('history-row');
  await expect(entries).toHaveCount(chosen.record.history.length);
  const at = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-at') ?? ''));
  expect([...at].sort()).toEqual(at);
  const listed = await entries.evaluateAll((els) => els.map((e) => ({ no: e.getAttribute('data-case-no'), kind: e.getAttribute('data-kind'), at: e.getAttribute('data-at') ?? '' })));
  for (const c of chosen.cases) {
    const own = listed.filter((e) => e.no === c.caseNo);
    const applied = own.find((e) => e.kind === 'application');
    expect(applied, `${c.caseNo} is in the history`).toBeTruthy();
    if (c.status === 'approved' || c.status === 'rejected') {
      const decided = own.filter((e) => e.kind === 'decision');
      expect(decided.length, `${c.caseNo}'s decision is in the history`).toBeGreaterThan(0);
      for (const d of decided) expect(d.at >= applied!.at).toBe(true);
    }
  }
  // The page's own case is marked; another case's number is plain text, not a way elsewhere.
  await expect(history.locator('tr.cr-here').first()).toContainText('本案');
  const other = chosen.cases.find((c) => c.id !== chosen.record.id)!;
  const otherRow = history.locator(`[data-testid="history-row"][data-case-no="${other.caseNo}"]`).first();
  await expect(otherRow).toContainText(other.caseNo);
  await expect(otherRow.locator('a, button')).toHaveCount(0);
  await otherRow.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/record-history-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await history.getByRole('heading', { name: '历史' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/record-history-1920.png` });
});

test('an ID number is masked until 查看, then shown in full in place', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  await page.goto('/');
  const c = await pendingCase(page, (r) => r.householdSize >= 2);
  await page.goto(`/#/cases/${c.id}`);
  await expectRecord(page, c.caseNo);
  await expect(page.getByText('查看完整信息会记入审计日志')).toBeVisible();

  const row = page.getByTestId('member-row').first();
  const id = row.getByTestId('member-citizen-id');
  const masked = (await id.textContent()) ?? '';
  expect(masked).toMatch(/^\d{2}\*+[\dX]{3}$/);
  await row.getByRole('button', { name: /^查看完整身份证号码/ }).click();
  await expect(id).toHaveText(/^\d{17}[\dX]$/);
  const full = (await id.textContent()) ?? '';
  expect(full.slice(0, 2)).toBe(masked.slice(0, 2));
  expect(full.slice(-3)).toBe(masked.slice(-3));
  await expect(row.getByRole('button', { name: /^查看完整身份证号码/ })).toHaveCount(0);
  // The other members stay masked.
  await expect(page.getByTestId('member-row').nth(1).getByTestId('member-citizen-id')).toContainText('*');
  // There is no channel that reads the audit log back (audit.verify checks only the chain, and the
  // backend's integration tests check the reveal's entry); the chain must still hold after the reveal.
  expect(await api<{ ok: boolean }>(page, 'audit.verify', {})).toMatchObject({ ok: true });

  // Left and come back: masked again.
  await page.getByRole('button', { name: '返回个案列表' }).click();
  // The list must be on screen (the record gone) before going back, or Back can come before the record leaves.
  await expect(page.getByRole('heading', { name: '个案', level: 1 })).toBeVisible();
  await expect(page.getByTestId('member-row')).toHaveCount(0);
  await page.goBack();
  await expect(page.getByTestId('member-row').first().getByTestId('member-citizen-id')).toHaveText(masked);
});

test('a complaint refused at its field, then recorded, flags the case; closing it needs the result', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  await page.goto('/');
  const c = await pendingCase(page, (r) => !r.complaint);
  await page.goto(`/#/cases/${c.id}`);
  await expectRecord(page, c.caseNo);
  const flags = page.getByTestId('record-flags');
  await expect(flags).not.toContainText('投诉举报');

  const open = page.getByRole('button', { name: '登记投诉举报' });
  await open.click();
  const dialog = page.getByTestId('complaint-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('complaint-channel').selectOption('hotline_12349');
  await dialog.getByTestId('complaint-complainant').fill('王先生');
  await dialog.getByTestId('dialog-submit').click();
  // The content is required: said at the box, which is marked and described by it; the rest stays typed.
  const content = dialog.getByTestId('complaint-content');
  await expect(content).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await content.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((i) => i.endsWith('-error'));
  expect(errorId).toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`)).toContainText('请填写投诉举报内容');
  await expect(dialog.getByTestId('complaint-complainant')).toHaveValue('王先生');
  await expect(dialog.getByTestId('complaint-channel')).toHaveValue('hotline_12349');
  await page.screenshot({ path: `${shots}/record-dialog-error-1366.png` });
  expect(await seriousViolations(page)).toEqual([]);

  await content.fill('反映该户有经营性收入未申报');
  await expect(content).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  await expect(flags).toContainText('投诉举报');
  const complaint = page.getByTestId('complaint-row').first();
  await expect(complaint).toContainText('反映该户有经营性收入未申报');
  await expect(complaint).toContainText('12349 热线');
  await expect(complaint).toContainText('处理中');

  await complaint.getByTestId('complaint-close').click();
  const closing = page.getByTestId('complaint-close-dialog');
  await closing.getByTestId('complaint-handling').fill('入户核实，该户经营的小卖部已于上月停业');
  await closing.getByTestId('dialog-submit').click();
  await expect(closing.getByTestId('complaint-result')).toHaveAttribute('aria-invalid', 'true');
  await expect(closing.getByTestId('complaint-handling')).toHaveValue('入户核实，该户经营的小卖部已于上月停业');
  await closing.getByTestId('complaint-result').fill('反映情况不属实，已告知投诉人');
  await closing.getByTestId('dialog-submit').click();
  await expect(closing).toHaveCount(0);
  await expect(page.getByTestId('complaint-row').first()).toContainText('已办结');
  await expect(page.getByTestId('complaint-row').first()).toContainText('反映情况不属实');
});

test('the phone edited with a reason shows its new masked form; a prepayment above the limit is refused at the amount', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  await page.goto('/');
  const temporary = (await api<CaseRow[]>(page, 'cases.list', {})).filter((r) => r.kind === 'temporary' && r.status === 'pending');
  const records = await Promise.all(temporary.map((r) => api<CaseRecordView>(page, 'cases.record', { caseId: r.id })));
  const record = records.find((r) => r.open && r.prepayment === null);
  if (!record) throw new Error('no undecided temporary case without a prepayment in the generated street');
  const c = { id: record.id, caseNo: record.caseNo };
  await page.goto(`/#/cases/${c.id}`);
  await expectRecord(page, c.caseNo);
  const phone = page.getByTestId('household-phone');
  const before = (await phone.textContent()) ?? '';
  expect(before).toContain('*');

  const edit = page.getByRole('button', { name: '修改家庭信息' });
  await edit.click();
  const dialog = page.getByTestId('household-dialog');
  await expect(dialog).toContainText('记入审计日志');
  await expect(dialog).toContainText('决定不因此改变');
  await dialog.getByTestId('edit-phone').fill('13912345678');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog.getByTestId('edit-reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('请填写修改原因');
  await expect(dialog.getByTestId('edit-phone')).toHaveValue('13912345678');
  await dialog.getByTestId('edit-reason').fill('户主更换了手机号码，本人到社区说明');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(edit).toBeFocused();
  await expect(phone).toHaveText('139****5678');
  await expect(page.getByTestId('record-history')).toContainText('修改家庭信息');

  // 先行救助: the limit is shown, an amount above it is refused at the amount, nothing typed is lost.
  {
    await page.getByRole('button', { name: '登记先行救助' }).click();
    const pay = page.getByTestId('prepayment-dialog');
    await expect(pay.getByTestId('prepayment-limit')).toContainText('元');
    await pay.getByTestId('prepayment-amount').fill(String(record.prepaymentLimitFen / 100 + 1));
    await pay.getByTestId('prepayment-reason').fill('房屋失火，急需购买生活用品');
    await pay.getByTestId('prepayment-approved-by').fill('张主任');
    await pay.getByTestId('dialog-submit').click();
    await expect(pay.getByTestId('prepayment-amount')).toHaveAttribute('aria-invalid', 'true');
    await expect(pay).toContainText('超过小金额先行救助的上限');
    await expect(pay.getByTestId('prepayment-reason')).toHaveValue('房屋失火，急需购买生活用品');
    await page.screenshot({ path: `${shots}/record-prepayment-error-1366.png` });
    await pay.getByTestId('prepayment-amount').fill('500');
    await pay.getByTestId('dialog-submit').click();
    await expect(pay).toHaveCount(0);
    await expect(page.getByTestId('prepayment')).toContainText('500.00 元');
    await expect(page.getByTestId('record-flags')).toContainText('先行救助');
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('record-facts').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/record-top-1920.png` });
});

test('a member added, edited and removed, each with a reason; a close-relative filing flags the case', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  await page.goto('/');
  const c = await pendingCase(page, (r) => !r.closeRelative);
  await page.goto(`/#/cases/${c.id}`);
  await expectRecord(page, c.caseNo);
  const members = page.getByTestId('member-row');
  const count = await members.count();

  // 添加成员: a wrong check digit is refused at the ID box, the name and the rest stay typed.
  const first17 = '43010420150607123';
  const good = first17 + citizenIdCheckChar(first17);
  const bad = first17 + (good.endsWith('1') ? '2' : '1');
  await page.getByRole('button', { name: '添加成员' }).click();
  const add = page.getByTestId('member-dialog');
  await expect(add).toContainText('记入审计日志');
  await add.getByTestId('member-name').fill('测小宝');
  await add.getByTestId('member-citizenId').fill(bad);
  await add.getByTestId('member-relation').selectOption('grandchild');
  await add.getByTestId('member-occupation').fill('在校学生');
  await add.getByTestId('edit-reason').fill('新生儿随祖父母生活，申请入户');
  await add.getByTestId('dialog-submit').click();
  await expect(add.getByTestId('member-citizenId')).toHaveAttribute('aria-invalid', 'true');
  await expect(add).toContainText('校验码');
  await expect(add.getByTestId('member-name')).toHaveValue('测小宝');
  await expect(add.getByTestId('member-occupation')).toHaveValue('在校学生');
  await page.screenshot({ path: `${shots}/record-member-error-1366.png` });
  await add.getByTestId('member-citizenId').fill(good);
  await expect(add.getByTestId('member-citizenId')).not.toHaveAttribute('aria-invalid', 'true');
  await add.getByTestId('dialog-submit').click();
  await expect(add).toHaveCount(0);
  await expect(members).toHaveCount(count + 1);
  const added = members.filter({ hasText: '测小宝' });
  // Sex and birth date come from the number; the number itself is masked.
  await expect(added).toContainText('2015年6月7日');
  await expect(added).toContainText('男');
  await expect(added.getByTestId('member-citizen-id')).toHaveText(/^43\*+\d{2}[\dX]$/);

  // 修改: only the changed field is sent; the reason is required.
  await added.getByRole('button', { name: '修改 测小宝' }).click();
  const edit = page.getByTestId('member-dialog');
  await edit.getByTestId('member-occupation').fill('小学生');
  await edit.getByTestId('edit-reason').fill('已入学');
  await edit.getByTestId('dialog-submit').click();
  await expect(edit).toHaveCount(0);
  await expect(added).toContainText('小学生');

  // 移出: with a reason; the history keeps the addition, the edit and the removal.
  await added.getByRole('button', { name: '移出 测小宝' }).click();
  const remove = page.getByTestId('remove-member-dialog');
  await remove.getByTestId('edit-reason').fill('随父母迁出本户');
  await remove.getByTestId('dialog-submit').click();
  await expect(remove).toHaveCount(0);
  await expect(members).toHaveCount(count);
  const history = page.getByTestId('record-history');
  await expect(history).toContainText('添加家庭成员测小宝');
  await expect(history).toContainText('修改成员测小宝的信息');
  await expect(history).toContainText('移出家庭成员测小宝');

  // 近亲属备案: the member chosen from the household, the relation from the list; the case is flagged.
  await expect(page.getByTestId('record-flags')).not.toContainText('近亲属备案');
  await page.getByRole('button', { name: '登记近亲属备案' }).click();
  const filing = page.getByTestId('filing-dialog');
  await filing.getByTestId('filing-name').fill('周建国');
  await filing.getByTestId('filing-post').fill('社区居委会委员');
  await filing.getByTestId('dialog-submit').click();
  await expect(filing.getByTestId('filing-member')).toHaveAttribute('aria-invalid', 'true');
  await expect(filing.getByTestId('filing-relation')).toHaveAttribute('aria-invalid', 'true');
  await filing.getByTestId('filing-member').selectOption({ index: 1 });
  await filing.getByTestId('filing-relation').selectOption('sibling');
  await filing.getByTestId('dialog-submit').click();
  await expect(filing).toHaveCount(0);
  await expect(page.getByTestId('record-flags')).toContainText('近亲属备案');
  await expect(page.getByTestId('filing-row')).toContainText(['周建国']);
});

test('a recorded investigation shows its lines and the arithmetic the service derived', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  await page.goto('/');
  // Every generated case is investigated: a new 临时救助 application of a household on file (one with no
  // undecided one) is taken in first, as the clerk would at 受理.
  const all = await api<CaseRow[]>(page, 'cases.list', {});
  // The harness's clock is the demo's day: the latest application is on it or before it.
  const appliedOn = all.map((r) => r.appliedOn).sort().at(-1)!;
  const decided = all.filter((r) => r.kind === 'temporary' && r.status === 'approved');
  const records = await Promise.all(decided.slice(0, 30).map((r) => api<CaseRecordView>(page, 'cases.record', { caseId: r.id })));
  const household = records.find((r) => r.household.members.length >= 2 && !records.some((o) => o.household.id === r.household.id && o.open))?.household;
  if (!household) throw new Error('no household of two or more with a decided temporary case');
  const taken = await api<{ caseId: string }>(page, 'cases.intake', {
    communityCode: household.communityCode, kind: 'temporary', category: 'temporary', appliedOn, reason: '突发疾病住院，生活暂时困难',
    documents: [], relativesDeclaration: 'none', relativesDeclarationNote: '', household: { on: 'file', householdId: household.id },
  });
  const before = await api<CaseRecordView>(page, 'cases.record', { caseId: taken.caseId });
  await page.goto(`/#/cases/${before.id}`);
  await expect(page.getByTestId('investigation-none')).toContainText('尚未调查');
  await expect(page.getByRole('button', { name: '登记调查' })).toBeVisible();

  // Recorded through the service as the investigation form would: two investigators, one income, one expense.
  const investigators = await api<{ userId: string }[]>(page, 'cases.investigators', { caseId: before.id });
  const member = before.household.members[1]!;
  const after = await api<CaseRecordView>(page, 'cases.recordInvestigation', {
    caseId: before.id,
    visitedOn: before.appliedOn,
    investigatorIds: investigators.slice(0, 2).map((i) => i.userId),
    visitNote: '入户查看住房和就医票据，情况属实',
    incomes: [{ memberId: member.id, source: 'wages', grossFen: 150000, exemptFen: 0, workCostFen: 20000, note: '超市理货' }],
    expenses: [{ kind: 'medical', monthlyFen: 30000, note: '住院自付部分' }],
    assets: [{ kind: 'deposit', description: '活期存款', valueFen: 200000 }],
    singlePerson: null,
    crossCheck: 'consistent',
    crossCheckNote: '',
    conclusion: 'eligible',
    conclusionNote: '',
    temporaryAmountFen: 50000,
    netIncomeFen: 100000,
    proposedAmountFen: 50000,
  });
  const inv = after.investigation!;
  await page.reload();
  const section = page.getByTestId('record-investigation');
  await expect(section.getByTestId('investigation-recorded')).toBeVisible();
  await expect(section.getByTestId('investigation-arithmetic').locator('li')).toHaveText(inv.arithmetic);
  await expect(section.getByTestId('investigation-incomes')).toContainText(member.name);
  await expect(section.getByTestId('investigation-incomes')).toContainText('1,500.00 元');
  await expect(section.getByTestId('investigation-expenses')).toContainText('自负医疗费用');
  await expect(section.getByTestId('investigation-assets')).toContainText('活期存款');
  await expect(section.getByTestId('investigation-conclusion')).toContainText('符合条件');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/record-investigation-1366.png` });
  await section.getByRole('button', { name: '重新调查' }).click();
  await expect(page).toHaveURL(new RegExp(`#/cases/${before.id}/investigation$`));
});

test('the bureau reads a case with nothing to reveal and nothing to edit', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, CLERK);
  await page.goto('/');
  const c = await pendingCase(page, () => true);
  await login(page, 'bureau-chief');
  await page.goto(`/#/cases/${c.id}`);
  await page.reload();
  await expectRecord(page, c.caseNo);
  await expect(page.getByTestId('member-row').first()).toBeVisible();
  const pageBody = page.getByTestId('case-record');
  await expect(pageBody.getByRole('button', { name: /^查看/ })).toHaveCount(0);
  for (const name of ['修改家庭信息', '添加成员', '修改', '移出', '登记近亲属备案', '登记投诉举报', '登记调查', '重新调查', '登记先行救助', '办结']) {
    await expect(pageBody.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(page.getByText('查看完整信息会记入审计日志')).toHaveCount(0);
  await expect(page.getByTestId('member-row').first().getByTestId('member-citizen-id')).toContainText('*');
  await page.screenshot({ path: `${shots}/record-bureau-1366.png` });
});
