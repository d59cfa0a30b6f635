// The writes of a case's record page besides the investigation: 近亲属备案 (art. 11), complaints
// (投诉举报), 小金额先行救助 (seed 001 六), and the audited reveal of a masked ID number, phone or address.
// A filing or a complaint flags the case (and, for the household, its other undecided cases): flagged
// cases are always in the bureau's spot-check sample.
import { closeRelationLabels, personalFieldLabels } from '../../../shared/glossary';
import { caseRecordArgs } from '../../../shared/case-record';
import { formatYuan } from '../../../shared/money';
import { AppError } from '../../../shared/result';
import { defineCommand, type CommandContext } from '../commands/command';
import { assertFileOpen, caseOf, caseWriter, loadCase, refusedAt, type CaseOf } from './case-of';
import { loadCaseRecord } from './record-view';
import { agendaCaseStatuses } from '../../../shared/meeting-rules';

function notAfterToday(cx: CommandContext, date: string, field: string, what: string): void {
  if (date > cx.today) throw refusedAt(field, `${what}不能晚于今天`);
}

/** This case and, when `household`, the household's other undecided cases: each changed row is rested on. */
async function flagCases(cx: CommandContext, c: CaseOf, household: boolean, set: { close_relative: 1 } | { complaint: 1; complaint_note: string }): Promise<void> {
  let q = cx.trx.selectFrom('cases').select('id').where('household_id', '=', c.household_id);
  q = household ? q.where((eb) => eb.or([eb('id', '=', c.id), eb('status', 'in', agendaCaseStatuses)])) : q.where('id', '=', c.id);
  for (const row of await q.execute()) {
    await cx.expect('cases', row.id);
    await cx.trx.updateTable('cases').set({ ...set, updated_at: cx.at }).where('id', '=', row.id).execute();
  }
}

export const fileCloseRelative = defineCommand({
  name: 'cases.fileCloseRelative',
  label: '登记近亲属备案',
  args: caseRecordArgs.fileCloseRelative,
  load: loadCase,
  access: caseWriter('近亲属备案'),
  async run(cx, args, c) {
    notAfterToday(cx, args.filedOn, 'filedOn', '备案日期');
    const member = await cx.trx.selectFrom('members').select(['id', 'name']).where('id', '=', args.memberId).where('household_id', '=', c.household_id).executeTakeFirst();
    if (!member) throw refusedAt('memberId', '请从这一户的成员中选择', '备案的成员不在这一户');
    const id = cx.id('filing');
    await cx.trx
      .insertInto('close_relative_filings')
      .values({ id, household_id: c.household_id, member_id: member.id, relative_name: args.relativeName, relative_post: args.relativePost, relation: args.relation, filed_on: args.filedOn, case_id: c.id, updated_at: cx.at })
      .execute();
    // A filing is about the household: every case of it still to be decided is flagged, as this one.
    await flagCases(cx, c, true, { close_relative: 1 });
    cx.audit({ action: 'case.closeRelative', entity: 'cases', entityId: c.id, details: { caseNo: c.case_no, filingId: id, relation: closeRelationLabels[args.relation], post: args.relativePost } });
    return c.id;
  },
  reply: loadCaseRecord,
});

export const recordComplaint = defineCommand({
  name: 'cases.recordComplaint',
  label: '登记投诉举报',
  args: caseRecordArgs.recordComplaint,
  load: loadCase,
  access: caseWriter('投诉举报'),
  async run(cx, args, c) {
    notAfterToday(cx, args.receivedOn, 'receivedOn', '收到日期');
    const id = cx.id('complaint');
    await cx.trx
      .insertInto('complaints')
      .values({ id, case_id: c.id, household_id: c.household_id, against: args.against, channel: args.channel, received_on: args.receivedOn, complainant: args.complainant, content: args.content, status: 'open', closed_on: null, updated_at: cx.at })
      .execute();
    await flagCases(cx, c, args.against === 'household', { complaint: 1, complaint_note: args.content.slice(0, 200) });
    cx.audit({ action: 'case.complaint', entity: 'cases', entityId: c.id, details: { caseNo: c.case_no, complaintId: id, channel: args.channel, against: args.against } });
    return c.id;
  },
  reply: loadCaseRecord,
});

