// A street office holds its monthly meeting in real Chromium against a real database, through the
// browser harness: create it, trim the agenda, take attendance, hold every item from the keyboard on
// the projector screen (with a recusal and a decision the service refuses), close it, and read the
// minutes PDF back with poppler.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chooseDate, expectDate } from './support/dates';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { login } from './support/harness';
import { startFromGeneratedDistrict } from './support/reset';

startFromGeneratedDistrict();

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const AGENDA_SIZE = 12;
type Outcome = 'approve' | 'reject' | 'defer';
// What the meeting decides on items 1..12; 不同意 and 暂缓 need a reason, typed in the dialog.
const plan: Outcome[] = ['approve', 'approve', 'approve', 'reject', 'approve', 'defer', 'approve', 'approve', 'reject', 'approve', 'defer', 'approve'];
const outcomeWord: Record<Outcome, string> = { approve: '同意', reject: '不同意', defer: '暂缓' };
const key: Record<Outcome, string> = { approve: 'a', reject: 'r', defer: 'd' };

/**
 * The last agenda row that is neither flagged nor a new application: the flagged cases stay on the
 * agenda (and on screen), and so does the new application whose approval makes a notice due.
 */
async function lastPlainRow(page: Page): Promise<Locator> {
  const rows = page.getByTestId('agenda-row');
  for (let i = (await rows.count()) - 1; i >= 0; i--) {
    const row = rows.nth(i);
    if ((await row.locator('.flag').count()) === 0 && !(await row.textContent())!.includes('新申请')) return row;
  }
  throw new Error('no plain agenda row left to remove');
}

async function removeRow(page: Page, row: Locator, reason: string) {
  const before = await page.getByTestId('agenda-row').count();
  await row.getByTestId('remove-item').click();
  await expect(page.getByTestId('remove-reason')).toBeFocused();
  await page.keyboard.type(reason);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('agenda-row')).toHaveCount(before - 1);
}

