// The household record (issue 15) on a real database: the economic investigation and its arithmetic, the
// agenda that takes only investigated (or prepaid) cases, 近亲属备案 and the approval it blocks without a
// home visit, complaints, 先行救助 within the limit, edits with a reason, the audited reveal, and what the
// record page receives (masked). Every refusal writes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import type { IntakeArgs } from '../../shared/intake';
import type { InvestigationArgs } from '../../shared/investigation';
import { formatYuan } from '../../shared/money';
import { createHandlerTable } from '../../electron/backend/handlers';
import type { ArgsOf } from '../../shared/api';
import type { ChannelName } from '../../shared/channels';
import { api } from '../helpers/api';
import { freshDatabase } from '../helpers/db';
import { seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { NOW, testContext } from '../helpers/minimal';

const id = (first17: string) => first17 + citizenIdCheckChar(first17);
const members = [
  { name: '周建国', citizenId: id('43010419700312001'), relation: 'self', occupation: '无业', health: '尿毒症', disability: '' },
  { name: '刘芳', citizenId: id('43010419720815002'), relation: 'spouse', occupation: '保洁员', health: '', disability: '' },
  { name: '周子涵', citizenId: id('43010420100101004'), relation: 'child', occupation: '学生', health: '', disability: '' },
];
const intake = (over: Partial<IntakeArgs['apply']> = {}): IntakeArgs['apply'] => ({
  communityCode: '430188001001',
  kind: 'new_application',
  category: 'dibao',
  appliedOn: '2026-11-10',
  reason: '家庭主要劳动力患病',
  declaredIncomeFen: null,
  documents: [{ kind: 'application_form', receivedOn: '2026-11-10' }, { kind: 'id_card', receivedOn: '2026-11-10' }],
  relativesDeclaration: 'declared',
  relativesDeclarationNote: '申请人之兄在街道社会事务办工作',
  household: { on: 'new', areaType: 'urban', address: '麓山区望江路12号3栋201室', phone: '13800138000', members: members as IntakeArgs['apply']['household'] extends { members: infer M } ? M : never },
  ...over,
});

async function world(caseCount = 4) {
  const t = await freshDatabase();
  const w = seedMeetingWorld(t.handle, caseCount);
  t.handle.sqlite.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-staff2', 'staff2', '陈社工', 'street_staff', '430188001', ?)").run(NOW);
  const ctx = testContext(t.handle, t.dir);
  const registry = createHandlerTable(ctx, { checkResults: true });
  const answer = async <K extends ChannelName>(name: K, args: ArgsOf<K>) => registry.invoke(name, args);
  const one = <T>(sql: string, ...p: unknown[]) => t.handle.sqlite.prepare(sql).pluck().get(...p) as T;
  const fields = async <K extends ChannelName>(name: K, args: ArgsOf<K>) => {
    const r = await answer(name, args);
    if (r.ok) throw new Error(`${name} should have been refused`);
    return ((r.error.details as { problems?: { field: string }[] } | undefined)?.problems ?? []).map((p) => p.field);
  };
  return { t, w, a: api(ctx), answer, one, fields, cleanup: () => t.cleanup() };
}
type World = Awaited<ReturnType<typeof world>>;
let current: World | null = null;
afterEach(async () => {
  await current?.cleanup();
  current = null;
});
const open = async (n?: number) => (current = await world(n));

/** An investigation of the three-person household: wages 1,500 − 300 exempt; net 1,200; 人均 400. */
function investigation(caseId: string, over: Partial<InvestigationArgs> = {}): InvestigationArgs {
  return {
    caseId,
    visitedOn: '2026-11-15',
    investigatorIds: ['u-staff', 'u-staff2'],
    visitNote: '住房为租住的老旧公房，户主透析治疗',
    incomes: [{ memberId: null, source: 'wages', grossFen: 150_000, exemptFen: 20_000, workCostFen: 10_000, note: '配偶保洁工资' }],
    expenses: [],
    assets: [{ kind: 'deposit', description: '银行存款', valueFen: 300_000 }],
    singlePerson: null,
    crossCheck: 'consistent',
    crossCheckNote: '',
    conclusion: 'eligible',
    conclusionNote: '',
    temporaryAmountFen: null,
    netIncomeFen: 120_000,
    proposedAmountFen: 120_000,
    ...over,
  };
}

describe('the family economic investigation', () => {
  it('derives the figures with their arithmetic, refuses what does not add up field by field, and writes nothing then', async () => {
    const w = await open();
    const r = await w.a.call('cases.intake', intake());
    const count = () => w.one<number>('SELECT count(*) FROM investigations');
    const before = count();
    expect(await w.fields('cases.recordInvestigation', investigation(r.caseId, { investigatorIds: ['u-staff'] }))).toContain('investigatorIds');
    expect(await w.fields('cases.recordInvestigation', investigation(r.caseId, { investigatorIds: ['u-staff', 'u-staff'] }))).toContain('investigatorIds');
    expect(await w.fields('cases.recordInvestigation', investigation(r.caseId, { investigatorIds: ['u-staff', 'u-other'] }))).toContain('investigatorIds');
    const over = investigation(r.caseId, { incomes: [{ memberId: null, source: 'wages', grossFen: 150_000, exemptFen: 200_000, workCostFen: 0, note: '' }] });
    expect(await w.fields('cases.recordInvestigation', over)).toContain('incomes.0.exemptFen');
    await w.a.refused('cases.recordInvestigation', investigation(r.caseId, { netIncomeFen: 150_000 }), 'validation', /收入合计与各项不符/);
    await w.a.refused('cases.recordInvestigation', investigation(r.caseId, { proposedAmountFen: 200_000 }), 'validation', /拟救助金额按标准应为 1,200.00 元/);
    const rich = investigation(r.caseId, { incomes: [{ memberId: null, source: 'business', grossFen: 300_000, exemptFen: 0, workCostFen: 0, note: '' }], netIncomeFen: 300_000, proposedAmountFen: 24_000 });
    expect(await w.fields('cases.recordInvestigation', rich)).toContain('conclusion');
    expect(await w.fields('cases.recordInvestigation', investigation(r.caseId, { visitedOn: '2026-11-21' }))).toContain('visitedOn');
    expect(await w.fields('cases.recordInvestigation', investigation(r.caseId, { visitedOn: '2026-11-09' }))).toContain('visitedOn');
    expect(await w.fields('cases.recordInvestigation', investigation(r.caseId, { temporaryAmountFen: 50_000 }))).toContain('temporaryAmountFen');
    expect(count()).toBe(before);

    const record = await w.a.call('cases.recordInvestigation', investigation(r.caseId));
    expect(record.investigation).toMatchObject({ grossFen: 150_000, exemptFen: 20_000, workCostFen: 10_000, netFen: 120_000, perCapitaFen: 40_000, proposedFen: 120_000, householdSize: 3 });
    expect(record.investigation!.investigators.map((i) => i.name)).toEqual(['王经办', '陈社工']);
    expect(record.investigation!.arithmetic.join('\n')).toContain(`（低保标准 ${formatYuan(80_000)} 元 − 人均 ${formatYuan(40_000)} 元）× 3 人 = ${formatYuan(120_000)} 元`);
    expect(w.one<number>('SELECT per_capita_income_fen FROM cases WHERE id = ?', r.caseId)).toBe(40_000);
    expect(w.one<number>('SELECT proposed_amount_fen FROM cases WHERE id = ?', r.caseId)).toBe(120_000);
    expect(w.one<string>('SELECT home_visit_note FROM cases WHERE id = ?', r.caseId)).toMatch(/王经办、陈社工入户调查/);
    expect(w.one<number>("SELECT count(*) FROM audit_log WHERE action = 'case.investigation' AND entity_id = ?", r.caseId)).toBe(1);
    // A 单人户 counts one person at the household's per-capita income.
    const single = await w.a.call('cases.recordInvestigation', investigation(r.caseId, { singlePerson: { basis: 'serious_illness', memberId: record.household.members[0]!.id }, proposedAmountFen: 40_000 }));
    expect(single.investigation).toMatchObject({ countedSize: 1, proposedFen: 40_000 });
    expect(w.one<number>('SELECT count(*) FROM investigations WHERE case_id = ?', r.caseId)).toBe(1);
  });

  it('puts a case on an agenda only once it is investigated (or prepaid), with its figures', async () => {
    const w = await open();
    const r = await w.a.call('cases.intake', intake());
    const create = { month: '2026-11', venue: '三楼会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' };
    let m = await w.a.call('meetings.create', create);
    expect(m.items.map((i) => i.case.id)).not.toContain(r.caseId);
    await w.a.refused('meetings.addItem', { meetingId: m.id, caseId: r.caseId }, 'validation', /尚未完成家庭经济状况调查/);
    await w.a.call('cases.recordInvestigation', investigation(r.caseId));
    m = await w.a.call('meetings.addItem', { meetingId: m.id, caseId: r.caseId });
    const item = m.items.find((i) => i.case.id === r.caseId)!.case;
    expect(item).toMatchObject({ perCapitaIncomeFen: 40_000, proposedAmountFen: 120_000, closeRelative: false });
    // The figures cannot change under a meeting that is deciding.
    await w.a.call('meetings.markAllPresent', { meetingId: m.id });
    await w.a.call('meetings.open', { meetingId: m.id });
    await w.a.refused('cases.recordInvestigation', investigation(r.caseId), 'conflict', /正在会上审议/);
  });
});

describe('近亲属备案, complaints and 先行救助', () => {
  it('flags a filed case, and refuses to approve it until its home visit is recorded', async () => {
    const w = await open();
    const r = await w.a.call('cases.intake', intake());
    const record = await w.a.call('cases.record', { caseId: r.caseId });
    await w.a.refused('cases.fileCloseRelative', { caseId: r.caseId, memberId: 'p-0-0', relativeName: '周某', relativePost: '社区居委会委员', relation: 'sibling', filedOn: '2026-11-12' }, 'validation', /不在这一户/);
    const filed = await w.a.call('cases.fileCloseRelative', { caseId: r.caseId, memberId: record.household.members[0]!.id, relativeName: '周建民', relativePost: '街道社会事务办工作人员', relation: 'sibling', filedOn: '2026-11-12' });
    expect(filed.closeRelative).toBe(true);
    expect(filed.filings).toEqual([expect.objectContaining({ memberName: '周建国', relativeName: '周建民', relation: 'sibling', caseNo: r.caseNo })]);
    expect(filed.history.map((h) => h.kind)).toEqual(['application', 'filing']);
    // A case already on a draft agenda before its visit was recorded (as from an earlier version): c-1 is filed.
    const create = { month: '2026-11', venue: '三楼会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' };
    let m = await w.a.call('meetings.create', create);
    w.t.handle.sqlite.prepare("DELETE FROM investigations WHERE case_id = 'c-1'").run();
    await w.a.call('meetings.markAllPresent', { meetingId: m.id });
    m = await w.a.call('meetings.open', { meetingId: m.id });
    const item = m.items.find((i) => i.case.id === 'c-1')!;
    expect(item.case.closeRelative).toBe(true);
    const votes = { votesFor: 5, votesAgainst: 0, votesAbstain: 0 };
    await w.a.refused('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'approve', amountYuan: '620', reason: '', ...votes }, 'validation', /近亲属备案的个案须先登记入户调查|已作近亲属备案/);
    m = await w.a.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'defer', amountYuan: null, reason: '补做入户调查', ...votes });
    expect(m.items.find((i) => i.case.id === 'c-1')!.decision?.outcome).toBe('defer');
  });

  it('records a complaint against the household and closes it; flags its undecided cases', async () => {
    const w = await open();
    const r = await w.a.call('cases.intake', intake());
    const temp = await w.a.call('cases.intake', intake({ kind: 'temporary', category: 'temporary', household: { on: 'file', householdId: r.householdId } }));
    const args = { caseId: r.caseId, against: 'household', channel: 'hotline_12345', receivedOn: '2026-11-16', complainant: '匿名', content: '反映该户有经营性收入未申报' } as const;
    await w.a.refused('cases.recordComplaint', { ...args, receivedOn: '2026-11-25' }, 'validation', /不能晚于今天/);
    const after = await w.a.call('cases.recordComplaint', args);
    expect(after.complaint).toBe(true);
    expect(w.one<number>('SELECT complaint FROM cases WHERE id = ?', temp.caseId)).toBe(1);
    const complaintId = after.complaints[0]!.id;
    await w.a.refused('cases.closeComplaint', { complaintId, handling: '入户核实', result: '反映不实', closedOn: '2026-11-15' }, 'validation', /早于/);
    const closed = await w.a.call('cases.closeComplaint', { complaintId, handling: '入户核实，查询工商登记', result: '反映不实，未发现经营收入', closedOn: '2026-11-18' });
    expect(closed.complaints[0]).toMatchObject({ status: 'closed', result: '反映不实，未发现经营收入' });
    await w.a.refused('cases.closeComplaint', { complaintId, handling: '再次', result: '再次', closedOn: '2026-11-19' }, 'conflict', /已经办结/);
  });

  it('pays a prepayment only for temporary assistance, within the limit, and puts it on the next agenda unreviewed', async () => {
    const w = await open();
    const r = await w.a.call('cases.intake', intake());
    const temp = await w.a.call('cases.intake', intake({ kind: 'temporary', category: 'temporary', household: { on: 'file', householdId: r.householdId } }));
    const pay = { caseId: temp.caseId, amountFen: 80_000, paidOn: '2026-11-11', reason: '突发火灾，生活无着', approvedBy: '赵建国' };
    await w.a.refused('cases.recordPrepayment', { ...pay, caseId: r.caseId }, 'validation', /只有临时救助/);
    expect(await w.fields('cases.recordPrepayment', { ...pay, amountFen: 100_001 })).toEqual(['amountFen']);
    await w.a.refused('cases.recordPrepayment', { ...pay, amountFen: 100_001 }, 'validation', /超过小金额先行救助的上限 1,000.00 元/);
    const paid = await w.a.call('cases.recordPrepayment', pay);
    expect(paid.prepayment).toEqual({ amountFen: 80_000, paidOn: '2026-11-11', reason: '突发火灾，生活无着', approvedBy: '赵建国' });
    await w.a.refused('cases.recordPrepayment', pay, 'conflict', /已登记过先行救助/);
    const m = await w.a.call('meetings.create', { month: '2026-11', venue: '三楼会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' });
    const ids = m.items.map((i) => i.case.id);
    expect(ids).toContain(temp.caseId);
    expect(ids).not.toContain(r.caseId);
  });
});

