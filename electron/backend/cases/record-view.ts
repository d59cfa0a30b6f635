// A case's record page: the case, its household and members (ID numbers, phone and address masked),
// its investigation, filings, complaints and documents, and the household's whole chain of events
// (一户一条救助链, seed 003 二(二)) in time order.
import { sql, type Kysely } from 'kysely';
import { canRead, canWriteStreet } from '../../../shared/access';
import type { CaseRecordView, ComplaintView, FilingView, HistoryEntry } from '../../../shared/case-record';
import { chinaDateOf, chinaLocalDateTime, formatChineseDate, formatChineseMonth } from '../../../shared/dates';
import type { SessionUser } from '../../../shared/domain';
import { caseCategoryLabels, caseKindLabels, findingLabels, outcomeLabels } from '../../../shared/glossary';
import { maskAddress, maskCitizenId, maskPhone } from '../../../shared/masking';
import { formatYuan } from '../../../shared/money';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';
import { assertAllowed } from '../session/access';
import { settingsOfRegion } from '../settings/settings';
import { householdAssistance, timedDecisions } from './assistance';
import type { EffectTiming } from '../../../shared/decision-effects';
import { investigationView } from './investigation-view';
import { isOpenCase } from './case-of';

type Db = Kysely<Database>;

/** The record as a command's reply shows it: as of the machine's today. */
export function loadCaseRecord(db: Db, user: SessionUser, caseId: string): Promise<CaseRecordView> {
  return loadCaseRecordOn(db, user, caseId, chinaDateOf(new Date().toISOString()));
}

/** The record as of `on` (a China date; the household's assistance is the one in effect that day). */
export async function loadCaseRecordOn(db: Db, user: SessionUser, caseId: string, on: string): Promise<CaseRecordView> {
  const c = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!c) throw new AppError('not-found', '没有找到这个个案');
  assertAllowed(canRead(user, c.street_code, '这个个案'));
  const h = await db
    .selectFrom('households as h')
    .innerJoin('regions as r', 'r.code', 'h.community_code')
    .selectAll('h')
    .select('r.name as community_name')
    .where('h.id', '=', c.household_id)
    .executeTakeFirstOrThrow();
  const members = await db.selectFrom('members').selectAll().where('household_id', '=', h.id).orderBy('relation', 'desc').execute();
  // 户主 first, then as taken in.
  members.sort((a, b) => Number(b.relation === 'self') - Number(a.relation === 'self'));
  const names = new Map(members.map((m) => [m.id, m.name] as const));
  const investigationRow = await db.selectFrom('investigations').selectAll().where('case_id', '=', c.id).executeTakeFirst();
  const settings = await settingsOfRegion(db, c.street_code, on);
  const assistance = await householdAssistance(db, h.id, on);
  return {
    id: c.id,
    caseNo: c.case_no,
    kind: c.kind,
    category: c.category,
    status: c.status,
    appliedOn: c.applied_on,
    reason: c.reason,
    caseworker: c.caseworker,
    currentAmountFen: c.current_amount_fen,
    proposedAmountFen: c.proposed_amount_fen,
    perCapitaIncomeFen: c.per_capita_income_fen,
    declaredIncomeFen: c.declared_income_fen,
    closeRelative: c.close_relative === 1,
    complaint: c.complaint === 1,
    relativesDeclaration: c.relatives_declaration,
    relativesDeclarationNote: c.relatives_declaration_note,
    prepayment: c.prepaid_amount_fen !== null && c.prepaid_on !== null ? { amountFen: c.prepaid_amount_fen, paidOn: c.prepaid_on, reason: c.prepaid_reason, approvedBy: c.prepaid_approved_by } : null,
    incomeCheckNote: c.income_check_note,
    homeVisitNote: c.home_visit_note,
    investigation: investigationRow ? investigationView(investigationRow, names) : null,
    open: isOpenCase(c),
    writable: canWriteStreet(user, c.street_code, '') === null,
    household: {
      id: h.id,
      householdNo: h.household_no,
      streetCode: h.street_code,
      communityCode: h.community_code,
      communityName: h.community_name,
      areaType: h.area_type,
      addressMasked: maskAddress(h.address),
      phoneMasked: maskPhone(h.phone),
      category: assistance.category,
      assistanceStatus: assistance.status,
      monthlyAmountFen: assistance.monthlyAmountFen,
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        citizenIdMasked: maskCitizenId(m.citizen_id),
        gender: m.gender,
        birthDate: m.birth_date,
        relation: m.relation,
        occupation: m.occupation,
        health: m.health ?? '',
        disability: m.disability ?? '',
        diedOn: m.died_on,
      })),
    },
    documents: (await db.selectFrom('case_documents').select(['kind', 'received_on']).where('case_id', '=', c.id).orderBy('received_on').orderBy('kind').execute()).map((d) => ({
      kind: d.kind as CaseRecordView['documents'][number]['kind'],
      receivedOn: d.received_on,
    })),
    filings: await filingsOf(db, h.id, names),
    complaints: await complaintsOf(db, h.id),
    history: await historyOf(db, h.id),
    prepaymentLimitFen: settings.prepaymentLimitFen,
  };
}

