// 从表格导入 (issue 16) in real Chromium against the generated district, through the browser harness. The
// files are made here: IDs to GB 11643 with their check character, the street's own community codes as
// the page's API gives them.
// - a standard CSV is checked (nothing written), imported, and its cases are in the grid;
// - a file with bad rows lists each by row and column, offers no import, and its refusals download as a
//   workbook that says the same; one whose people changed since its check is refused at the import;
// - a provincial .xlsx (a title row, other headers) asks for the mapping; saved, the file checks clean,
//   and a second file of that layout is read by the saved mapping without asking; a mapping is deleted;
// - a file that is no spreadsheet, and one over 20 MB, are an alert and change nothing else;
// - a large file's check shows its progress row by row; the bureau has no import.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { standardHeaders } from '../../shared/import/fields';
import { api, login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';
import { expectAccessible, withWrongCheck } from './support/axe';

startFromGeneratedDistrict();

const shots = 'test-results/screens';
mkdirSync(shots, { recursive: true });

const CLERK = 'st001-staff1';
const STREET = '430188001';
const TODAY = '2026-11-20';
const MAPPING = '省低收入人口系统导出';

/** A valid 18-character ID born in 长沙 宁乡 (not the generated district's own code, so no one on file has it). */
function citizenId(birth: string, seq: string): string {
  const first17 = `430124${birth.replace(/-/g, '')}${seq}`;
  return first17 + citizenIdCheckChar(first17);
}

type Person = { community: string; head: string; name: string; id: string; relation: string; category?: string; kind?: string; date?: string; income?: string; phone?: string; address?: string };
const rowOf = (p: Person) => [p.community, p.head, p.name, p.id, p.relation, p.category ?? '低保对象', p.kind ?? '新申请', p.date ?? '2026-11-05', p.income ?? '1200.50', p.phone ?? '13807310001', p.address ?? '望江街道江边路 20 号'];

function standardCsv(people: Person[]): Buffer {
  const lines = [standardHeaders, ...people.map(rowOf)].map((r) => r.join(','));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

/** The provincial system's export: a title merged across the top, then its own headers, and a serial number. */
const provincialHeaders = ['序号', '所属社区编码', '户主证件号码', '成员姓名', '成员证件号码', '与户主关系', '人员类别', '申请事项', '申请时间', '家庭月收入', '联系方式', '居住地址'];
function provincialXlsx(people: Person[]): Buffer {
  const rows = [['麓山区低收入人口申请汇总表'], provincialHeaders, ...people.map((p, i) => [String(i + 1), ...rowOf(p)])];
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: provincialHeaders.length - 1 } }];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '申请汇总');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}


/** The street's communities, as the intake form lists them. */
async function communities(page: Page): Promise<string[]> {
  const regions = await api<{ code: string; level: string; parentCode: string | null }[]>(page, 'regions.list', {});
  const codes = regions.filter((r) => r.level === 'community' && r.parentCode === STREET).map((r) => r.code);
  expect(codes.length).toBeGreaterThan(1);
  return codes;
}

