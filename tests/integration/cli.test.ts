// The CLI and the demo, run as a person would run them: child processes, real files, exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfFonts, pdfText } from '../helpers/pdf';
import { householdAssistance } from '../../electron/backend/cases/assistance';
import { openDatabase } from '../../electron/backend/db/open';
import { addDays } from '../../shared/dates';
import { keyFileFor, openKeyed, readKeyFile } from '../../electron/backend/db/at-rest';

const dir = mkdtempSync(join(tmpdir(), 'jrd-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: string, args: string[], timeout = 120_000) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cli = (...args: string[]) => run('electron/backend/cli/main.ts', args);

describe('npm run cli', () => {
  it('explains unknown commands and options and exits non-zero', () => {
    const unknown = cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const badOption = cli('migrate', '--dbb', 'x.sqlite');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/unknown option --dbb/);
    const missing = cli('cases-pdf', '--db', join(dir, 'none.sqlite'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--community is required/);
    const noFile = cli('audit-verify', '--db', join(dir, 'typo.sqlite'));
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/数据库文件不存在/);
    expect(existsSync(join(dir, 'typo.sqlite'))).toBe(false);
  });

  it('generates a database, prints a community list and verifies the audit log', () => {
    const db = join(dir, 'cli.sqlite');
    const gen = cli('generate', '--db', db, '--households', '300', '--seed', '3');
    expect(gen.code, gen.stderr).toBe(0);
    const summary = JSON.parse(gen.stdout) as { households: number; districtCode: string };
    expect(summary).toMatchObject({ households: 300, districtCode: '430188' });
    expect(cli('generate', '--db', db).code).toBe(1);

    const out = join(dir, 'list.pdf');
    const pdf = cli('cases-pdf', '--db', db, '--community', '430188001001', '--out', out);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdf.stdout).toMatch(/list\.pdf\t\d+ pages\t\d+ bytes\tsha256 [0-9a-f]{64}/);
    expect(pdfText(out)).toContain('社会救助个案清单');

    const outside = cli('cases-pdf', '--db', db, '--community', '430188002001', '--out', join(dir, 'x.pdf'));
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/不在您的管辖范围内 \[forbidden\]/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);

    const audit = cli('audit-verify', '--db', db);
    expect(audit.code).toBe(0);
    expect(audit.stdout.trim()).toBe('audit log intact: 1 rows');
  });

  it('calls any channel as a roster user with `call`, printing the envelope, and acts as --as elsewhere too', () => {
    const db = join(dir, 'call.sqlite');
    expect(cli('generate', '--db', db, '--households', '300', '--seed', '3').code).toBe(0);
    const call = (...args: string[]) => cli('call', '--db', db, ...args);

    const list = call('--as', 'st002-staff1', 'meetings.list');
    expect(list.code, list.stderr).toBe(0);
    const meetings = JSON.parse(list.stdout) as { ok: true; value: { streetCode: string; id: string }[] };
    expect(meetings.ok).toBe(true);
    expect(new Set(meetings.value.map((m) => m.streetCode))).toEqual(new Set(['430188002']));

    // A write, as the user named: the command runs, is queued for sync and audited under that user.
    const roster = JSON.parse(call('--as', 'st002-staff1', 'meetings.roster', '{}').stdout) as { value: { id: string; position: string }[] };
    const chair = roster.value.find((m) => m.position === 'chair')!.id;
    const create = call('--as', 'st002-staff1', 'meetings.create', JSON.stringify({ month: '2026-11', venue: '枫林街道会议室', scheduledAt: '2026-11-25T09:00', chairMemberId: chair, recorderMemberId: chair }));
    expect(create.code, create.stdout).toBe(0);
    expect(JSON.parse(create.stdout)).toMatchObject({ ok: true, value: { streetCode: '430188002', status: 'draft' } });
    const outbox = call('--as', 'st002-staff1', 'sync.status');
    expect(JSON.parse(outbox.stdout)).toMatchObject({ ok: true, value: { pending: 1 } });

    // Refused: the envelope says why, the exit code is 1, nothing is written.
    const meetingId = (JSON.parse(create.stdout) as { value: { id: string } }).value.id;
    const foreign = call('--as', 'st001-staff1', 'meetings.open', JSON.stringify({ meetingId }));
    expect(foreign.code).toBe(1);
    expect(JSON.parse(foreign.stdout)).toEqual({ ok: false, error: { code: 'forbidden', message: '只有本街道的经办人和联审联批领导小组成员可以操作本街道的会议' } });
    const bad = call('--as', 'st002-staff1', 'meetings.addObserver', JSON.stringify({ meetingId, name: '', title: '书记' }));
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'invalid-args', message: '请填写列席人员姓名' } });
    expect(JSON.parse(call('--as', 'st002-staff1', 'sync.status').stdout)).toMatchObject({ value: { pending: 1 } });
    expect(JSON.parse(call('--as', 'st002-staff1', 'no.such').stdout)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });

    const nobody = call('--as', 'nobody', 'meetings.list');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/用户 nobody 不存在/);
    expect(call('--as', 'st002-staff1', 'meetings.list', '{not json').code).toBe(2);
    expect(call('meetings.list').code).toBe(2);

    // Other commands that act as a user take --as too: 枫林街道's community list, as its caseworker (the
    // database's own user, 望江街道's, may not print it).
    const asOther = cli('cases-pdf', '--db', db, '--community', '430188002001', '--out', join(dir, 'as.pdf'), '--as', 'st002-staff1');
    expect(asOther.code, asOther.stderr).toBe(0);
  }, 180_000);

  it('refuses a database from a newer version without touching it', () => {
    const db = join(dir, 'newer.sqlite');
    expect(cli('migrate', '--db', db).code).toBe(0);
    // Through its key: the file is encrypted (issue 21).
    const raw = openKeyed(db, readKeyFile(keyFileFor(db)));
    raw.pragma('user_version = 42');
    raw.close();
    const r = cli('migrate', '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/更新版本.*\[db-newer-version\]/);
  });
});