async function filingsOf(db: Db, householdId: string, names: ReadonlyMap<string, string>): Promise<FilingView[]> {
  const rows = await db
    .selectFrom('close_relative_filings as f')
    .leftJoin('cases as c', 'c.id', 'f.case_id')
    .select(['f.id', 'f.member_id', 'f.relative_name', 'f.relative_post', 'f.relation', 'f.filed_on', 'c.case_no'])
    .where('f.household_id', '=', householdId)
    .orderBy('f.filed_on')
    .execute();
  return rows.map((f) => ({ id: f.id, caseNo: f.case_no, memberName: names.get(f.member_id) ?? '（已移出的成员）', relativeName: f.relative_name, relativePost: f.relative_post, relation: f.relation, filedOn: f.filed_on }));
}

async function complaintsOf(db: Db, householdId: string): Promise<ComplaintView[]> {
  const rows = await db
    .selectFrom('complaints as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .selectAll('p')
    .select('c.case_no')
    .where('p.household_id', '=', householdId)
    .orderBy('p.received_on')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    caseId: p.case_id,
    caseNo: p.case_no,
    against: p.against,
    channel: p.channel,
    receivedOn: p.received_on,
    complainant: p.complainant,
    content: p.content,
    handling: p.handling,
    result: p.result,
    status: p.status,
    closedOn: p.closed_on,
  }));
}

const entry = (at: string, kind: HistoryEntry['kind'], caseNo: string | null, title: string, detail = ''): HistoryEntry => ({ at, kind, caseNo, title, detail });
const yuan = (fen: number | null) => (fen === null ? '' : `${formatYuan(fen)} 元`);