async function openImport(page: Page, size: { width: number; height: number } = { width: 1366, height: 768 }) {
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  await login(page, CLERK);
  await page.setViewportSize(size);
  await page.goto('/');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  await page.getByRole('button', { name: '从表格导入' }).click();
  await expect(page).toHaveURL(/#\/cases\/import$/);
  await expect(page.getByRole('heading', { name: '从表格导入', level: 1 })).toBeVisible();
}

async function choose(page: Page, name: string, buffer: Buffer, mimeType = 'text/csv') {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer });
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('a standard CSV is checked, imported all at once, and its cases are in the grid', async ({ page }) => {
  await openImport(page);
  const [first, second] = await communities(page);
  await expectAccessible(page);

  // The template: its handler may come from another branch; the button answers either way.
  await page.getByTestId('import-template').click();
  await expect(page.getByTestId('import-template-saved').or(page.getByTestId('import-template-error'))).toBeVisible();

  // The file input is reached from the keyboard, after the template's button.
  await page.getByTestId('import-template').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('import-file')).toBeFocused();
  await expect(page.getByTestId('import-file')).toHaveAccessibleName(/选择要导入的表格文件/);
  await page.screenshot({ path: `${shots}/import-empty-focus-1366.png` });

  const head = citizenId('1975-04-18', '871');
  const lone = citizenId('1948-12-02', '893');
  const file = standardCsv([
    { community: first!, head, name: '柏青山', id: head, relation: '本人' },
    { community: first!, head, name: '柳如烟', id: citizenId('1977-08-09', '862'), relation: '配偶' },
    { community: first!, head, name: '柏小禾', id: citizenId('2012-03-15', '854'), relation: '子女' },
    { community: second!, head: lone, name: '覃守义', id: lone, relation: '本人', category: '特困人员', income: '0', address: '望江街道临江村 3 组' },
  ]);
  await choose(page, '十一月申请.csv', file);

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await expect(page.getByRole('heading', { name: /检查结果：十一月申请\.csv/ })).toBeFocused();
  await expect(page.getByTestId('report-rows')).toHaveText('4 行');
  await expect(page.getByTestId('report-households')).toHaveText('2 户');
  await expect(page.getByTestId('report-accepted')).toHaveText('4 行');
  await expect(page.getByTestId('report-unchanged')).toHaveText('0 行');
  await expect(page.getByTestId('report-refused')).toHaveText('0 行');
  await expect(page.getByTestId('report-mapping')).toHaveText('标准模板');
  await expect(report).toContainText('CSV 文本（UTF-8 编码）');
  await expect(page.getByTestId('report-verdict')).toContainText('检查没有写入任何数据');
  await expect(page.getByTestId('import-chosen')).toContainText('十一月申请.csv');
  await expectAccessible(page);
  // A check writes nothing: the grid does not know the head yet.
  const before = await api<{ id: string }[]>(page, 'cases.list', { search: '柏青山' });
  expect(before).toHaveLength(0);

  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-verdict')).toContainText('已导入：新增 2 户、4 人，登记 2 个申请');
  await expect(report).toHaveAttribute('data-written', 'true');
  await expect(page.getByRole('heading', { name: /导入结果/ })).toBeFocused();
  await page.screenshot({ path: `${shots}/import-done-1366.png` });

  // The same file again: every row is on file, and importing it adds nothing.
  await choose(page, '十一月申请.csv', file);
  await expect(page.getByTestId('report-unchanged')).toHaveText('4 行');
  await expect(page.getByTestId('report-verdict')).toContainText('文件中的申请都已在档');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-verdict')).toHaveText('文件中的申请都已在档，没有新增。');

  await page.getByTestId('import-back-to-cases').click();
  await expect(page).toHaveURL(/#\/cases$/);
  await page.getByTestId('filter-search').fill('柏青山');
  const rows = page.locator('[data-testid="case-grid-body"] [role="row"]', { hasText: '柏青山' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('待审议');
  await page.getByTestId('filter-search').fill('覃守义');
  await expect(page.locator('[data-testid="case-grid-body"] [role="row"]', { hasText: '覃守义' })).toHaveCount(1);
});

test('a file with bad rows names each row and column, offers no import, and its refusals download', async ({ page }) => {
  await openImport(page);
  const [first] = await communities(page);
  const good = citizenId('1969-01-21', '811');
  const wrong = withWrongCheck(citizenId('1971-02-03', '823'));
  const elsewhere = citizenId('1980-06-30', '835');
  const odd = citizenId('1990-09-09', '847');
  const future = citizenId('1985-05-05', '859');
  const file = standardCsv([
    { community: first!, head: good, name: '晏长庚', id: good, relation: '本人' },
    { community: first!, head: wrong, name: '错号人', id: wrong, relation: '本人' },
    // A community of another street: this street cannot take it in.
    { community: '430188002001', head: elsewhere, name: '外街人', id: elsewhere, relation: '本人' },
    { community: first!, head: odd, name: '五保户', id: odd, relation: '本人', category: '五保户' },
    { community: first!, head: future, name: '未来人', id: future, relation: '本人', date: '2026-12-25' },
  ]);
  await choose(page, '有错的表.csv', file);

  await expect(page.getByTestId('import-report')).toBeVisible();
  await expect(page.getByTestId('report-refused')).toHaveText('4 行');
  await expect(page.getByTestId('report-verdict')).toContainText('全部导入或全部不导入');
  await expect(page.getByTestId('import-run')).toHaveCount(0);
  const table = page.getByTestId('refusals-table');
  const at = (row: number) => table.locator(`[data-testid="refusal-row"][data-row="${row}"]`);
  /** A refusal of `row` at the column headed `column`, its reason containing `reason`. */
  const expectRefused = (row: number, column: string, reason = '') =>
    expect(at(row).filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${column}$`) }) }).filter({ hasText: reason }).first()).toContainText(`第 ${row} 行`);
  // Row 3's number is both the person's and the head's: refused in both columns.
  await expectRefused(3, '身份证号', '校验码');
  await expectRefused(3, '户主身份证号');
  await expectRefused(4, '社区代码');
  await expectRefused(5, '救助类别', '五保户');
  await expectRefused(6, '申请日期', '晚于今天');
  await expect(at(2)).toHaveCount(0);
  // By row, top to bottom.
  const order = await table.locator('[data-testid="refusal-row"]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-row'))));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/import-refusals-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${shots}/import-refusals-1920.png` });

  await page.getByTestId('refusals-download').click();
  const saved = page.getByTestId('refusals-saved');
  await expect(saved).toContainText('.xlsx');
  const path = (await saved.locator('.path').textContent())!.trim();
  const sheet = XLSX.read(readFileSync(path)).Sheets['不能导入的行']!;
  const listed = XLSX.utils.sheet_to_json<(string | number)[]>(sheet, { header: 1 });
  expect(listed[0]).toEqual(['行号', '列', '不能导入的原因']);
  expect(listed.slice(1).map((r) => [r[0], r[1]])).toEqual(expect.arrayContaining([[3, '身份证号'], [4, '社区代码'], [5, '救助类别'], [6, '申请日期']]));
  // Nothing of the file was written.
  expect(await api<unknown[]>(page, 'cases.list', { search: '晏长庚' })).toHaveLength(0);
});

test('a file whose people changed on the desk since the check is refused at the import, and nothing is written', async ({ page }) => {
  await openImport(page);
  const [first] = await communities(page);
  const head = citizenId('1972-11-11', '731');
  const wife = citizenId('1974-01-30', '722');
  await choose(page, '两人.csv', standardCsv([
    { community: first!, head, name: '钮家栋', id: head, relation: '本人' },
    { community: first!, head, name: '蓝晓燕', id: wife, relation: '配偶' },
  ]));
  await expect(page.getByTestId('report-refused')).toHaveText('0 行');
  // Meanwhile the wife is taken in at 受理 on a household of her own.
  await api(page, 'cases.intake', {
    communityCode: first, kind: 'new_application', category: 'dibao', appliedOn: TODAY, reason: '独自生活，申请低保。', documents: [],
    relativesDeclaration: 'none', relativesDeclarationNote: '',
    household: { on: 'new', areaType: 'urban', address: '望江街道江边路 22 号', phone: '13807310002', members: [{ name: '蓝晓燕', citizenId: wife, relation: 'self', occupation: '', health: '', disability: '' }] },
  });
  await page.getByTestId('import-run').click();
  await expect(page.getByRole('heading', { name: /导入结果：两人\.csv/ })).toBeFocused();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-written', 'false');
  await expect(page.getByTestId('report-verdict')).toContainText('这次没有写入任何数据');
  await expect(page.getByTestId('refusals-table').locator('[data-testid="refusal-row"][data-row="3"]').first()).toContainText('身份证号');
  await expect(page.getByTestId('import-run')).toHaveCount(0);
  expect(await api<unknown[]>(page, 'cases.list', { search: '钮家栋' })).toHaveLength(0);
});

test('a provincial layout is mapped once, saved, and the next file of it is read by the saved mapping', async ({ page }) => {
  await openImport(page);
  const [first, second] = await communities(page);
  const a = citizenId('1958-07-07', '775');
  const b = citizenId('1962-10-01', '787');
  await choose(page, '省系统导出-11月.xlsx', provincialXlsx([
    { community: first!, head: a, name: '甘雨田', id: a, relation: '户主' },
    { community: first!, head: a, name: '甘小满', id: citizenId('2010-05-20', '764'), relation: '儿子' },
    { community: second!, head: b, name: '龙秋菊', id: b, relation: '户主', category: '低保边缘家庭', income: '1,650' },
  ]), xlsxType);

  const step = page.getByTestId('mapping-step');
  await expect(step).toBeVisible();
  await expect(page.getByRole('heading', { name: /指定列对应关系/ })).toBeFocused();
  await expect(page.getByTestId('mapping-layout')).toContainText('“申请汇总”');
  await expect(page.getByTestId('mapping-layout')).toContainText('表头在第 2 行');
  await expect(page.getByTestId('mapping-saved-none')).toBeVisible();
  // The header the template shares with this layout is chosen already, and the provincial names are offered.
  await expect(page.getByTestId('mapping-relation')).toHaveValue('与户主关系');
  await expect(page.getByTestId('mapping-communityCode')).toHaveValue('所属社区编码');
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/import-mapping-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${shots}/import-mapping-1920.png` });
  await page.setViewportSize({ width: 1366, height: 768 });

  const pick: [string, string][] = [
    ['communityCode', '所属社区编码'], ['headCitizenId', '户主证件号码'], ['name', '成员姓名'], ['citizenId', '成员证件号码'], ['category', '人员类别'],
    ['kind', '申请事项'], ['appliedOn', '申请时间'], ['monthlyIncome', '家庭月收入'], ['phone', '联系方式'], ['address', '居住地址'],
  ];
  // The provincial system's names for the fields are offered; the person looks at each before saving.
  for (const [field, header] of pick) await expect(page.getByTestId(`mapping-${field}`)).toHaveValue(header);
  // Saving with a field left and no name: each is said at its place, the first takes the focus.
  await page.getByTestId('mapping-communityCode').selectOption('');
  await page.getByTestId('mapping-save').click();
  await expect(page.getByTestId('mapping-communityCode')).toBeFocused();
  await expect(page.getByTestId('mapping-communityCode')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('mapping-title')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('mapping-communityCode').selectOption('所属社区编码');
  await expect(page.getByTestId('mapping-communityCode')).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('mapping-title').fill(MAPPING);
  await page.getByTestId('mapping-save').click();

  await expect(page.getByTestId('import-report')).toBeVisible();
  await expect(page.getByTestId('report-mapping')).toHaveText(MAPPING);
  await expect(page.getByTestId('report-refused')).toHaveText('0 行');
  await expect(page.getByTestId('report-households')).toHaveText('2 户');
  await expect(page.getByTestId('import-report')).toContainText('Excel 工作簿（.xlsx）');
  await expect(page.getByTestId('import-report')).toContainText('表头在第 2 行');
  await page.screenshot({ path: `${shots}/import-report-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${shots}/import-report-1920.png` });
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('report-verdict')).toContainText('新增 2 户、3 人');

  // The next month's file of the same layout: recognised by the saved mapping, no question asked.
  const c = citizenId('1955-03-03', '799');
  await choose(page, '省系统导出-12月.xlsx', provincialXlsx([{ community: first!, head: c, name: '房德厚', id: c, relation: '户主', category: '特困人员', date: '2026-11-19' }]), xlsxType);
  await expect(page.getByTestId('import-report')).toBeVisible();
  await expect(page.getByTestId('mapping-step')).toHaveCount(0);
  await expect(page.getByTestId('report-mapping')).toHaveText(MAPPING);
  await expect(page.getByTestId('report-accepted')).toHaveText('1 行');

  // A third layout is not this one: the saved mapping is offered, and deleted after a confirmation.
  const other = Buffer.from('姓名,证件号\r\n房德厚,' + c + '\r\n', 'utf8');
  await choose(page, '别的表.csv', other);
  await expect(page.getByTestId('mapping-step')).toBeVisible();
  await page.getByTestId('mapping-saved').selectOption(MAPPING);
  await page.getByTestId('mapping-delete').click();
  const dialog = page.getByTestId('mapping-delete-dialog');
  await expect(dialog).toContainText(MAPPING);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('mapping-delete').click();
  await page.getByTestId('mapping-delete-confirm').click();
  await expect(page.getByTestId('mapping-saved-none')).toBeVisible();
  expect(await api<unknown[]>(page, 'imports.mappings', {})).toEqual([]);
});

test('a file that is no spreadsheet, or too large, is an alert and nothing else changes', async ({ page }) => {
  await openImport(page);
  const [first] = await communities(page);
  const head = citizenId('1966-06-16', '749');
  await choose(page, '一户.csv', standardCsv([{ community: first!, head, name: '葛望春', id: head, relation: '本人' }]));
  await expect(page.getByTestId('report-rows')).toHaveText('1 行');

  await choose(page, '扫描件.xlsx', Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n\0\0binary'), xlsxType);
  const alert = page.getByTestId('import-alert');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('扫描件.xlsx');
  await expect(alert).toContainText('不是电子表格');
  await expect(alert).toBeFocused();
  // The report of the file before is still the one shown, and it can still be imported.
  await expect(page.getByRole('heading', { name: /检查结果：一户\.csv/ })).toBeVisible();
  await expect(page.getByTestId('import-run')).toBeVisible();
  await expectAccessible(page);

  // Over 20 MB: refused before it is read or sent.
  await choose(page, '全区.csv', Buffer.alloc(20 * 1024 * 1024 + 1, 0x41));
  await expect(alert).toContainText('超过导入上限 20 MB');
  await expect(alert).toContainText('全区.csv');
  await expect(page.getByRole('heading', { name: /检查结果：一户\.csv/ })).toBeVisible();
});

test('a large file shows how far the check is, row by row, and is then reported', async ({ page }) => {
  await openImport(page);
  const codes = await communities(page);
  const people: Person[] = Array.from({ length: 3000 }, (_, i) => {
    const day = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000 * 5).toISOString().slice(0, 10);
    const id = citizenId(day, String(700 + (i % 50) * 2 + 1).padStart(3, '0'));
    return { community: codes[i % codes.length]!, head: id, name: `测试${i}`, id, relation: '本人' };
  });
  // Every state the bar passes through, recorded in the page: on a fast machine the check may be over
  // between two polls of an assertion.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label="检查进度"]');
      const text = bar?.getAttribute('aria-valuetext');
      const entry = `${text}|${bar?.getAttribute('aria-valuenow') ?? ''}`;
      if (text && seen.at(-1) !== entry) seen.push(entry);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await choose(page, '全街道.csv', standardCsv(people));
  await expect(page.getByTestId('report-rows')).toHaveText('3,000 行', { timeout: 60_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  expect(seen[0]).toMatch(/^正在读取文件…\|$/);
  const counted = seen.filter((t) => /^已检查 [\d,]+ \/ 3,000 行\|\d+$/.test(t));
  expect(counted.length).toBeGreaterThan(0);
});

test('the bureau, which takes in no application, has no import button and the screen says why', async ({ page }) => {
  await login(page, 'bureau-chief');
  await page.goto('/');
  await expect(page.getByTestId('case-grid-count')).toContainText('显示');
  await expect(page.getByTestId('case-import')).toHaveCount(0);
  await page.goto('/#/cases/import');
  await expect(page.getByRole('alert')).toContainText('只有街道经办人和联审联批领导小组成员可以导入申请');
});
