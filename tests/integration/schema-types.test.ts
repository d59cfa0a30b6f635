// The hand-written Kysely interface (electron/backend/db/schema.ts) and the migrated database must
// name the same columns: the compiler checks each list covers its interface, this test checks the
// database has exactly those columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, TableName } from '../../electron/backend/db/schema';
import { freshDatabase } from '../helpers/db';

type Exhaustive<T, C extends readonly (keyof T)[]> = [keyof T] extends [C[number]] ? C : ['missing columns', Exclude<keyof T, C[number]>];
const cols =
  <T extends TableName>() =>
  <const C extends readonly (keyof Database[T])[]>(c: Exhaustive<Database[T], C>): readonly string[] =>
    c as readonly string[];

const synced = ['version', 'updated_at'] as const;
const expected: Record<TableName, readonly string[]> = {
  regions: cols<'regions'>()([
    'code', 'name', 'level', 'parent_code', 'code_vintage', 'office_name', 'office_address', 'office_phone', 'office_hotlines_json', 'office_changed_by',
    'office_changed_at', ...synced,
  ]),
  users: cols<'users'>()(['id', 'username', 'name', 'role', 'region_code', 'active', ...synced]),
  committee_members: cols<'committee_members'>()(['id', 'street_code', 'user_id', 'name', 'position', 'title', 'voting', 'sort_order', 'active', ...synced]),
  households: cols<'households'>()(['id', 'household_no', 'street_code', 'community_code', 'area_type', 'address', 'phone', 'category', 'assistance_status', 'monthly_amount_fen', 'assisted_since', ...synced]),
  members: cols<'members'>()(['id', 'household_id', 'name', 'citizen_id', 'gender', 'birth_date', 'relation', 'monthly_income_fen', 'occupation', 'disability', 'health', 'died_on', ...synced]),
  close_relative_filings: cols<'close_relative_filings'>()(['id', 'household_id', 'member_id', 'relative_name', 'relative_post', 'relation', 'filed_on', 'case_id', ...synced]),
  cases: cols<'cases'>()([
    'id', 'case_no', 'household_id', 'street_code', 'community_code', 'category', 'kind', 'status', 'applied_on', 'reason', 'current_amount_fen',
    'proposed_amount_fen', 'per_capita_income_fen', 'income_check_note', 'home_visit_note', 'prepaid_amount_fen', 'prepaid_on', 'close_relative',
    'complaint', 'complaint_note', 'caseworker', 'created_at', 'prepaid_reason', 'prepaid_approved_by', 'relatives_declaration', 'relatives_declaration_note', 'declared_income_fen', 'opened_for', 'followed_up_on', 'follow_up_note', ...synced,
  ]),
  investigations: cols<'investigations'>()([
    'id', 'case_id', 'visited_on', 'investigators_json', 'visit_note', 'incomes_json', 'expenses_json', 'assets_json', 'single_person_basis', 'single_person_member_id',
    'cross_check', 'cross_check_note', 'conclusion', 'conclusion_note', 'standard_fen', 'household_size', 'counted_size', 'gross_income_fen', 'exempt_fen',
    'work_cost_fen', 'rigid_expense_fen', 'net_income_fen', 'per_capita_income_fen', 'asset_total_fen', 'proposed_amount_fen', 'arithmetic_json', 'recorded_by', 'recorded_at', ...synced,
  ]),
  case_documents: cols<'case_documents'>()(['id', 'case_id', 'kind', 'received_on', ...synced]),
  complaints: cols<'complaints'>()(['id', 'case_id', 'household_id', 'against', 'channel', 'received_on', 'complainant', 'content', 'handling', 'result', 'status', 'closed_on', ...synced]),
  meetings: cols<'meetings'>()(['id', 'street_code', 'month', 'issue_no', 'venue', 'scheduled_at', 'chair_member_id', 'recorder_member_id', 'status', 'opened_at', 'closed_at', 'minutes_sha256', 'minutes_json', ...synced]),
  meeting_attendance: cols<'meeting_attendance'>()(['id', 'meeting_id', 'member_id', 'name', 'title', 'attendance', 'voting', 'reason', ...synced]),
  agenda_items: cols<'agenda_items'>()(['id', 'meeting_id', 'case_id', 'seq', 'source', 'removed', 'removed_reason', 'notes', ...synced]),
  decisions: cols<'decisions'>()(['id', 'meeting_id', 'agenda_item_id', 'case_id', 'outcome', 'reason', 'amount_fen', 'votes_for', 'votes_against', 'votes_abstain', 'decided_at', 'supersedes_id', 'phase_out_months', ...synced]),
  recusals: cols<'recusals'>()(['id', 'agenda_item_id', 'member_id', 'reason', 'left_room', ...synced]),
  notice_batches: cols<'notice_batches'>()(['id', 'meeting_id', 'street_code', 'community_code', 'start_date', 'end_date', 'status', 'posted_at', ...synced]),
  notice_items: cols<'notice_items'>()(['id', 'batch_id', 'case_id', 'seq', ...synced]),
  objections: cols<'objections'>()(['id', 'batch_id', 'case_id', 'received_at', 'objector', 'channel', 'content', 'status', 'resolution', ...synced]),
  spot_check_draws: cols<'spot_check_draws'>()([
    'id', 'district_code', 'period_start', 'period_end', 'street_codes_json', 'rate_percent', 'seed', 'seed_source', 'manifest_text', 'manifest_sha256',
    'algorithm', 'drawn_by', 'drawn_at', 'status', 'redraw_of_id', 'redraw_reason', ...synced,
  ]),
  spot_check_items: cols<'spot_check_items'>()(['id', 'draw_id', 'case_id', 'case_no', 'street_code', 'outcome', 'ticket', 'rank', 'reason', 'inspector_a_id', 'inspector_b_id', ...synced]),
  spot_check_findings: cols<'spot_check_findings'>()(['id', 'item_id', 'method', 'inspected_on', 'inspector_a_id', 'inspector_b_id', 'finding', 'notes', 'recorded_at', ...synced]),
  corrections: cols<'corrections'>()(['id', 'finding_id', 'street_code', 'case_id', 'finding', 'ordered_on', 'requirement', 'deadline', 'asks_case_kind', 'status', 'result', 'closed_on', ...synced]),
  correction_answers: cols<'correction_answers'>()([
    'id', 'correction_id', 'street_code', 'answered_on', 'answer', 'case_id', 'decision_id', 'answered_by', 'answered_at', 'review', 'review_note', 'reviewed_by', 'reviewed_at', ...synced,
  ]),
  standards: cols<'standards'>()(['id', 'district_code', 'effective_from', 'effective_to', 'values_json', 'note', 'set_by', 'set_by_name', 'set_at', ...synced]),
  roster_sends: cols<'roster_sends'>()(['id', 'district_code', 'month', 'sent_on', 'households', 'persons', 'total_fen', 'note', 'sent_by', 'sent_by_name', ...synced]),
  outbox: cols<'outbox'>()(['id', 'name', 'args_json', 'created_at']),
  sync_state: cols<'sync_state'>()(['id', 'client_id', 'cursor', 'last_push_at', 'last_pull_at', 'last_error', 'server_url', 'account_json', 'full_pull_done']),
  sync_apply_state: cols<'sync_apply_state'>()(['id', 'applying']),
  sync_rejections: cols<'sync_rejections'>()(['id', 'mutation_id', 'name', 'args_json', 'subject', 'code', 'message', 'rejected_at', 'resolved_at']),
  audit_log: cols<'audit_log'>()(['seq', 'at', 'actor_id', 'action', 'entity', 'entity_id', 'details_json', 'prev_hash', 'hash']),
  settings: cols<'settings'>()(['key', 'value_json', 'updated_at']),
  desk_pins: cols<'desk_pins'>()(['user_id', 'kind', 'hash', 'salt', 'cost', 'set_at', 'failures', 'blocked_until']),
};

let t: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(async () => t.cleanup());

describe('Database interface matches the migrated schema', () => {
  it.each(Object.entries(expected))('%s', (table, columns) => {
    const actual = (t.handle.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(new Set(actual)).toEqual(new Set(columns));
  });
});