/** Every event of the household, oldest first; a day sorts before the times of that day. */
async function historyOf(db: Db, householdId: string): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  const cases = await db.selectFrom('cases').selectAll().where('household_id', '=', householdId).execute();
  const caseIds = cases.map((c) => c.id);
  const caseNo = new Map(cases.map((c) => [c.id, c.case_no] as const));
  for (const c of cases) {
    out.push(entry(c.applied_on, 'application', c.case_no, `受理：${caseKindLabels[c.kind]}（${caseCategoryLabels[c.category]}）`, c.reason));
    if (c.prepaid_on !== null) out.push(entry(c.prepaid_on, 'prepayment', c.case_no, `小金额先行救助 ${yuan(c.prepaid_amount_fen)}`, [c.prepaid_reason, c.prepaid_approved_by && `批准人：${c.prepaid_approved_by}`].filter(Boolean).join('；')));
  }
  if (caseIds.length === 0) return out;
  for (const i of await db.selectFrom('investigations').select(['case_id', 'visited_on', 'per_capita_income_fen', 'proposed_amount_fen', 'conclusion']).where('case_id', 'in', caseIds).execute()) {
    out.push(entry(i.visited_on, 'investigation', caseNo.get(i.case_id) ?? null, '家庭经济状况调查（入户）', `人均月收入 ${yuan(i.per_capita_income_fen)}${i.proposed_amount_fen === null ? '' : `，拟救助 ${yuan(i.proposed_amount_fen)}`}；${i.conclusion === 'eligible' ? '符合条件' : '不符合条件'}`));
  }
  for (const f of await db.selectFrom('close_relative_filings').select(['case_id', 'relative_name', 'relative_post', 'filed_on']).where('household_id', '=', householdId).execute()) {
    out.push(entry(f.filed_on, 'filing', f.case_id ? (caseNo.get(f.case_id) ?? null) : null, '近亲属备案', `${f.relative_post} ${f.relative_name}`));
  }
  for (const p of await db.selectFrom('complaints').select(['case_id', 'received_on', 'content', 'status', 'closed_on', 'result']).where('household_id', '=', householdId).execute()) {
    out.push(entry(p.received_on, 'complaint', caseNo.get(p.case_id) ?? null, '收到投诉举报', p.content));
    if (p.status === 'closed' && p.closed_on) out.push(entry(p.closed_on, 'complaint', caseNo.get(p.case_id) ?? null, '投诉举报办结', p.result));
  }
  const decisions = await db
    .selectFrom('decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .select(['d.id', 'd.case_id', 'd.outcome', 'd.amount_fen', 'd.reason', 'd.decided_at', 'd.supersedes_id', 'm.month', 'm.issue_no', 'm.status'])
    .where('d.case_id', 'in', caseIds)
    .execute();
  const timing = new Map((await timedDecisions(db, { householdId })).map((d) => [d.decisionId, d.timing] as const));
  const meetingOf = new Map(decisions.map((d) => [d.id, `${formatChineseMonth(d.month)}第 ${d.issue_no} 期会议`] as const));
  const correctedBy = new Map(decisions.filter((d) => d.supersedes_id !== null).map((d) => [d.supersedes_id!, d.id] as const));
  for (const d of decisions) {
    const meeting = meetingOf.get(d.id)!;
    const parts = [d.outcome === 'approve' ? `月救助金额 ${yuan(d.amount_fen)}` : d.reason];
    const t = timing.get(d.id);
    if (d.outcome === 'approve' && t) parts.push(effectText(t));
    if (d.supersedes_id) parts.push(`更正了${meetingOf.get(d.supersedes_id) ?? '以往会议'}的决定`);
    const later = correctedBy.get(d.id);
    if (later) parts.push(`已被${meetingOf.get(later) ?? '以后会议'}的决定更正`);
    out.push(entry(d.decided_at, 'decision', caseNo.get(d.case_id) ?? null, `${meeting}决定：${outcomeLabels[d.outcome]}${d.status === 'closed' ? '' : '（会议尚未结束）'}`, parts.filter(Boolean).join('；')));
  }
  const notices = await db
    .selectFrom('notice_items as i')
    .innerJoin('notice_batches as b', 'b.id', 'i.batch_id')
    .select(['i.case_id', 'b.start_date', 'b.end_date', 'b.status'])
    .where('i.case_id', 'in', caseIds)
    .where('b.status', '<>', 'draft')
    .execute();
  for (const n of notices) out.push(entry(n.start_date, 'notice', caseNo.get(n.case_id) ?? null, '张榜公示', `${formatChineseDate(n.start_date)}至${formatChineseDate(n.end_date)}`));
  for (const o of await db.selectFrom('objections').select(['case_id', 'received_at', 'content']).where('case_id', 'in', caseIds).execute()) {
    out.push(entry(o.received_at, 'objection', caseNo.get(o.case_id) ?? null, '公示期间收到异议', o.content));
  }
  const sampled = await db
    .selectFrom('spot_check_items as i')
    .innerJoin('spot_check_draws as d', 'd.id', 'i.draw_id')
    .leftJoin('spot_check_findings as f', 'f.item_id', 'i.id')
    .leftJoin('corrections as k', 'k.finding_id', 'f.id')
    .select(['i.case_id', 'd.drawn_at', 'd.status', 'i.reason', 'f.inspected_on', 'f.finding', 'f.notes', 'k.ordered_on', 'k.requirement', 'k.closed_on', 'k.result'])
    .where('i.case_id', 'in', caseIds)
    .where('d.status', '=', 'locked')
    .execute();
  for (const s of sampled) {
    const no = caseNo.get(s.case_id) ?? null;
    out.push(entry(s.drawn_at, 'spot_check', no, `区民政局抽查抽中（${s.reason === 'mandatory' ? '必查' : '随机抽取'}）`));
    if (s.inspected_on && s.finding) out.push(entry(s.inspected_on, 'finding', no, `抽查核查结论：${findingLabels[s.finding]}`, s.notes ?? ''));
    if (s.ordered_on) out.push(entry(s.ordered_on, 'correction', no, '下达整改', s.requirement ?? ''));
    if (s.closed_on) out.push(entry(s.closed_on, 'correction', no, '整改完成', s.result ?? ''));
  }
  const edits = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'details_json'])
    // A member's edit names the household in its details, so one since removed still shows.
    .where((eb) => eb.or([eb.and([eb('entity', '=', 'households'), eb('entity_id', '=', householdId)]), eb.and([eb('entity', '=', 'members'), eb(sql`json_extract(details_json, '$.householdId')`, '=', householdId)])]))
    .orderBy('seq')
    .where('action', 'in', ['household.edit', 'member.edit', 'member.add', 'member.remove'])
    .execute();
  for (const e of edits) {
    const d = JSON.parse(e.details_json) as { reason?: string; fields?: string[]; name?: string };
    out.push(entry(e.at, 'edit', null, editTitle(e.action, d), d.reason ?? ''));
  }
  // Days are China days; an instant is placed on its China day and time, so an evening event is not a day early.
  const key = (at: string) => (at.includes('T') ? chinaLocalDateTime(at) : at);
  return out.sort((a, b) => (key(a.at) < key(b.at) ? -1 : key(a.at) > key(b.at) ? 1 : 0));
}

function editTitle(action: string, d: { fields?: string[]; name?: string }): string {
  switch (action) {
    case 'household.edit':
      return `修改家庭信息（${(d.fields ?? []).join('、')}）`;
    case 'member.edit':
      return `修改成员${d.name ?? ''}的信息（${(d.fields ?? []).join('、')}）`;
    case 'member.add':
      return `添加家庭成员${d.name ?? ''}`;
    case 'member.remove':
      return `移出家庭成员${d.name ?? ''}`;
    default:
      return action;
  }
}

/** When an approval takes effect, in the words of the record page. */
function effectText(t: EffectTiming): string {
  switch (t.state) {
    case 'open':
      return '';
    case 'awaiting_notice':
      return '待公示，公示期满无异议后生效';
    case 'suspended':
      return '公示期间有异议，暂不执行，重新调查后提交会议审议';
    case 'from':
      return `自${formatChineseDate(t.date)}起执行`;
    default: {
      const never: never = t;
      throw new Error(`unknown timing ${String(never)}`);
    }
  }
}
