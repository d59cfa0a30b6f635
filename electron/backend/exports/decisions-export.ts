// 决定: a closed meeting's decisions in the layout staff re-enter into the provincial 社会救助信息系统,
// one row per decided agenda item in the agenda's order (序号 is the item's number in the minutes):
//   序号 · 个案编号 · 社区代码 · 社区（村） · 户主姓名 · 户主身份证号 · 救助类别 · 事项 · 家庭人口 ·
//   审议结果 · 原月救助金（元） · 核定救助金（元） · 会议日期 · 理由/备注
// 原月救助金 is what the household was paid a month before the decision (empty for a new application);
// 核定救助金 is the amount decided with an approval: monthly, 0 for a termination (停发), the one-off sum
// for 临时救助, empty for a rejection, a deferral or a recognition without cash. Only a closed meeting's
// decisions are final, so an open meeting is refused.
import { canRead } from '../../../shared/access';
import { chinaDateOf } from '../../../shared/dates';
import type { SessionUser } from '../../../shared/domain';
import { caseCategoryLabels, caseKindLabels, outcomeLabels } from '../../../shared/glossary';
import type { AgendaItemView, DecisionView } from '../../../shared/meeting';
import { AppError } from '../../../shared/result';
import type { SavedFile } from '../../../shared/saved-file';
import type { BackendContext } from '../context';
import { meetingDetail } from '../meetings/meeting-view';
import { assertAllowed } from '../session/access';
import { settingsOfMeeting } from '../settings/settings';
import { tableSheet, type Field } from '../spreadsheet/xlsx-write';
import { citizenIdRule, headCitizenIds } from './citizen-ids';
import { saveExport } from './export-file';

type DecisionLine = { item: AgendaItemView; decision: DecisionView; headCitizenId: string | null; meetingDay: string };

/** The decision's reason and the item's discussion notes, as one cell. */
const remarks = (l: DecisionLine) => [l.decision.reason, l.item.notes].map((s) => s.trim()).filter((s) => s !== '').join('；') || null;

export const decisionFields: readonly Field<DecisionLine>[] = [
  { header: '序号', width: 6, kind: 'integer', value: (l) => l.item.number },
  { header: '个案编号', width: 22, kind: 'text', value: (l) => l.item.case.caseNo },
  { header: '社区代码', width: 14, kind: 'text', value: (l) => l.item.case.communityCode },
  { header: '社区（村）', width: 14, kind: 'text', value: (l) => l.item.case.communityName },
  { header: '户主姓名', width: 10, kind: 'text', value: (l) => l.item.case.headName },
  { header: '户主身份证号', width: 21, kind: 'text', value: (l) => l.headCitizenId },
  { header: '救助类别', width: 18, kind: 'text', value: (l) => caseCategoryLabels[l.item.case.category] },
  { header: '事项', width: 13, kind: 'text', value: (l) => caseKindLabels[l.item.case.kind] },
  { header: '家庭人口', width: 9, kind: 'integer', value: (l) => l.item.case.householdSize },
  { header: '审议结果', width: 9, kind: 'text', value: (l) => outcomeLabels[l.decision.outcome] },
  { header: '原月救助金（元）', width: 16, kind: 'yuan', value: (l) => l.item.case.currentAmountFen },
  { header: '核定救助金（元）', width: 16, kind: 'yuan', value: (l) => (l.decision.outcome === 'approve' ? l.decision.amountFen : null) },
  { header: '会议日期', width: 12, kind: 'date', value: (l) => l.meetingDay },
  { header: '理由/备注', width: 40, kind: 'text', value: remarks },
];

export async function exportDecisions(ctx: BackendContext, user: SessionUser, meetingId: string, outFile?: string): Promise<SavedFile> {
  const meeting = await meetingDetail(ctx.db, meetingId, await settingsOfMeeting(ctx.db, meetingId, ctx.clock.today()), { withNoticeDue: false });
  assertAllowed(canRead(user, meeting.streetCode, '这次会议'));
  if (meeting.status !== 'closed') throw new AppError('conflict', '会议结束后才能导出决定：结束前，决定还可以撤销重议');
  const decided = meeting.items.filter((i): i is AgendaItemView & { decision: DecisionView } => !i.removed && i.decision !== null);
  const heads = await headCitizenIds(ctx.db, decided.map((i) => i.case.id));
  const ids = citizenIdRule(user);
  // The day it was held: opened on another day than scheduled, the opening day counts (as in the minutes).
  const meetingDay = chinaDateOf(meeting.openedAt ?? meeting.scheduledAt);
  const lines = decided.map((item) => ({ item, decision: item.decision, headCitizenId: ids.show(meeting.streetCode, heads.get(item.case.id) ?? null), meetingDay }));
  const issue = `${meeting.month}-第${meeting.issueNo}期`;
  return saveExport(ctx, user, {
    document: 'decisions',
    fileName: `决定-${meeting.streetCode}-${issue}.xlsx`,
    title: `${meeting.streetName}${meeting.month.replace('-', '年')}月第${meeting.issueNo}期联审联批会议决定`,
    sheets: [tableSheet('决定', decisionFields, lines)],
    entity: 'meeting',
    entityId: meeting.id,
    citizenIds: ids.fullShown,
    ...(outFile ? { outFile } : {}),
  });
}