export const closeComplaint = defineCommand({
  name: 'cases.closeComplaint',
  label: '办结投诉举报',
  args: caseRecordArgs.closeComplaint,
  async load(cx, args) {
    const p = await cx.trx.selectFrom('complaints').select(['id', 'case_id', 'status', 'received_on']).where('id', '=', args.complaintId).executeTakeFirst();
    if (!p) throw new AppError('not-found', '没有找到这件投诉举报');
    return { ...(await caseOf(cx.trx, p.case_id)), filed: p };
  },
  access: caseWriter('投诉举报'),
  async run(cx, args, loaded) {
    const p = loaded.filed;
    if (p.status !== 'open') throw new AppError('conflict', '这件投诉举报已经办结');
    notAfterToday(cx, args.closedOn, 'closedOn', '办结日期');
    if (args.closedOn < p.received_on) throw refusedAt('closedOn', '办结日期不能早于收到投诉举报的日期', '办结日期早于收到日期');
    await cx.expect('complaints', p.id);
    await cx.trx.updateTable('complaints').set({ handling: args.handling, result: args.result, status: 'closed', closed_on: args.closedOn, updated_at: cx.at }).where('id', '=', p.id).execute();
    cx.audit({ action: 'case.complaintClosed', entity: 'complaints', entityId: p.id, details: { caseNo: loaded.case_no } });
    return loaded.id;
  },
  reply: loadCaseRecord,
});

export const recordPrepayment = defineCommand({
  name: 'cases.recordPrepayment',
  label: '登记小金额先行救助',
  args: caseRecordArgs.recordPrepayment,
  load: loadCase,
  access: caseWriter('先行救助'),
  async run(cx, args, c) {
    if (c.kind !== 'temporary') throw new AppError('validation', '只有临时救助的申请可以小金额先行救助');
    await assertFileOpen(cx.trx, c, '登记先行救助');
    if (c.prepaid_amount_fen !== null) throw new AppError('conflict', `个案 ${c.case_no} 已登记过先行救助`);
    notAfterToday(cx, args.paidOn, 'paidOn', '发放日期');
    const limit = (await cx.settings()).prepaymentLimitFen;
    if (args.amountFen > limit) {
      const message = `先行救助金额 ${formatYuan(args.amountFen)} 元超过小金额先行救助的上限 ${formatYuan(limit)} 元，请按程序提交会议审批`;
      throw refusedAt('amountFen', message);
    }
    await cx.expect('cases', c.id);
    await cx.trx
      .updateTable('cases')
      .set({ prepaid_amount_fen: args.amountFen, prepaid_on: args.paidOn, prepaid_reason: args.reason, prepaid_approved_by: args.approvedBy, updated_at: cx.at })
      .where('id', '=', c.id)
      .execute();
    cx.audit({ action: 'case.prepayment', entity: 'cases', entityId: c.id, details: { caseNo: c.case_no, amountFen: args.amountFen, paidOn: args.paidOn } });
    return c.id;
  },
  reply: loadCaseRecord,
});

export const revealPersonal = defineCommand({
  name: 'cases.reveal',
  label: '查看完整信息',
  args: caseRecordArgs.reveal,
  load: loadCase,
  access: caseWriter('完整的个人信息'),
  async run(cx, args, c) {
    let value: string;
    let entity: 'members' | 'households';
    let entityId: string;
    if (args.field === 'citizenId') {
      const m = args.memberId === null ? undefined : await cx.trx.selectFrom('members').select(['id', 'citizen_id']).where('id', '=', args.memberId).where('household_id', '=', c.household_id).executeTakeFirst();
      if (!m) throw new AppError('not-found', '这一户没有这位成员');
      [value, entity, entityId] = [m.citizen_id, 'members', m.id];
    } else {
      const h = await cx.trx.selectFrom('households').select(['id', 'address', 'phone']).where('id', '=', c.household_id).executeTakeFirstOrThrow();
      [value, entity, entityId] = [args.field === 'phone' ? h.phone : h.address, 'households', h.id];
    }
    // Who looked at what is the point: the value itself is not written to the log.
    cx.audit({ action: 'record.reveal', entity, entityId, details: { caseNo: c.case_no, field: args.field, label: personalFieldLabels[args.field] } });
    return { value };
  },
});
