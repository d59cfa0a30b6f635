// Writes the generated district with prepared statements on the raw better-sqlite3 handle: some
// 150,000 rows, which kysely's per-query compilation would make several times slower. The caller
// wraps this in one transaction. Rows go in foreign-key order.
import type BetterSqlite3 from 'better-sqlite3';
import type { Settings } from '../../../../shared/settings';
import type { Window } from './calendar';
import type { CaseDocumentRecord, CaseRecord, ComplaintRecord, Filing, Household, InvestigationRecord, Meeting, OfficeRecord, Street, User } from './model';
import type { NoticeBatchRecord } from './notices';
import { DISTRICT, DISTRICT_OFFICE } from './regions';

export type District = {
  window: Window;
  streets: Street[];
  users: User[];
  households: Household[];
  filings: Filing[];
  cases: CaseRecord[];
  investigations: InvestigationRecord[];
  documents: CaseDocumentRecord[];
  complaints: ComplaintRecord[];
  meetings: Meeting[];
  noticeBatches: NoticeBatchRecord[];
  settings: Settings;
  sessionUserId: string;
};

type Value = string | number | null;

function inserter(sqlite: BetterSqlite3.Database, table: string, columns: readonly string[]): (...values: Value[]) => void {
  const all = [...columns, 'version', 'updated_at'];
  const statement = sqlite.prepare(`INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`);
  return (...values: Value[]) => {
    if (values.length !== all.length) throw new Error(`${table}: ${values.length} values for ${all.length} columns`);
    statement.run(...values);
  };
}

