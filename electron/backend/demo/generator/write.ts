// Writes the generated district with prepared statements on the raw better-sqlite3 handle: some
// 150,000 rows, which kysely's per-query compilation would make several times slower, several rows to a
// statement. The caller wraps this in one transaction. Tables go in foreign-key order, each table's rows
// in the order generated, so rowids too are the same for the same seed.
import type BetterSqlite3 from 'better-sqlite3';
import type { Settings } from '../../../../shared/settings';
import type { Window } from './calendar';
import type { CaseDocumentRecord, CaseRecord, ComplaintRecord, Filing, Household, InvestigationRecord, Meeting, OfficeRecord, Street, User } from './model';
import type { NoticeBatchRecord } from './notices';
import { DISTRICT, DISTRICT_OFFICE } from './regions';
import { localSettingKeys } from '../../../../shared/standards';
import { derivedId } from '../../commands/context';

/** The day the demo district's first standard takes effect (the start of the standards' year). */
export const INITIAL_STANDARD_FROM = '2026-01-01';

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
type Row = (...values: Value[]) => void;

/** Rows per INSERT statement: several rows a statement spare most of the per-statement cost. */
const BATCH = 16;

/**
 * Writes one table's rows, in the order `fill` gives them (so the same seed gives the same rowids), every
 * row stamped with version 1 and the as-of instant. All are written when this returns: a table's rows are
 * in before the tables that refer to them.
 */
function writeTable(sqlite: BetterSqlite3.Database, stamp: string, table: string, columns: readonly string[], fill: (row: Row) => void): void {
  const all = [...columns, 'version', 'updated_at'];
  const one = `(${all.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${all.join(', ')}) VALUES `;
  const single = sqlite.prepare(head + one);
  const many = sqlite.prepare(head + Array.from({ length: BATCH }, () => one).join(', '));
  const full = all.length * BATCH;
  const buffer: Value[] = [];
  fill((...values) => {
    if (values.length !== columns.length) throw new Error(`${table}: ${values.length} values for ${columns.length} columns`);
    buffer.push(...values, 1, stamp);
    if (buffer.length === full) {
      many.run(buffer);
      buffer.length = 0;
    }
  });
  for (let i = 0; i < buffer.length; i += all.length) single.run(buffer.slice(i, i + all.length));
}

