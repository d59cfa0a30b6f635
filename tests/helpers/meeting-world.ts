// A small street with a leading group and a month of pending cases, enough to hold a meeting on a
// real database. Every household carries an ID number, phone and address so tests can check that
// none of them leaks into what the meeting produces.
import type { DbHandle } from '../../electron/backend/db/open';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import type { api } from './api';
import { NOW, seedMinimal } from './minimal';

export const ROSTER = [
  { id: 'cm-chair', name: '赵建国', position: 'chair', title: '街道办事处主任', voting: 1 },
  { id: 'cm-deputy', name: '钱秀英', position: 'deputy', title: '分管社会事务副主任', voting: 1 },
  { id: 'cm-m1', name: '孙立新', position: 'member', title: '社会事务办主任', voting: 1 },
  { id: 'cm-m2', name: '李红梅', position: 'member', title: '财政所所长', voting: 1 },
  { id: 'cm-disc', name: '周正', position: 'discipline', title: '街道纪工委副书记', voting: 1 },
  { id: 'cm-rec', name: '吴小燕', position: 'recorder', title: '社会事务办工作人员', voting: 0 },
] as const;

export type WorldCase = { id: string; caseNo: string; head: string; kind: string; proposed: number | null };

function citizenId(n: number): string {
  const first17 = `43018819${String(700101 + n).padStart(6, '0')}${String(100 + n).slice(-3)}`.slice(0, 17);
  return first17 + citizenIdCheckChar(first17);
}