describe('edits, masking and the reveal', () => {
  it('edits the household and its members with a reason, by the intake rules, audited without the numbers', async () => {
    const w = await open();
    const r = await w.a.call('cases.intake', intake());
    const record = await w.a.call('cases.record', { caseId: r.caseId });
    const [head, spouse] = record.household.members;
    const edited = await w.a.call('households.edit', { caseId: r.caseId, phone: '13900139000', reason: '申请人更换手机号码' });
    expect(edited.household.phoneMasked).toBe('139****9000');
    await w.a.refused('households.edit', { caseId: r.caseId, phone: '13900139000', reason: '再改' }, 'validation', /没有修改任何内容/);
    const audit = w.one<string>("SELECT details_json FROM audit_log WHERE action = 'household.edit'");
    expect(JSON.parse(audit)).toMatchObject({ fields: ['联系电话'], reason: '申请人更换手机号码' });
    expect(audit).not.toContain('13900139000');
    expect(await w.fields('households.editMember', { caseId: r.caseId, memberId: spouse!.id, relation: 'self', reason: '户主变更' })).toEqual(['relation']);
    await w.a.refused('households.editMember', { caseId: r.caseId, memberId: head!.id, relation: 'spouse', reason: '户主变更' }, 'validation', /户主的关系不能直接改掉/);
    const held = w.one<string>("SELECT citizen_id FROM members WHERE id = 'p-0-0'");
    await w.a.refused('households.editMember', { caseId: r.caseId, memberId: spouse!.id, citizenId: held, reason: '更正号码' }, 'conflict', /已登记在另一户/);
    const bad = spouse!.citizenIdMasked && members[1]!.citizenId.slice(0, 17) + (members[1]!.citizenId.endsWith('1') ? '2' : '1');
    expect(await w.fields('households.editMember', { caseId: r.caseId, memberId: spouse!.id, citizenId: bad, reason: '更正号码' })).toEqual(['citizenId']);
    const renamed = await w.a.call('households.editMember', { caseId: r.caseId, memberId: spouse!.id, name: '刘芳芳', occupation: '无业', reason: '按户口簿更正姓名' });
    expect(renamed.household.members.find((m) => m.id === spouse!.id)).toMatchObject({ name: '刘芳芳', occupation: '无业' });
    const newborn = { name: '周小宝', citizenId: id('43010420260101003'), relation: 'child', occupation: '', health: '', disability: '' } as const;
    const grown = await w.a.call('households.addMember', { caseId: r.caseId, member: newborn, reason: '新生儿落户' });
    expect(grown.household.members).toHaveLength(4);
    expect(await w.fields('households.addMember', { caseId: r.caseId, member: { ...newborn, name: '周二宝', citizenId: id('43010420260101011').slice(0, 17) + 'X' }, reason: '再添' })).toEqual(['member.citizenId']);
    await w.a.refused('households.removeMember', { caseId: r.caseId, memberId: head!.id, reason: '迁出' }, 'validation', /户主不能移出/);
    const smaller = await w.a.call('households.removeMember', { caseId: r.caseId, memberId: grown.household.members.find((m) => m.name === '周小宝')!.id, reason: '户口迁出' });
    expect(smaller.household.members).toHaveLength(3);
    const titles = smaller.history.filter((h) => h.kind === 'edit').map((h) => h.title);
    expect(titles).toEqual(['修改家庭信息（联系电话）', '修改成员刘芳芳的信息（姓名、职业）', '添加家庭成员周小宝', '移出家庭成员周小宝']);
    expect(w.one<number>("SELECT count(*) FROM outbox WHERE name LIKE 'households.%'")).toBe(4);
  });

  it('masks IDs, phone and address on the record; shows one in full only to the street, audited', async () => {
    const w = await open();
    const r = await w.a.call('cases.intake', intake());
    const record = await w.a.call('cases.record', { caseId: r.caseId });
    const json = JSON.stringify(record);
    for (const m of members) expect(json).not.toContain(m.citizenId);
    expect(json).not.toContain('13800138000');
    expect(record.household.addressMasked).toBe('麓山区望江路**号*栋***室');
    expect(record.writable).toBe(true);
    const head = record.household.members[0]!;
    expect((await w.a.call('cases.reveal', { caseId: r.caseId, field: 'citizenId', memberId: head.id })).value).toBe(members[0]!.citizenId);
    expect((await w.a.call('cases.reveal', { caseId: r.caseId, field: 'phone', memberId: null })).value).toBe('13800138000');
    const logged = w.t.handle.sqlite.prepare("SELECT entity, details_json FROM audit_log WHERE action = 'record.reveal' ORDER BY seq").all() as { entity: string; details_json: string }[];
    expect(logged.map((l) => [l.entity, JSON.parse(l.details_json).field])).toEqual([['members', 'citizenId'], ['households', 'phone']]);
    expect(logged.map((l) => l.details_json).join()).not.toContain(members[0]!.citizenId);
    await w.a.refused('cases.reveal', { caseId: r.caseId, field: 'citizenId', memberId: 'p-0-0' }, 'not-found');
    signInAs(w.t.handle, 'u-bureau');
    const seen = await w.a.call('cases.record', { caseId: r.caseId });
    expect(seen.writable).toBe(false);
    await w.a.refused('cases.reveal', { caseId: r.caseId, field: 'citizenId', memberId: head.id }, 'forbidden');
    await w.a.refused('cases.fileCloseRelative', { caseId: r.caseId, memberId: head.id, relativeName: '某', relativePost: '某', relation: 'sibling', filedOn: '2026-11-12' }, 'forbidden');
    signInAs(w.t.handle, 'u-other');
    await w.a.refused('cases.record', { caseId: r.caseId }, 'forbidden');
    await w.a.refused('households.edit', { caseId: r.caseId, phone: '13700137000', reason: '改' }, 'forbidden');
  });

  it('finds a household on file by a member ID or name, masked, with its open case', async () => {
    const w = await open();
    const r = await w.a.call('cases.intake', intake());
    const byId = await w.a.call('cases.findHousehold', { idOrName: members[2]!.citizenId });
    expect(byId).toEqual([expect.objectContaining({ householdId: r.householdId, headName: '周建国', openCaseNo: r.caseNo })]);
    expect(JSON.stringify(byId)).not.toContain(members[2]!.citizenId);
    expect((await w.a.call('cases.findHousehold', { idOrName: '子涵' })).map((h) => h.householdId)).toEqual([r.householdId]);
    signInAs(w.t.handle, 'u-other');
    expect(await w.a.call('cases.findHousehold', { idOrName: '子涵' })).toEqual([]);
  });
});