export function writeDistrict(sqlite: BetterSqlite3.Database, d: District): void {
  const table = (name: string, columns: readonly string[], fill: (row: Row) => void) => writeTable(sqlite, d.window.stamp, name, columns, fill);

  const office = (o: OfficeRecord | null): Value[] => (o ? [o.name, o.address, o.phone, JSON.stringify(o.hotlines)] : ['', '', '', '[]']);
  table('regions', ['code', 'name', 'level', 'parent_code', 'code_vintage', 'office_name', 'office_address', 'office_phone', 'office_hotlines_json'], (row) => {
    row(DISTRICT.code, DISTRICT.name, 'district', null, DISTRICT.vintage, ...office(DISTRICT_OFFICE));
    for (const s of d.streets) row(s.code, s.name, 'street', DISTRICT.code, DISTRICT.vintage, ...office(s.office));
    for (const s of d.streets) {
      for (const c of s.communities) row(c.code, c.name, 'community', s.code, DISTRICT.vintage, ...office(null));
    }
  });

  table('users', ['id', 'username', 'name', 'role', 'region_code', 'active'], (row) => {
    for (const u of d.users) row(u.id, u.username, u.name, u.role, u.regionCode, 1);
  });

  // The district's first dated standard (shared/standards.ts), from the demo's settings, set by its bureau
  // chief: every copy under the district receives it on its first pull. It starts on 2026-01-01, or on the
  // first day of the generated window if that is earlier, so that every generated decision lies under it.
  const chief = d.users.find((u) => u.role === 'bureau_chief');
  if (chief) {
    const from = [INITIAL_STANDARD_FROM, `${d.window.months[0] ?? d.window.currentMonth}-01`].sort()[0]!;
    const values = Object.fromEntries(Object.entries(d.settings).filter(([k]) => !(localSettingKeys as readonly string[]).includes(k)));
    table('standards', ['id', 'district_code', 'effective_from', 'effective_to', 'values_json', 'note', 'set_by', 'set_by_name', 'set_at'], (row) => {
      row(derivedId('demo-standard', [DISTRICT.code, from]), DISTRICT.code, from, null, JSON.stringify(values), '初始标准', chief.id, chief.name, d.window.stamp);
    });
  }

  table('committee_members', ['id', 'street_code', 'user_id', 'name', 'position', 'title', 'voting', 'sort_order', 'active'], (row) => {
    for (const s of d.streets) {
      for (const m of s.roster) row(m.id, m.streetCode, m.userId, m.name, m.position, m.title, m.voting, m.sortOrder, 1);
    }
  });

  table('households', ['id', 'household_no', 'street_code', 'community_code', 'area_type', 'address', 'phone', 'category', 'assistance_status', 'monthly_amount_fen', 'assisted_since'], (row) => {
    // The opening state: the desk derives each later day's assistance from it and the decisions in effect.
    for (const h of d.households) {
      const o = h.opening ?? h;
      row(h.id, h.no, h.street.code, h.community.code, h.rural ? 'rural' : 'urban', h.address, h.phone, o.category, o.status, o.amountFen, o.assistedSince);
    }
  });
  table('members', ['id', 'household_id', 'name', 'citizen_id', 'gender', 'birth_date', 'relation', 'monthly_income_fen', 'occupation', 'disability', 'health'], (row) => {
    for (const h of d.households) {
      for (const m of h.members) row(m.id, h.id, m.name, m.citizenId, m.gender, m.birthDate, m.relation, m.incomeFen, m.occupation, m.disability, m.health);
    }
  });

  const caseColumns = [
    'id', 'case_no', 'household_id', 'street_code', 'community_code', 'category', 'kind', 'status', 'applied_on', 'reason',
    'current_amount_fen', 'proposed_amount_fen', 'per_capita_income_fen', 'income_check_note', 'home_visit_note',
    'prepaid_amount_fen', 'prepaid_on', 'close_relative', 'complaint', 'complaint_note', 'caseworker', 'created_at',
    'prepaid_reason', 'prepaid_approved_by', 'relatives_declaration', 'relatives_declaration_note', 'followed_up_on', 'follow_up_note',
  ];
  table('cases', caseColumns, (row) => {
    for (const c of d.cases) {
      const h = c.household;
      row(
        c.id, c.caseNo, h.id, h.street.code, h.community.code, c.category, c.kind, c.status, c.appliedOn, c.reason,
        c.currentAmountFen, c.proposedAmountFen, c.perCapitaIncomeFen, c.incomeCheckNote, c.homeVisitNote,
        c.prepaidAmountFen, c.prepaidOn, c.closeRelative, c.complaint, c.complaintNote, c.caseworker, c.createdAt,
        c.prepaidReason, c.prepaidApprovedBy, c.relativesDeclaration, c.relativesDeclarationNote, c.followedUpOn, c.followUpNote,
      );
    }
  });

  // After the cases: a filing names the case it was made on.
  table('close_relative_filings', ['id', 'household_id', 'member_id', 'relative_name', 'relative_post', 'relation', 'filed_on', 'case_id'], (row) => {
    for (const f of d.filings) row(f.id, f.householdId, f.memberId, f.relativeName, f.relativePost, f.relation, f.filedOn, f.caseId);
  });

  const investigationColumns = [
    'id', 'case_id', 'visited_on', 'investigators_json', 'visit_note', 'incomes_json', 'expenses_json', 'assets_json', 'single_person_basis', 'single_person_member_id',
    'cross_check', 'cross_check_note', 'conclusion', 'conclusion_note', 'standard_fen', 'household_size', 'counted_size', 'gross_income_fen', 'exempt_fen', 'work_cost_fen',
    'rigid_expense_fen', 'net_income_fen', 'per_capita_income_fen', 'asset_total_fen', 'proposed_amount_fen', 'arithmetic_json', 'recorded_by', 'recorded_at',
  ];
  table('investigations', investigationColumns, (row) => {
    for (const i of d.investigations) {
      row(
        i.id, i.caseRecord.id, i.visitedOn, JSON.stringify(i.investigators), i.visitNote, JSON.stringify(i.incomes), JSON.stringify(i.expenses), JSON.stringify(i.assets), null, null,
        i.crossCheck, i.crossCheckNote, i.conclusion, i.conclusionNote, i.standardFen, i.householdSize, i.countedSize, i.grossFen, i.exemptFen, i.workCostFen,
        i.expenseFen, i.netFen, i.perCapitaFen, i.assetFen, i.proposedFen, JSON.stringify(i.arithmetic), i.recordedBy, i.recordedAt,
      );
    }
  });
  table('case_documents', ['id', 'case_id', 'kind', 'received_on'], (row) => {
    for (const x of d.documents) row(x.id, x.caseId, x.kind, x.receivedOn);
  });
  table('complaints', ['id', 'case_id', 'household_id', 'against', 'channel', 'received_on', 'complainant', 'content', 'handling', 'result', 'status', 'closed_on'], (row) => {
    for (const x of d.complaints) {
      const c = x.caseRecord;
      row(x.id, c.id, c.household.id, x.against, x.channel, x.receivedOn, x.complainant, x.content, x.handling, x.result, x.status, x.closedOn);
    }
  });

  // History has no minutes PDF made by this app, so no hash: the app stores one only for minutes it renders.
  table('meetings', ['id', 'street_code', 'month', 'issue_no', 'venue', 'scheduled_at', 'chair_member_id', 'recorder_member_id', 'status', 'opened_at', 'closed_at', 'minutes_sha256'], (row) => {
    for (const m of d.meetings) row(m.id, m.street.code, m.month, m.issueNo, m.street.venue, m.scheduledAt, m.chair.id, m.recorder.id, 'closed', m.openedAt, m.closedAt, null);
  });
  table('meeting_attendance', ['id', 'meeting_id', 'member_id', 'name', 'title', 'attendance', 'voting', 'reason'], (row) => {
    for (const m of d.meetings) {
      for (const a of m.attendance) row(a.id, m.id, a.memberId, a.name, a.title, a.attendance, a.voting, a.reason);
    }
  });
  table('agenda_items', ['id', 'meeting_id', 'case_id', 'seq', 'source', 'removed', 'removed_reason', 'notes'], (row) => {
    for (const m of d.meetings) {
      for (const a of m.agenda) row(a.id, m.id, a.caseRecord.id, a.seq, 'auto', 0, '', '');
    }
  });
  table('decisions', ['id', 'meeting_id', 'agenda_item_id', 'case_id', 'outcome', 'reason', 'amount_fen', 'votes_for', 'votes_against', 'votes_abstain', 'decided_at', 'supersedes_id', 'phase_out_months'], (row) => {
    for (const m of d.meetings) {
      for (const a of m.agenda) {
        const x = a.decision;
        row(x.id, m.id, a.id, a.caseRecord.id, x.outcome, x.reason, x.amountFen, x.votesFor, x.votesAgainst, x.votesAbstain, x.decidedAt, null, x.phaseOutMonths);
      }
    }
  });
  table('recusals', ['id', 'agenda_item_id', 'member_id', 'reason', 'left_room'], (row) => {
    for (const m of d.meetings) {
      for (const a of m.agenda) for (const r of a.recusals) row(r.id, a.id, r.memberId, r.reason, r.leftRoom);
    }
  });

  table('notice_batches', ['id', 'meeting_id', 'street_code', 'community_code', 'start_date', 'end_date', 'status', 'posted_at'], (row) => {
    for (const b of d.noticeBatches) row(b.id, b.meetingId, b.streetCode, b.communityCode, b.startDate, b.endDate, b.status, b.postedAt);
  });
  table('notice_items', ['id', 'batch_id', 'case_id', 'seq'], (row) => {
    for (const b of d.noticeBatches) for (const i of b.items) row(i.id, b.id, i.caseId, i.seq);
  });

  // settings is local-only (no version column); an existing row is replaced so the demo's standards win.
  const setting = sqlite.prepare(
    'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
  );
  setting.run('settings', JSON.stringify(d.settings), d.window.stamp);
  setting.run('session.userId', JSON.stringify(d.sessionUserId), d.window.stamp);
}
