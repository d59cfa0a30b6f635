// The bureau narrows the cases grid by street, searches any household member and full-width digits,
// sorts from the keyboard; the agenda's 移出 stays inside the visible table at 1366 × 768.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { login, apiAnswer as api } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';
import { openWithKeyBeside } from '../../electron/backend/db/at-rest';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });
const DB = 'test-results/e2e/harness.sqlite';
const sizes = [
  [1366, 768],
  [1920, 1080],
] as const;

/** One channel called as the page would, with whatever arguments a forger likes. */

/** The harness database, read-only: names and numbers the spec needs to type, as a caseworker would know them. */
function lookup<T>(sql: string): T {
  const db = openWithKeyBeside(DB, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

/** "显示 12 / 1,234 件" → [12, 1234] */
async function counts(page: Page): Promise<[number, number]> {
  await expect(page.getByTestId('case-grid-count')).not.toContainText('正在查找');
  const text = (await page.getByTestId('case-grid-count').textContent()) ?? '';
  const m = /显示\s*([\d,]+)\s*\/\s*([\d,]+)/.exec(text);
  if (!m) throw new Error(`unexpected count text: ${text}`);
  return [Number(m[1]!.replace(/,/g, '')), Number(m[2]!.replace(/,/g, ''))];
}

function column(page: Page, id: string) {
  return page.locator(`[data-testid="case-grid-body"] [role="row"] [role="gridcell"]:nth-child(${id})`);
}

const fullWidth = (s: string) => s.replace(/[0-9X-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

test('the bureau chooses a street: the communities and the cases narrow to it, at the service', async ({ page }) => {
  await login(page, 'bureau-chief');
  await page.goto('/');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  const [, district] = await counts(page);
  expect(district).toBeGreaterThan(10_000);
  // The grid's first window can come before the region list: count the communities once they are offered.
  await expect.poll(() => page.getByTestId('filter-community').locator('option').count()).toBeGreaterThan(20);
  const allCommunities = await page.getByTestId('filter-community').locator('option').count();

  await page.getByTestId('filter-street').selectOption({ label: '金盆街道' });
  const streetCode = await page.getByTestId('filter-street').inputValue();
  await expect(page.getByTestId('case-grid-count')).not.toContainText(`/ ${district.toLocaleString('zh-CN')} 件`);
  const [shown, inStreet] = await counts(page);
  expect(shown).toBe(inStreet);
  expect(inStreet).toBeLessThan(district);
  const fromService = await api<unknown[]>(page, 'cases.list', { streetCode });
  expect(fromService.ok && fromService.value.length).toBe(inStreet);
  // Only that street's communities are offered, and no longer prefixed with a street name.
  const values = (await page.getByTestId('filter-community').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v);
  expect(values.length).toBeGreaterThan(3);
  expect(values.length).toBeLessThan(allCommunities - 1);
  expect(values.every((v) => v.startsWith(streetCode))).toBe(true);
  await expect(page.getByTestId('filter-community').locator('option').nth(1)).not.toContainText('·');
  expect(new Set(await column(page, '2').allTextContents())).toEqual(new Set(['金盆街道']));

  // A community, then another street: the community is let go, not kept as an empty filter.
  await page.getByTestId('filter-community').selectOption(values[0]!);
  const [inCommunity] = await counts(page);
  expect(inCommunity).toBeLessThan(inStreet);
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${shots}/grid-street-${w}.png` });
  }
  await page.getByTestId('filter-street').selectOption({ label: '望江街道' });
  await expect(page.getByTestId('filter-community')).toHaveValue('');
  await expect.poll(async () => new Set(await column(page, '2').allTextContents())).toEqual(new Set(['望江街道']));

  // A street user has no street filter, and naming another street at the service gives nothing.
  await login(page, 'st001-staff1');
  await page.reload();
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  await expect(page.getByTestId('filter-street')).toHaveCount(0);
  expect(await api(page, 'cases.list', { streetCode })).toEqual({ ok: true, value: [] });
  const forged = await api(page, 'cases.list', { streetCode: '430188' });
  expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
  if (!forged.ok) expect(forged.error.message).toContain('街道代码应为 9 位数字');
});

test('search finds a household by a member who is not its head, and by full-width digits', async ({ page }) => {
  await login(page, 'bureau-chief');
  await page.goto('/');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  const [, district] = await counts(page);

  const member = lookup<{ name: string; head: string }>(
    "SELECT m.name, h.name AS head FROM members m JOIN members h ON h.household_id = m.household_id AND h.relation = 'self' JOIN cases c ON c.household_id = m.household_id WHERE m.relation = 'spouse' AND instr(h.name, m.name) = 0 AND length(m.name) = 3 ORDER BY m.id LIMIT 1",
  );
  await page.getByTestId('filter-search').fill(member.name);
  await expect(page.getByTestId('matched-member').first()).toBeVisible();
  const [found, total] = await counts(page);
  expect(total).toBe(district);
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(50);
  const heads = await column(page, '4').allTextContents();
  expect(heads.some((h) => h.startsWith(member.head) && h.includes(`成员 ${member.name}`))).toBe(true);
  for (const h of heads) expect(h).toContain(member.name);
  for (const [w, hgt] of sizes) {
    await page.setViewportSize({ width: w, height: hgt });
    await page.screenshot({ path: `${shots}/grid-member-search-${w}.png` });
  }

  // A case number typed with a Chinese input method in full-width mode, with spaces around it.
  const caseNo = lookup<{ case_no: string }>("SELECT case_no FROM cases WHERE street_code = '430188004' ORDER BY case_no LIMIT 1").case_no;
  await page.getByTestId('filter-search').fill(`  ${fullWidth(caseNo)} `);
  await expect(column(page, '1')).toHaveText([caseNo]);
  expect((await counts(page))[0]).toBe(1);

  // A whole ID number of a member, full-width too: that household's cases, and no ID on screen.
  const id = lookup<{ citizen_id: string; n: number }>(
    "SELECT m.citizen_id, (SELECT count(*) FROM cases c WHERE c.household_id = m.household_id) AS n FROM members m WHERE m.relation = 'child' AND EXISTS (SELECT 1 FROM cases c WHERE c.household_id = m.household_id) ORDER BY m.id LIMIT 1",
  );
  await page.getByTestId('filter-search').fill(fullWidth(id.citizen_id));
  await expect.poll(async () => (await counts(page))[0]).toBe(id.n);
  await expect(page.getByTestId('case-grid')).not.toContainText(id.citizen_id);

  // Longer than the service takes: said next to the box, the list is not searched.
  await page.getByTestId('filter-search').fill('张'.repeat(51));
  await expect(page.getByText('搜索内容不能超过 50 个字')).toBeVisible();
  await page.getByTestId('filter-search').fill('');
  await expect.poll(async () => (await counts(page))[0]).toBe(district);
});

test('grid headers sort from the keyboard and say how they sort', async ({ page }) => {
  await login(page, 'st001-staff1');
  await page.goto('/');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  const applied = page.getByRole('columnheader', { name: '申请日期' });
  const head = page.getByRole('columnheader', { name: '户主' });
  await expect(applied).toHaveAttribute('aria-sort', 'descending');
  await expect(head).toHaveAttribute('aria-sort', 'none');
  // 标记 cannot be sorted, so it claims no sort order at all.
  await expect(page.getByRole('columnheader', { name: '标记' })).not.toHaveAttribute('aria-sort', /.*/);

  // Tab goes from the rows to the first header, then along the headers.
  await page.getByTestId('case-grid-body').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '案件编号' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const headButton = page.getByRole('button', { name: '户主' });
  await expect(headButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(head).toHaveAttribute('aria-sort', 'ascending');
  await expect(applied).toHaveAttribute('aria-sort', 'none');
  const names = await column(page, '3').allTextContents();
  const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  expect(names.length).toBeGreaterThan(3);
  expect([...names].sort(pinyin.compare)).toEqual(names);
  await page.keyboard.press('Space');
  await expect(head).toHaveAttribute('aria-sort', 'descending');
  await expect(headButton).toBeFocused();
  expect((await column(page, '3').allTextContents())[0]).not.toBe(names[0]);
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${shots}/grid-keyboard-sort-${w}.png` });
  }
});

test('at 1366 × 768 the agenda’s 移出 column is inside the visible table', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'st003-staff1');
  const roster = await api<{ id: string; position: string }[]>(page, 'meetings.roster', {});
  if (!roster.ok) throw new Error(roster.error.message);
  const chair = roster.value.find((m) => m.position === 'chair')!;
  const recorder = roster.value.find((m) => m.position === 'recorder')!;
  const created = await api(page, 'meetings.create', { month: '2026-11', venue: '街道办事处二楼会议室', scheduledAt: '2026-11-24T09:30', chairMemberId: chair.id, recorderMemberId: recorder.id });
  expect(created.ok, JSON.stringify(created)).toBe(true);

  await page.goto('/');
  await page.getByRole('button', { name: '会议', exact: true }).click();
  await page.locator('[data-testid="meeting-row"][data-month="2026-11"]').click();
  const rows = page.getByTestId('agenda-row');
  await expect(rows.first()).toBeVisible();
  const wrap = page.getByTestId('agenda').locator('.table-wrap');
  const box = (await wrap.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1366);
  const buttons = page.getByTestId('remove-item');
  expect(await buttons.count()).toBeGreaterThan(3);
  for (const button of (await buttons.all()).slice(0, 4)) {
    const b = (await button.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(box.x);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
    // Visible, not only inside the box: nothing covers it at its centre.
    expect(await button.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
    })).toBe(true);
  }
  // No column is hidden to the right behind a horizontal scroll.
  expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  await page.screenshot({ path: `${shots}/grid-agenda-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${shots}/grid-agenda-1920.png` });
});