describe('flags and the sample', () => {
  it('counts filed and complained-about cases as mandatory in the sample, a complaint made after the decision too', async () => {
    const w = await open();
    const create = { month: '2026-11', venue: '三楼会议室', scheduledAt: '2026-11-20T09:00', chairMemberId: 'cm-chair', recorderMemberId: 'cm-rec' };
    let m = await w.a.call('meetings.create', create);
    await w.a.call('meetings.markAllPresent', { meetingId: m.id });
    m = await w.a.call('meetings.open', { meetingId: m.id });
    for (const item of m.items) {
      m = await w.a.call('meetings.recordDecision', { meetingId: m.id, itemId: item.id, outcome: 'reject', reason: '家庭收入超过标准', amountYuan: null, votesFor: item.eligibleVoters, votesAgainst: 0, votesAbstain: 0 });
    }
    await w.a.call('meetings.close', { meetingId: m.id });
    w.t.handle.sqlite.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-chief', 'chief', '区科长', 'bureau_chief', '430188', ?)").run(NOW);
    signInAs(w.t.handle, 'u-chief');
    const query = { query: { periodStart: '2026-11-01', periodEnd: '2026-11-30', streetCodes: ['430188001'] }, rate: 30 };
    const mandatory = async () => (await w.a.call('spotchecks.frame', query)).strata.reduce((n, s) => n + s.mandatory, 0);
    // c-1 is filed and c-2 complained about in the world; c-0 is neither.
    expect(await mandatory()).toBe(2);
    signInAs(w.t.handle, 'u-staff');
    const c0 = await w.a.call('cases.record', { caseId: 'c-0' });
    expect(c0.open).toBe(false);
    await w.a.call('cases.recordComplaint', { caseId: 'c-0', against: 'case', channel: 'letter', receivedOn: '2026-11-20', complainant: '邻居', content: '反映其子女有稳定工作收入' });
    signInAs(w.t.handle, 'u-chief');
    expect(await mandatory()).toBe(3);
  }, 120_000);
});
