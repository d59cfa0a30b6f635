// 社会救助联审联批领导小组会议纪要: the minutes of a street's monthly joint review meeting, laid out after
// GB/T 9704-2012 §10.3 (red 小标宋 mark, issue number, red separator; body in 3号 仿宋; the 出席 / 请假 /
// 列席 lines in 黑体 labels after the body). The app stores the PDF's SHA-256 when the meeting closes and
// re-renders to verify it, so nothing here may depend on the clock, the machine or the order of a Map.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { MeetingDetail, RosterEntry } from '../shared/meeting';
import { chinaDateOf, formatChineseDate } from '../shared/dates';
import { fontFamilies } from './fonts';
import { gbDocument, zihao } from './page';
import {
  attendanceLine,
  BODY_LINE_HEIGHT,
  chinaClock,
  clause,
  decisionText,
  findings,
  INDENT,
  matterLabel,
  ordinal,
  para,
  personWithTitle,
  recusalText,
  RED,
  summaryTable,
  summaryTotals,
  TYPE_AREA,
  votesText,
  type DecidedItem,
} from './minutes-parts';

/** The gongwen footer's text (templates/page.ts). */
const PAGE_NUMBER = /^— \d+ —$/;

export type MinutesData = {
  /** The street office's name from the settings, e.g. 望江街道办事处 (the PDF's author). */
  officeName: string;
  streetName: string;
  /** A closed meeting: every item still on the agenda has its decision. */
  meeting: MeetingDetail;
};

/** The items the minutes record, in agenda order; an undecided one means the meeting is not closed. */
function decidedItems(m: MeetingDetail): DecidedItem[] {
  return m.items
    .filter((i) => !i.removed)
    .map((i) => {
      if (i.decision === null) throw new Error(`minutes need a decision on every item; item ${i.number ?? i.id} has none`);
      return { ...i, decision: i.decision };
    });
}

/** The member in a seat: by the id the meeting recorded, else by position (older records). */
function seat(m: MeetingDetail, id: string | null, position: RosterEntry['position']): RosterEntry | undefined {
  return m.roster.find((r) => id !== null && r.memberId === id) ?? m.roster.find((r) => r.position === position);
}

/**
 * 版头: the red mark on two lines (the street's group name sized to fill the type area, then 会议纪要
 * large), the issue number, the issuer and date, and the red separator across the type area.
 */
function masthead(streetName: string, issue: string, issuedOn: string): Content[] {
  const group = `${streetName}社会救助联审联批领导小组`;
  // Every character is full-width (1 em), so this size fills the line without ever wrapping it,
  // however long the street's name.
  const groupSize = Math.min(30, Math.floor((TYPE_AREA / [...group].length) * 10) / 10);
  const markSize = 44;
  return [
    { text: group, font: fontFamilies.title, fontSize: groupSize, color: RED, alignment: 'center', lineHeight: 1.1 },
    // The extra spacing after the last character would push the word left of centre; a left margin of
    // the same amount puts it back.
    { text: '会议纪要', font: fontFamilies.title, fontSize: markSize, color: RED, alignment: 'center', characterSpacing: markSize / 2, margin: [markSize / 2, 6, 0, 0] },
    { text: issue, style: 'body', alignment: 'center', margin: [0, 14, 0, 10] },
    {
      columns: [
        { width: '*', text: `${streetName}社会救助联审联批领导小组办公室`, style: 'body' },
        // The date stays on one line; a long issuer's name wraps instead.
        { width: 'auto', text: issuedOn, style: 'body', noWrap: true },
      ],
      columnGap: zihao.三号,
    },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: TYPE_AREA, y2: 0, lineWidth: 1.5, lineColor: RED }], margin: [0, 6, 0, zihao.三号 * 1.5] },
  ];
}

/** The opening paragraph: when, where, who chaired and recorded, whether the quorum was met, what was heard. */
function opening(m: MeetingDetail, streetName: string, items: DecidedItem[]): Content {
  const held = m.openedAt ?? m.scheduledAt;
  const chair = seat(m, m.chairMemberId, 'chair');
  const recorder = seat(m, m.recorderMemberId, 'recorder');
  const q = m.quorum;
  const onLeave = m.roster.filter((r) => r.memberId !== null && r.voting && r.attendance === 'leave').length;
  const absent = m.roster.filter((r) => r.memberId !== null && r.voting && r.attendance === 'absent').length;
  const observers = m.roster.filter((r) => r.attendance === 'observer').length;
  const removed = m.items.filter((i) => i.removed).length;

  const away = [onLeave > 0 ? `请假${onLeave}人` : '', absent > 0 ? `缺席${absent}人` : ''].filter((s) => s !== '').join('、');
  const chaired = chair ? `会议由${clause(chair.title)}${chair.name}主持` : '';
  const recorded = recorder ? `${recorder.name}记录` : '';
  const quorum = q.met ? `符合${q.ruleText}的规定，会议有效。` : `未达到${q.ruleText}的规定。`;
  return para([
    `${formatChineseDate(chinaDateOf(held))}${chinaClock(held)}，${streetName}在${clause(m.venue)}召开${m.month.slice(0, 4)}年第${m.issueNo}次社会救助联审联批领导小组会议。`,
    [chaired, recorded].filter((s) => s !== '').join('，') + (chaired || recorded ? '。' : ''),
    `会议应到领导小组成员${q.votingRoster}人，实到${q.presentVoting}人${away ? `（${away}）` : ''}，${quorum}`,
    observers > 0 ? `另有${observers}人列席会议。` : '',
    `会议听取了社会救助经办人员关于本月待审议事项入户调查和信息核对情况的汇报，按照${q.passingText}的表决规则逐项审议，议定事项${items.length}项`,
    removed > 0 ? `（另有${removed}项移出议程，未作审议）` : '',
    '。现纪要如下：',
  ]);
}