export function seedMeetingWorld(handle: DbHandle, caseCount = 6): { userId: string; cases: WorldCase[] } {
  const { userId } = seedMinimal(handle);
  const db = handle.sqlite;
  db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188001002', '桥头社区', 'community', '430188001', 2024, ?)").run(NOW);
  db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188002', '岳麓街道', 'street', '430188', 2024, ?)").run(NOW);
  db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188002001', '山下社区', 'community', '430188002', 2024, ?)").run(NOW);
  db.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-other', 'other', '岳经办', 'street_staff', '430188002', ?)").run(NOW);
  db.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-bureau', 'bureau', '区督查', 'bureau_inspector', '430188', ?)").run(NOW);
  const member = db.prepare(
    "INSERT INTO committee_members (id, street_code, name, position, title, voting, sort_order, updated_at) VALUES (?, '430188001', ?, ?, ?, ?, ?, ?)",
  );
  ROSTER.forEach((m, i) => member.run(m.id, m.name, m.position, m.title, m.voting, i + 1, NOW));

  const kinds = ['new_application', 'increase', 'temporary', 'termination', 're_review', 'new_application', 'decrease', 'phase_out'] as const;
  const surnames = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗';
  const cases: WorldCase[] = [];
  const household = db.prepare(
    "INSERT INTO households (id, household_no, street_code, community_code, area_type, address, phone, category, assistance_status, monthly_amount_fen, updated_at) VALUES (?, ?, ?, ?, 'urban', ?, ?, ?, ?, ?, ?)",
  );
  const person = db.prepare(
    "INSERT INTO members (id, household_id, name, citizen_id, gender, birth_date, relation, monthly_income_fen, occupation, health, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const caseRow = db.prepare(
    `INSERT INTO cases (id, case_no, household_id, street_code, community_code, category, kind, status, applied_on, reason, current_amount_fen, proposed_amount_fen,
       per_capita_income_fen, income_check_note, home_visit_note, prepaid_amount_fen, prepaid_on, close_relative, complaint, complaint_note, caseworker, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, '家庭收入低于当地低保标准', ?, ?, 42000, '经信息核对，家庭无机动车、无商业保险', '入户调查：住房简陋，家中有重病患者', ?, ?, ?, ?, ?, '王经办', ?, ?)`,
  );
  // Every case has been investigated (two people, a home visit), so it is ready for an agenda.
  const investigation = db.prepare(
    `INSERT INTO investigations (id, case_id, visited_on, investigators_json, visit_note, cross_check, conclusion, standard_fen, household_size, counted_size,
       gross_income_fen, exempt_fen, work_cost_fen, rigid_expense_fen, net_income_fen, per_capita_income_fen, asset_total_fen, proposed_amount_fen, recorded_by, recorded_at, updated_at)
     VALUES (?, ?, ?, '[{"userId":"u-staff","name":"王经办"},{"userId":"u-staff2","name":"陈社工"}]', '住房简陋，家中有重病患者', 'consistent', 'eligible', 80000, 2, 2,
       84000, 0, 0, 0, 84000, 42000, 0, ?, '王经办', ?, ?)`,
  );
  for (let i = 0; i < caseCount; i++) {
    const kind = kinds[i % kinds.length]!;
    const street = i === caseCount - 1 ? '430188002' : '430188001';
    const community = street === '430188002' ? '430188002001' : i % 2 === 0 ? '430188001002' : '430188001001';
    const hid = `h-${i}`;
    const head = `${surnames[i % surnames.length]}${'德华明芳伟静强敏'[i % 8]}${i >= 8 ? '军' : ''}`;
    const active = kind !== 'new_application';
    household.run(hid, `HH${1000 + i}`, street, community, `望江路${100 + i}号${i}栋${i}0${i}室`, `1380013${String(8000 + i)}`, active ? 'dibao' : null, active ? 'active' : 'applicant', active ? 60000 : 0, NOW);
    person.run(`p-${i}-0`, hid, head, citizenId(i * 2), 'male', '1968-05-01', 'self', 120000, '无业', '高血压', NOW);
    person.run(`p-${i}-1`, hid, `${head.slice(0, 1)}小${'一二三四五六七八九十'[i % 10]}`, citizenId(i * 2 + 1), 'female', '2012-09-01', 'child', 0, '学生', null, NOW);
    const proposed = kind === 'termination' ? 0 : kind === 'temporary' ? 150000 : 52000 + i * 1000;
    const prepaid = kind === 'temporary' ? 100000 : null;
    const caseNo = `2026-430188001-${String(i + 1).padStart(4, '0')}`;
    caseRow.run(
      `c-${i}`, caseNo, hid, street, community, kind === 'temporary' ? 'temporary' : 'dibao', kind, `2026-11-0${(i % 9) + 1}`,
      active ? 60000 : null, proposed, prepaid, prepaid === null ? null : '2026-11-02', i === 1 ? 1 : 0, i === 2 ? 1 : 0, i === 2 ? '群众来电反映其家庭有经营收入' : '', NOW, NOW,
    );
    investigation.run(`inv-${i}`, `c-${i}`, `2026-11-1${i % 10}`, proposed, NOW, NOW);
    cases.push({ id: `c-${i}`, caseNo, head, kind, proposed });
  }
  if (caseCount > 1) {
    db.prepare(
      "INSERT INTO close_relative_filings (id, household_id, member_id, relative_name, relative_post, relation, filed_on, updated_at) VALUES ('f-1', 'h-1', 'p-1-0', '孙立新', '街道社会事务办主任', 'sibling', '2026-10-01', ?)",
    ).run(NOW);
  }
  return { userId, cases };
}

/** Signs in as another local user (the harness and tests switch users this way). */
export function signInAs(handle: DbHandle, userId: string): void {
  handle.sqlite.prepare("UPDATE settings SET value_json = ? WHERE key = 'session.userId'").run(JSON.stringify(userId));
}

/** The street's November meeting held with everyone present and every case approved as proposed, then closed. */
export async function closeApprovingMeeting(a: ReturnType<typeof api>) {
  let m = await a.call('meetings.create', { month: '2026-11', venue: '会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' });
  await a.call('meetings.markAllPresent', { meetingId: m.id });
  m = await a.call('meetings.open', { meetingId: m.id });
  for (const item of m.items) {
    const amountYuan = item.case.amountRule === 'required' ? String((item.case.proposedAmountFen ?? 0) / 100) : null;
    m = await a.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan, votesFor: 5, votesAgainst: 0, votesAbstain: 0 });
  }
  return a.call('meetings.close', { meetingId: m.id });
}