/** pdftotext's text with all white space removed: CJK lines wrap and letter-spaced titles split. */
/** The minutes' text as one run: no white space, and no page numbers (—6—) where a page breaks a sentence. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '').replace(/—\d+—/g, '');
}

function between(text: string, start: string, ends: string[]): string {
  const from = text.indexOf(start);
  expect(from, `“${start}” in the minutes`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(from + start.length);
  const stops = ends.map((e) => rest.indexOf(e)).filter((i) => i >= 0);
  return rest.slice(0, stops.length ? Math.min(...stops) : undefined);
}

test('a street office holds its November meeting on the projector, from agenda to minutes', async ({ page }) => {
  test.setTimeout(300_000);
  // The harness's clock is 2026-11-20; the page's clock must agree for "this month".
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00+08:00'));
  await login(page, 'st001-staff1');
  await page.goto('/');
  await page.getByRole('button', { name: '会议', exact: true }).click();

  // ── The list: past meetings of 望江街道, none for November yet. ──
  const list = page.getByTestId('meeting-list');
  await expect(list).toBeVisible();
  expect(await page.getByTestId('meeting-row').count()).toBeGreaterThan(5);
  await expect(page.locator('[data-testid="meeting-row"][data-month="2026-11"]')).toHaveCount(0);
  await expect(list).toContainText('已结束');
  await expect(list).toContainText('第10期');
  await page.screenshot({ path: `${shots}/meetings-list.png` });

  // ── 新建会议: month from today's date, venue from the last meeting, chair and recorder from the roster. ──
  await page.getByTestId('meeting-create').click();
  await expectDate(page.getByTestId('create-month'), '2026-11');
  await expect(page.getByTestId('create-venue')).toHaveValue('望江街道办事处三楼会议室');
  await expect(page.getByTestId('create-chair')).not.toHaveValue('');
  await expect(page.getByTestId('create-recorder')).not.toHaveValue('');
  await chooseDate(page.getByTestId('create-time'), '2026-11-20T09:30');
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('meeting-title')).toContainText('望江街道2026年11月联审联批会议');
  await expect(page.getByTestId('meeting-title')).toContainText('第11期');
  await expect(page.getByTestId('meeting-status')).toHaveText('准备中');

  // ── 准备: trim the agenda to 12 items, one removal too many, then add that case back from the candidates. ──
  const rows = page.getByTestId('agenda-row');
  const built = await rows.count();
  expect(built).toBeGreaterThan(AGENDA_SIZE);
  await expect(page.locator('[data-testid="agenda-row"] .flag').first()).toBeVisible();
  while ((await rows.count()) > AGENDA_SIZE - 1) await removeRow(page, await lastPlainRow(page), '材料不全，退回社区补充调查');
  const removed = page.getByTestId('removed-row');
  await expect(removed).toHaveCount(built - AGENDA_SIZE + 1);
  await expect(removed.first()).toContainText('理由：材料不全，退回社区补充调查');
  const backHead = (await removed.last().locator('.strong').textContent())!.trim();
  await page.getByTestId('add-case').click();
  await page.getByTestId('candidate-search').fill(backHead);
  await page.getByTestId('candidate-row').filter({ hasText: backHead }).getByTestId('candidate-add').click();
  await expect(rows).toHaveCount(AGENDA_SIZE);
  await expect(page.locator(`[data-testid="agenda-row"][data-head="${backHead}"]`)).toContainText('补充');
  await expect(page.getByTestId('agenda-count')).toHaveText(String(AGENDA_SIZE));
  await page.getByTestId('add-case').click();

  // ── Attendance: everyone present, then one member on leave (the quorum holds), one observer. ──
  const quorumLine = page.getByTestId('roster-quorum');
  await expect(quorumLine).toContainText('未达到法定人数');
  await page.getByTestId('all-present').click();
  await expect(quorumLine).toContainText('出席 6 人');
  const members = page.getByTestId('attendance-row');
  const names = await members.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  const onLeave = names[4]!;
  await members.nth(4).getByTestId('att-leave').click();
  await expect(page.getByTestId('leave-reason')).toBeFocused();
  await page.keyboard.type('参加区财政局培训');
  await page.keyboard.press('Enter');
  await expect(members.nth(4)).toHaveAttribute('data-attendance', 'leave');
  await expect(members.nth(4)).toContainText('事由：参加区财政局培训');
  await expect(quorumLine).toContainText('已达到法定人数');
  const observer = { name: '周晓梅', title: '区民政局社会救助科科员' };
  await page.getByTestId('observer-name').fill(observer.name);
  await page.getByTestId('observer-title').fill(observer.title);
  await page.getByTestId('observer-add').click();
  await expect(page.getByTestId('observer-row')).toHaveCount(1);
  await page.getByTestId('prepare-tab').evaluate((e) => e.closest('.tab-panel')?.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/meeting-prepare.png`, fullPage: false });

  // ── 会中 on a 1280×800 projector. ──
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('open-meeting').click();
  const screen = page.getByTestId('session-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('quorum')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('quorum').locator('.pj-quorum-figure strong')).toHaveText('5');
  const item = page.getByTestId('session-item');
  const position = page.getByTestId('session-position');
  await expect(position).toContainText(`第 1 / ${AGENDA_SIZE} 项`);

  // → and ← move through the agenda; letters typed in a field never act.
  await page.keyboard.press('ArrowRight');
  await expect(position).toContainText('第 2 /');
  await page.keyboard.press('ArrowLeft');
  await expect(position).toContainText('第 1 /');
  // Esc closes a dialog and only the dialog: the projector stays on the same item.
  await page.keyboard.press('d');
  await expect(page.getByTestId('decision-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('decision-dialog')).toBeHidden();
  await expect(screen).toBeVisible();
  await expect(position).toContainText('第 1 /');

  const held: { head: string; community: string; outcome: Outcome; kind: string }[] = [];
  let refused = false;
  let recused = '';
  let noted = false;
  for (let n = 1; n <= AGENDA_SIZE; n++) {
    await expect(position).toContainText(`第 ${n} /`);
    const head = (await item.getAttribute('data-head'))!;
    const community = (await item.getAttribute('data-community'))!;
    const rule = await item.getAttribute('data-amount-rule');
    const kind = (await item.getAttribute('data-kind'))!;
    // A new application is approved, so the closed meeting has a notice due.
    const outcome = kind === 'new_application' ? 'approve' : plan[n - 1]!;

    // The 近亲属备案 names a member of the leading group: the screen says so, H opens the recusal dialog
    // with that member chosen, and the member recuses and leaves the room.
    const hint = page.getByTestId('recusal-hint');
    const recusedHere = (await hint.count()) > 0;
    if (recusedHere) {
      await page.screenshot({ path: `${shots}/meeting-session-flagged.png` });
      const hinted = (await hint.textContent())!;
      const member = names.find((name) => hinted.includes(name))!;
      expect(member).toBeTruthy();
      const before = Number((await page.getByTestId('eligible-voters').locator('strong').textContent())!);
      await page.keyboard.press('h');
      const dialog = page.getByTestId('recusal-dialog');
      await expect(dialog).toBeVisible();
      await expect(page.getByTestId('recusal-member')).toBeFocused();
      await expect(page.getByTestId('recusal-member').locator('option:checked')).toContainText(member);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('与本户家庭成员系近亲属');
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId('recusal-row')).toHaveCount(1);
      await expect(page.getByTestId('recusal-row')).toContainText(`${member}`);
      await expect(page.getByTestId('recusal-row')).toContainText('与本户家庭成员系近亲属，已离场');
      await expect(hint).toHaveCount(0);
      await expect(page.getByTestId('eligible-voters').locator('strong')).toHaveText(String(before - 1));
      recused = member;
      await page.screenshot({ path: `${shots}/meeting-session-recusal.png` });
    }

    let confirm = 'Enter';
    await page.keyboard.press(key[outcome]);
    const dialog = page.getByTestId('decision-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId(`decision-outcome-${outcome}`)).toHaveAttribute('aria-checked', 'true');
    await expect(dialog).toContainText(recusedHere ? `回避：${recused}` : '回避：无');
    if (outcome === 'approve') {
      if (rule === 'required') {
        const amount = page.getByTestId('decision-amount');
        await expect(amount).toBeFocused();
        const proposed = await amount.inputValue();
        expect(proposed).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
        if (!refused) {
          // An amount above the limit: the service refuses, the dialog stays open with its message.
          await page.keyboard.type('99999');
          await page.keyboard.press('Enter');
          await expect(page.getByTestId('decision-error')).toContainText('超出允许范围');
          await page.screenshot({ path: `${shots}/meeting-decision-refused.png` });
          await page.keyboard.press('Control+A');
          await page.keyboard.type(proposed);
          refused = true;
        }
      }
    } else {
      await expect(page.getByTestId('decision-reason')).toBeFocused();
      // Latin letters typed into the dialog are text, never the A / R / D commands behind it.
      await page.keyboard.type(outcome === 'reject' ? '家庭人均收入高于当地低保标准' : '待补充 ADL 评估和 MRI 报告');
      await expect(page.getByTestId(`decision-outcome-${outcome}`)).toHaveAttribute('aria-checked', 'true');
      if (outcome === 'reject' && !noted) {
        // Reason → 赞成 → 反对 → 弃权 → 讨论情况; Enter there is a new line, Ctrl+Enter confirms.
        for (let t = 0; t < 4; t++) await page.keyboard.press('Tab');
        await expect(page.getByTestId('decision-notes')).toBeFocused();
        await page.keyboard.type('经讨论，家庭收入已超过标准');
        await page.keyboard.press('Enter');
        await expect(dialog).toBeVisible();
        await page.keyboard.type('与会成员意见一致');
        await expect(page.getByTestId('decision-notes')).toHaveValue('经讨论，家庭收入已超过标准\n与会成员意见一致');
        confirm = 'Control+Enter';
        noted = true;
      }
    }
    if (n === 1) await page.screenshot({ path: `${shots}/meeting-decision-dialog.png` });
    await page.keyboard.press(confirm);
    await expect(dialog).toBeHidden();
    held.push({ head, community, outcome, kind });
    if (n === 1) {
      // The decision just taken is shown when going back to it.
      await page.keyboard.press('ArrowLeft');
      await expect(page.getByTestId('session-decision')).toHaveAttribute('data-outcome', 'approve');
      await page.screenshot({ path: `${shots}/meeting-session-decided.png` });
      await page.keyboard.press('ArrowRight');
    }
    if (n === 3) await page.screenshot({ path: `${shots}/meeting-session.png` });
  }
  expect(refused).toBe(true);
  expect(recused).not.toBe('');
  await expect(page.getByTestId('session-progress')).toContainText(`已决定 ${AGENDA_SIZE} / ${AGENDA_SIZE} 项`);

  // A decision at 1920×1080 too, for the screenshot of a full-HD projector.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('button', { name: '3', exact: true }).click();
  await page.screenshot({ path: `${shots}/meeting-session-1080p.png` });

  // ── Esc leaves the projector; with every item decided it lands on 纪要. ──
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.press('Escape');
  await expect(screen).toBeHidden();
  await expect(page.getByTestId('minutes-progress')).toContainText(`已决定 ${AGENDA_SIZE} / ${AGENDA_SIZE} 项`);
  await page.getByTestId('close-meeting').click();
  await expect(page.getByTestId('close-dialog')).toBeVisible();
  await page.getByTestId('close-confirm').click();
  await expect(page.getByTestId('minutes-sha256')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 60_000 });
  await expect(page.getByTestId('meeting-status')).toHaveText('已结束');
  // Approved changes of who is paid and how much are announced: new, increase, decrease, phase-out, termination.
  const announced = new Set(['new_application', 'increase', 'decrease', 'phase_out', 'termination']);
  const due = held.filter((h) => announced.has(h.kind) && h.outcome === 'approve').length;
  expect(due).toBeGreaterThan(0);
  await expect(page.getByTestId('notice-due')).toHaveText(`${due} 户待公示`);
  await page.screenshot({ path: `${shots}/meeting-minutes.png` });
  const path = (await page.getByTestId('minutes-path').textContent())!.trim();
  expect(path).toMatch(/minutes-430188001-2026-11\.pdf$/);

  // ── The minutes, as poppler reads them. ──
  const text = pdfText(path);
  expect(text).toContain('会议纪要');
  expect(text).toContain('望江街道社会救助联审联批领导小组');
  const present = between(text, '出席：', ['请假：', '列席：', '缺席：', '记录人：']);
  for (const name of names.slice(0, 6).filter((n) => n !== onLeave)) expect(present).toContain(name);
  expect(present).not.toContain(onLeave);
  const leave = between(text, '请假：', ['列席：', '缺席：', '记录人：']);
  expect(leave).toContain(onLeave);
  expect(leave).toContain('参加区财政局培训');
  expect(between(text, '列席：', ['缺席：', '记录人：'])).toContain(observer.name);
  expect(text).toContain(`回避：${recused}`);
  expect(text).toContain('与本户家庭成员系近亲属');
  expect(noted).toBe(true);
  expect(text).toContain('经讨论，家庭收入已超过标准');
  expect(text).toContain('待补充ADL评估和MRI报告');
  for (const [i, h] of held.entries()) {
    const at = text.indexOf(`关于${h.community}${h.head}户`);
    expect(at, `item ${i + 1} (${h.head}) in the minutes`).toBeGreaterThanOrEqual(0);
    const next = held[i + 1] ? text.indexOf(`关于${held[i + 1]!.community}${held[i + 1]!.head}户`) : text.indexOf('议定事项汇总表');
    expect(text.slice(at, next)).toContain(`会议决定：${outcomeWord[h.outcome]}`);
  }
  // The 纪要 tab shows the file written at closing, checked against the stored SHA-256; it offers no
  // second rendering of a file it has.
  const sha = (await page.getByTestId('minutes-sha256').textContent())!.trim();
  await expect(page.getByTestId('minutes-path')).toHaveText(path);
  await expect(page.getByTestId('minutes-state')).toHaveAttribute('data-state', 'matches');
  await expect(page.getByTestId('minutes-regenerate')).toHaveCount(0);
  expect(sha).toMatch(/^[0-9a-f]{64}$/);

  // Back in the list, the meeting is closed with 12 of 12 decided.
  await page.getByTestId('meeting-back').click();
  const row = page.locator('[data-testid="meeting-row"][data-month="2026-11"]');
  await expect(row).toHaveAttribute('data-status', 'closed');
  await expect(row).toContainText(`${AGENDA_SIZE} / ${AGENDA_SIZE}`);
  await expect(page.getByTestId('meeting-open-note')).toHaveCount(0);
  await expect(page.getByTestId('meeting-create')).toBeEnabled();
});

test('the district bureau reads a street meeting but cannot change it', async ({ page }) => {
  await login(page, 'bureau-chief');
  await page.goto('/');
  await page.getByRole('button', { name: '会议', exact: true }).click();
  await expect(page.getByTestId('meeting-list')).toContainText('枫林街道');
  // The bureau holds no meetings of its own.
  await expect(page.getByTestId('meeting-create')).toHaveCount(0);
  await page.locator('[data-testid="meeting-row"][data-month="2026-10"]').filter({ hasText: '望江街道' }).click();
  await expect(page.getByTestId('meeting-status')).toHaveText('已结束');
  // A closed meeting opens on its minutes. Generated history was not closed in this app, so no hash is stored.
  await expect(page.getByTestId('minutes-sha256')).toContainText('历史会议');
  await expect(page.getByTestId('notice-due')).toBeVisible();
  await expect(page.getByTestId('close-meeting')).toHaveCount(0);
  await page.getByTestId('tab-prepare').click();
  await expect(page.getByTestId('agenda-row').first()).toBeVisible();
  await expect(page.getByTestId('remove-item')).toHaveCount(0);
  await expect(page.getByTestId('all-present')).toHaveCount(0);
  await expect(page.getByTestId('add-case')).toHaveCount(0);
  await expect(page.getByTestId('meeting-facts')).toContainText('望江街道办事处三楼会议室');
});