/** One decided item: 黑体 heading, the findings, recusals and discussion, then the decision and votes. */
function itemBlock(item: DecidedItem, index: number): Content[] {
  const c = item.case;
  const n = item.number ?? index + 1;
  const blocks: Content[] = [
    {
      text: `${ordinal(n)}、关于${c.communityName}${c.headName}户（${c.householdSize}人）${matterLabel(c)}事项`,
      font: fontFamilies.heading,
      fontSize: zihao.三号,
      lineHeight: BODY_LINE_HEIGHT,
      leadingIndent: INDENT,
      headlineLevel: 1,
      margin: [0, 6, 0, 0],
    },
    ...findings(c).map((text) => para(text)),
  ];
  const recusals = recusalText(item);
  if (recusals !== '') blocks.push(para(recusals));
  const notes = clause(item.notes);
  if (notes !== '') blocks.push(para(`讨论情况：${notes}。`));
  blocks.push(para([{ text: '会议决定：', font: fontFamilies.heading }, decisionText(c, item.decision), votesText(item.decision)]));
  // A correction of an earlier meeting's decision says so in the record (issue 17); that meeting's own
  // frozen minutes are not printed again.
  if (item.decision.supersedes) blocks.push(para(`本决定更正了${item.decision.supersedes.label}。`));
  return blocks;
}

/**
 * 出席 always; 请假, 列席 and 缺席 only when someone is in them (GB practice prints the lines that apply);
 * then the recorder and the date.
 */
function attendance(m: MeetingDetail, issuedOn: string): Content[] {
  const recorder = seat(m, m.recorderMemberId, 'recorder');
  // A non-voting recorder is named on the 记录人 line, not among the members present.
  const present = m.roster.filter((r) => r.memberId !== null && r.attendance === 'present' && !(r === recorder && !r.voting));
  const leave = m.roster.filter((r) => r.attendance === 'leave');
  const observers = m.roster.filter((r) => r.attendance === 'observer');
  const absent = m.roster.filter((r) => r.attendance === 'absent');
  const lines: Content[] = [attendanceLine('出席', present.map((p) => personWithTitle(p)))];
  if (leave.length > 0) lines.push(attendanceLine('请假', leave.map((p) => personWithTitle(p, true))));
  if (observers.length > 0) lines.push(attendanceLine('列席', observers.map((p) => personWithTitle(p))));
  if (absent.length > 0) lines.push(attendanceLine('缺席', absent.map((p) => personWithTitle(p, true))));
  if (recorder) lines.push(attendanceLine('记录人', [recorder.name]));
  // The date closes the block 右空四字, on the same page as the names so it is never left alone.
  lines.push({ text: issuedOn, style: 'body', alignment: 'right', margin: [0, zihao.三号, INDENT * 2, 0] });
  // One blank 3号 line between the body and the attendance block (GB/T 9704 10.3).
  return [{ stack: lines, margin: [0, zihao.三号 * BODY_LINE_HEIGHT * 1.4, 0, 0], unbreakable: true }];
}

export function minutesDocument(data: MinutesData): TDocumentDefinitions {
  const m = data.meeting;
  const items = decidedItems(m);
  // The minutes are dated and stamped with the moment the meeting closed: the same record always gives
  // the same document, whenever and wherever it is rendered.
  const closedAt = m.closedAt ?? m.openedAt ?? m.scheduledAt;
  const issuedOn = formatChineseDate(chinaDateOf(closedAt));
  const issue = `〔${m.month.slice(0, 4)}〕第${m.issueNo}期`;

  const content: Content[] = [
    ...masthead(data.streetName, issue, issuedOn),
    opening(m, data.streetName, items),
    ...items.flatMap(itemBlock),
  ];
  if (items.length > 0) {
    content.push(
      { text: '议定事项汇总表', font: fontFamilies.heading, fontSize: zihao.三号, alignment: 'center', headlineLevel: 1, margin: [0, zihao.三号, 0, 8] },
      summaryTable(items),
      { text: summaryTotals(items), style: 'tableCell', fontSize: zihao.小四, lineHeight: 1.2, margin: [0, 6, 0, 0] },
    );
  }
  content.push(...attendance(m, issuedOn));

  const title = `${data.streetName}社会救助联审联批领导小组会议纪要`;
  const doc = gbDocument({ title: `${title}${issue}`, subject: `${m.month.slice(0, 4)}年第${m.issueNo}次社会救助联审联批领导小组会议纪要`, content, footer: 'gongwen' });
  const stamp = new Date(closedAt);
  return {
    ...doc,
    // pdfkit would otherwise stamp CreationDate with new Date() and derive the file /ID from it.
    info: { ...doc.info, author: data.officeName, creationDate: stamp, modDate: stamp },
    // A 黑体 heading is never split across pages nor left alone at the foot of one: it moves to the next
    // page with its first paragraph. pdfmake counts the page's footer among the nodes that follow, so
    // the "— n —" page number is left out of that count.
    pageBreakBefore: (node, queries) =>
      node.headlineLevel === 1 &&
      (node.pageNumbers.length > 1 || queries.getFollowingNodesOnPage().every((n) => typeof n.text === 'string' && PAGE_NUMBER.test(n.text))),
  };
}