export function writeDistrict(sqlite: BetterSqlite3.Database, d: District): void {
  const at = d.window.stamp;
  const v = 1;

  const region = inserter(sqlite, 'regions', ['code', 'name', 'level', 'parent_code', 'code_vintage', 'office_name', 'office_address', 'office_phone', 'office_hotlines_json']);
  const office = (o: OfficeRecord | null): Value[] => (o ? [o.name, o.address, o.phone, JSON.stringify(o.hotlines)] : ['', '', '', '[]']);
  region(DISTRICT.code, DISTRICT.name, 'district', null, DISTRICT.vintage, ...office(DISTRICT_OFFICE), v, at);
  for (const s of d.streets) region(s.code, s.name, 'street', DISTRICT.code, DISTRICT.vintage, ...office(s.office), v, at);
  for (const s of d.streets) {
    for (const c of s.communities) region(c.code, c.name, 'community', s.code, DISTRICT.vintage, ...office(null), v, at);
  }

  const user = inserter(sqlite, 'users', ['id', 'username', 'name', 'role', 'region_code', 'active']);
  for (const u of d.users) user(u.id, u.username, u.name, u.role, u.regionCode, 1, v, at);

  const member = inserter(sqlite, 'committee_members', ['id', 'street_code', 'user_id', 'name', 'position', 'title', 'voting', 'sort_order', 'active']);
  for (const s of d.streets) {
    for (const m of s.roster) member(m.id, m.streetCode, m.userId, m.name, m.position, m.title, m.voting, m.sortOrder, 1, v, at);
  }

  const household = inserter(sqlite, 'households', [
    'id', 'household_no', 'street_code', 'community_code', 'area_type', 'address', 'phone', 'category', 'assistance_status', 'monthly_amount_fen', 'assisted_since',
  ]);
  const person = inserter(sqlite, 'members', [
    'id', 'household_id', 'name', 'citizen_id', 'gender', 'birth_date', 'relation', 'monthly_income_fen', 'occupation', 'disability', 'health',
  ]);
  for (const h of d.households) {
    household(h.id, h.no, h.street.code, h.community.code, h.rural ? 'rural' : 'urban', h.address, h.phone, h.category, h.status, h.amountFen, h.assistedSince, v, at);
  }
  for (const h of d.households) {
    for (const m of h.members) {
      person(m.id, h.id, m.name, m.citizenId, m.gender, m.birthDate, m.relation, m.incomeFen, m.occupation, m.disability, m.health, v, at);
    }
  }

  const caseRow = inserter(sqlite, 'cases', [
    'id', 'case_no', 'household_id', 'street_code', 'community_code', 'category', 'kind', 'status', 'applied_on', 'reason',
    'current_amount_fen', 'proposed_amount_fen', 'per_capita_income_fen', 'income_check_note', 'home_visit_note',
    'prepaid_amount_fen', 'prepaid_on', 'close_relative', 'complaint', 'complaint_note', 'caseworker', 'created_at',
    'prepaid_reason', 'prepaid_approved_by', 'relatives_declaration', 'relatives_declaration_note',
  ]);
  for (const c of d.cases) {
    const h = c.household;
    caseRow(
      c.id, c.caseNo, h.id, h.street.code, h.community.code, c.category, c.kind, c.status, c.appliedOn, c.reason,
      c.currentAmountFen, c.proposedAmountFen, c.perCapitaIncomeFen, c.incomeCheckNote, c.homeVisitNote,
      c.prepaidAmountFen, c.prepaidOn, c.closeRelative, c.complaint, c.complaintNote, c.caseworker, c.createdAt,
      c.prepaidReason, c.prepaidApprovedBy, c.relativesDeclaration, c.relativesDeclarationNote, v, at,
    );
  }

  // After the cases: a filing names the case it was made on.
  const filing = inserter(sqlite, 'close_relative_filings', ['id', 'household_id', 'member_id', 'relative_name', 'relative_post', 'relation', 'filed_on', 'case_id']);
  for (const f of d.filings) filing(f.id, f.householdId, f.memberId, f.relativeName, f.relativePost, f.relation, f.filedOn, f.caseId, v, at);

  const investigation = inserter(sqlite, 'investigations', [
    'id', 'case_id', 'visited_on', 'investigators_json', 'visit_note', 'incomes_json', 'expenses_json', 'assets_json', 'single_person_basis', 'single_person_member_id',
    'cross_check', 'cross_check_note', 'conclusion', 'conclusion_note', 'standard_fen', 'household_size', 'counted_size', 'gross_income_fen', 'exempt_fen', 'work_cost_fen',
    'rigid_expense_fen', 'net_income_fen', 'per_capita_income_fen', 'asset_total_fen', 'proposed_amount_fen', 'recorded_by', 'recorded_at',
  ]);
  for (const i of d.investigations) {
    investigation(
      i.id, i.caseRecord.id, i.visitedOn, JSON.stringify(i.investigators), i.visitNote, JSON.stringify(i.incomes), JSON.stringify(i.expenses), JSON.stringify(i.assets), null, null,
      i.crossCheck, i.crossCheckNote, i.conclusion, i.conclusionNote, i.standardFen, i.householdSize, i.countedSize, i.grossFen, i.exemptFen, i.workCostFen,
      i.expenseFen, i.netFen, i.perCapitaFen, i.assetFen, i.proposedFen, i.recordedBy, i.recordedAt, v, at,
    );
  }
  const document = inserter(sqlite, 'case_documents', ['id', 'case_id', 'kind', 'received_on']);
  for (const x of d.documents) document(x.id, x.caseId, x.kind, x.receivedOn, v, at);
  const complaint = inserter(sqlite, 'complaints', ['id', 'case_id', 'household_id', 'against', 'channel', 'received_on', 'complainant', 'content', 'handling', 'result', 'status', 'closed_on']);
  for (const x of d.complaints) {
    const c = x.caseRecord;
    complaint(x.id, c.id, c.household.id, x.against, x.channel, x.receivedOn, x.complainant, x.content, x.handling, x.result, x.status, x.closedOn, v, at);
  }

  // History has no minutes PDF made by this app, so no hash: the app stores one only for minutes it renders.
  const meeting = inserter(sqlite, 'meetings', [
    'id', 'street_code', 'month', 'issue_no', 'venue', 'scheduled_at', 'chair_member_id', 'recorder_member_id', 'status', 'opened_at', 'closed_at', 'minutes_sha256',
  ]);
  const attendance = inserter(sqlite, 'meeting_attendance', ['id', 'meeting_id', 'member_id', 'name', 'title', 'attendance', 'voting', 'reason']);
  const item = inserter(sqlite, 'agenda_items', ['id', 'meeting_id', 'case_id', 'seq', 'source', 'removed', 'removed_reason', 'notes']);
  const decision = inserter(sqlite, 'decisions', [
    'id', 'meeting_id', 'agenda_item_id', 'case_id', 'outcome', 'reason', 'amount_fen', 'votes_for', 'votes_against', 'votes_abstain', 'decided_at', 'supersedes_id',
  ]);
  const recusal = inserter(sqlite, 'recusals', ['id', 'agenda_item_id', 'member_id', 'reason', 'left_room']);
  for (const m of d.meetings) {
    meeting(m.id, m.street.code, m.month, m.issueNo, m.street.venue, m.scheduledAt, m.chair.id, m.recorder.id, 'closed', m.openedAt, m.closedAt, null, v, at);
    for (const a of m.attendance) attendance(a.id, m.id, a.memberId, a.name, a.title, a.attendance, a.voting, a.reason, v, at);
    for (const a of m.agenda) {
      item(a.id, m.id, a.caseRecord.id, a.seq, 'auto', 0, '', '', v, at);
      const x = a.decision;
      decision(x.id, m.id, a.id, a.caseRecord.id, x.outcome, x.reason, x.amountFen, x.votesFor, x.votesAgainst, x.votesAbstain, x.decidedAt, null, v, at);
      for (const r of a.recusals) recusal(r.id, a.id, r.memberId, r.reason, r.leftRoom, v, at);
    }
  }

  const batch = inserter(sqlite, 'notice_batches', ['id', 'meeting_id', 'street_code', 'community_code', 'start_date', 'end_date', 'status', 'posted_at']);
  const noticeItem = inserter(sqlite, 'notice_items', ['id', 'batch_id', 'case_id', 'seq']);
  for (const b of d.noticeBatches) {
    batch(b.id, b.meetingId, b.streetCode, b.communityCode, b.startDate, b.endDate, b.status, b.postedAt, v, at);
    for (const i of b.items) noticeItem(i.id, b.id, i.caseId, i.seq, v, at);
  }

  // settings is local-only (no version column); an existing row is replaced so the demo's standards win.
  const setting = sqlite.prepare(
    'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
  );
  setting.run('settings', JSON.stringify(d.settings), at);
  setting.run('session.userId', JSON.stringify(d.sessionUserId), at);
}