describe('npm run demo', () => {
  it('leaves demo.sqlite and PDFs with extractable Chinese in subset-embedded fonts', () => {
    const out = join(dir, 'demo');
    // The demo renders every document, the street's roster of some 25 pages among them: allow it time on a shared machine.
    const r = run('electron/backend/cli/demo.ts', ['--out', out], 270_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/演示数据：麓山区（430188）7 个街道（镇）/);
    expect(existsSync(join(out, 'demo.sqlite'))).toBe(true);
    const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(8);
    const first = join(out, pdfs.sort()[0]!);
    expect(pdfText(first)).toMatch(/社区社会救助个案清单/);
    expect(pdfFonts(first).every((f) => f.embedded && f.subset)).toBe(true);

    // One complete meeting of the demo street, its minutes, and the CLI re-rendering them to the same hash.
    const minutes = join(out, 'minutes-430188001-2026-11.pdf');
    expect(existsSync(minutes)).toBe(true);
    const text = pdfText(minutes).replace(/\s+/g, '');
    for (const word of ['望江街道社会救助联审联批领导小组会议纪要', '出席：', '请假：', '列席：', '表决结果', '回避：', '已离席']) expect(text).toContain(word);
    const meetingId = /id ([0-9a-f-]{36})/.exec(r.stdout)?.[1];
    expect(meetingId, r.stdout).toBeDefined();
    const again = cli('minutes', '--db', join(out, 'demo.sqlite'), '--meeting', meetingId!, '--out', join(dir, 'again.pdf'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/matches the hash stored at closing/);
    const sha = /SHA-256 ([0-9a-f]{64})/.exec(r.stdout)?.[1];
    expect(again.stdout).toContain(`sha256 ${sha}`);
    const missing = cli('minutes', '--db', join(out, 'demo.sqlite'), '--meeting', 'no-such-meeting', '--out', join(dir, 'x.pdf'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/没有找到这次会议/);

    // The meeting's notices, one per community, and a standing list; the CLI prints them too.
    const notices = readdirSync(out).filter((f) => /^notice-\d{12}\.pdf$/.test(f));
    expect(notices.length).toBeGreaterThan(0);
    const noticeText = pdfText(join(out, notices[0]!));
    expect(noticeText.replace(/\s+/g, '')).toContain('12349');
    expect(noticeText).not.toMatch(/\d{17}[\dX]|(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(readdirSync(out).filter((f) => f.startsWith('standing-'))).toHaveLength(1);
    const standing = cli('notice', '--db', join(out, 'demo.sqlite'), '--standing', '--community', '430188001002', '--out', join(dir, 'standing.pdf'));
    expect(standing.code, standing.stderr).toBe(0);
    expect(pdfText(join(dir, 'standing.pdf')).replace(/\s+/g, '')).toContain('长期公示');
    const both = cli('notice', '--db', join(out, 'demo.sqlite'), '--standing', '--batch', 'x', '--out', join(dir, 'x.pdf'));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --batch ID or --standing/);

    // The import template and one spreadsheet of each export, listed in the summary with their rows.
    const sheets = [...r.stdout.matchAll(/^\s+(\S+\.xlsx)\s+(\d+) 行/gm)].map((s) => ({ file: basename(s[1]!), rows: Number(s[2]) }));
    expect(sheets.map((s) => s.file)).toEqual(['roster-430188001-2026-11.xlsx', 'import-template.xlsx', expect.stringMatching(/^个案清单-/), expect.stringMatching(/^决定-430188001-2026-11-/), expect.stringMatching(/^公示-/), expect.stringMatching(/^抽查样本-/)]);
    for (const s of sheets) expect(existsSync(join(out, s.file)), s.file).toBe(true);
    expect(sheets.filter((s) => s.file !== 'import-template.xlsx').every((s) => s.rows > 0)).toBe(true);

    // The demo street's roster of the latest month allowed on the as-of day, printed without ID numbers.
    const rosterText = pdfText(join(out, 'roster-430188001-2026-11.pdf'));
    expect(rosterText.replace(/\s+/g, '')).toContain('望江街道2026年11月城乡低保、特困人员资金发放花名册');
    expect(rosterText).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
  }, 330_000);

  it("does not pay the held meeting's new approvals on the demo's day, while their notices run", async () => {
    const handle = openDatabase(join(dir, 'demo', 'demo.sqlite'));
    try {
      const approved = handle.sqlite
        .prepare(
          `SELECT c.household_id, b.end_date FROM decisions d JOIN meetings m ON m.id = d.meeting_id JOIN cases c ON c.id = d.case_id
           JOIN notice_items i ON i.case_id = c.id JOIN notice_batches b ON b.id = i.batch_id AND b.meeting_id = m.id
           WHERE m.street_code = '430188001' AND m.month = '2026-11' AND d.outcome = 'approve' AND c.kind = 'new_application'`,
        )
        .all() as { household_id: string; end_date: string }[];
      expect(approved.length).toBeGreaterThan(0);
      for (const a of approved) {
        expect((await householdAssistance(handle.db, a.household_id, '2026-11-20')).status).toBe('applicant');
        expect(a.end_date > '2026-11-20').toBe(true);
        expect((await householdAssistance(handle.db, a.household_id, addDays(a.end_date, 1))).status).toBe('active');
      }
    } finally {
      await handle.close();
    }
  });
});
