// What each argument field of the contract, the commands and the desktop channels is called in a refusal.
// A refused call names the field the person typed into ("金额过长：最多 20 位"), never the programme's
// own name for it (amountYuan). tests/unit/args-messages.test.ts walks every argument schema and fails
// when a field is missing here, so a new field gets its Chinese name with it.

export type FieldLabel = {
  /** The field as the form calls it. */
  label: string;
  /** What a string field's length counts: 位 for digits and codes, 个字 (the default) for text. */
  unit?: '位' | '个字' | '个字符';
};

const digits = (label: string): FieldLabel => ({ label, unit: '位' });
const text = (label: string): FieldLabel => ({ label });
/** An identifier the app fills in itself: a refusal of one means the screen is stale, not a typo. */
const record = (label: string): FieldLabel => ({ label, unit: '个字符' });

export const fieldLabels: Record<string, FieldLabel> = {
  // Regions, cases, lists
  under: digits('上级区划代码'),
  communityCode: digits('社区代码'),
  streetCode: digits('街道代码'),
  streetCodes: text('街道'),
  category: text('救助类别'),
  status: text('状态'),

  search: text('查找内容'),
  // The cases grid's windows (cases.page)
  sort: text('排序'),
  'sort.column': text('排序列'),
  'sort.direction': text('排序方向'),
  offset: digits('起始行'),
  limit: digits('行数'),
  locate: record('选中的个案'),

  // A street office's details, as the bureau sets them
  office: text('单位信息'),
  address: text('地址'),
  phone: digits('电话'),
  hotlines: text('热线'),
  number: digits('热线号码'),
  label: text('热线名称'),

  // 受理: an application and its household
  appliedOn: text('申请日期'),
  household: text('申请家庭'),
  on: text('家庭来源'),
  householdId: record('家庭'),
  areaType: text('城乡类别'),
  members: text('家庭成员'),
  citizenId: digits('身份证号码'),
  relation: text('与户主关系'),
  occupation: text('职业'),
  health: text('健康状况'),
  disability: text('残疾情况'),
  documents: text('受理材料'),
  relativesDeclaration: text('近亲属申报'),
  relativesDeclarationNote: text('近亲属申报说明'),

  // 家庭经济状况调查
  visitedOn: text('入户调查日期'),
  investigatorIds: text('调查人'),
  visitNote: text('入户调查情况'),
  incomes: text('收入'),
  grossFen: text('收入金额'),
  exemptFen: text('收入豁免'),
  workCostFen: text('就业成本扣减'),
  'incomes.note': text('收入说明'),
  'expenses.note': text('支出说明'),
  expenses: text('刚性支出'),
  monthlyFen: text('每月金额'),
  assets: text('家庭财产'),
  description: text('财产说明'),
  valueFen: text('财产价值'),
  singlePerson: text('单人户'),
  crossCheck: text('跨部门核对结果'),
  crossCheckNote: text('核对说明'),
  conclusion: text('调查结论'),
  conclusionNote: text('调查结论说明'),
  temporaryAmountFen: text('拟临时救助金额'),
  netIncomeFen: text('月可支配收入'),
  proposedAmountFen: text('拟救助金额'),
  amountFen: text('金额'),

  // 近亲属备案, 投诉举报, 先行救助, edits of the record
  relativeName: text('工作人员姓名'),
  relativePost: text('工作人员职务'),
  filedOn: text('备案日期'),
  against: text('投诉对象'),
  complainant: text('投诉人'),
  complaintId: record('投诉举报'),
  handling: text('处理情况'),
  paidOn: text('发放日期'),
  approvedBy: text('批准人'),
  member: text('家庭成员'),
  field: text('要查看的信息'),

  // Confirmations a form asks for before the service accepts
  alsoThisMonth: text('确认本月再开一次会议'),
  onAnotherDay: text('确认不在原定日期开会'),

  // Settings
  officeName: text('办事处名称'),
  officeAddress: text('办事处地址'),
  officePhone: digits('办事处电话'),
  dibaoStandardUrbanFen: text('城市低保标准'),
  dibaoStandardRuralFen: text('农村低保标准'),
  edgeIncomePercent: text('低保边缘收入比例'),
  phaseOutMaxMonths: text('渐退最长月数'),
  temporaryLimitMonths: text('临时救助月数上限'),
  prepaymentLimitFen: text('小金额先行救助上限'),
  approvalMinFen: text('最低救助金额'),
  approvalMaxFen: text('最高救助金额'),
  quorum: text('法定人数规则'),
  kind: text('事项类别'),
  'quorum.kind': text('规则类型'),
  'documents.kind': text('材料名称'),
  'expenses.kind': text('支出类别'),
  'assets.kind': text('财产类别'),
  numerator: text('比例的分子'),
  denominator: text('比例的分母'),
  passing: text('表决通过规则'),
  'passing.basis': text('计票基数'),
  'singlePerson.basis': text('单人户依据'),
  nameMasking: text('姓名遮蔽方式'),
  noticeDays: text('公示天数'),
  tekunStandardUrbanFen: text('城市特困供养标准'),
  tekunStandardRuralFen: text('农村特困供养标准'),
  recheckStableMonths: text('收入稳定家庭的复核周期'),
  recheckIrregularMonths: text('收入不稳定家庭的复核周期'),
  deathRecheckMonths: text('成员去世后复核期限'),
  temporaryFollowUpMonths: text('临时救助回访期限'),
  applicationLimitWorkingDays: text('办理时限'),
  extendedLimitWorkingDays: text('延长后的办理时限'),
  dueSoonWorkingDays: text('到期提醒提前天数'),
  phaseOutMonths: text('渐退期'),
  supersedesDecisionId: record('被更正的决定'),
  openedFor: record('来源事项'),

  // 保障标准: a district's dated record, set by the bureau chief
  districtCode: digits('区县代码'),
  effectiveFrom: text('开始执行日期'),
  effectiveTo: text('停止执行日期'),
  values: text('标准内容'),
  basisNote: text('依据和说明'),

  // Meetings
  meetingId: record('会议'),
  month: text('会议月份'),
  venue: text('会议地点'),
  scheduledAt: text('会议时间'),
  chairMemberId: record('主持人'),
  recorderMemberId: record('记录人'),
  caseId: record('个案'),
  itemId: record('议题'),
  reason: text('理由'),
  attendanceId: record('出席记录'),
  attendance: text('出席情况'),
  name: text('姓名'),
  title: text('单位和职务'),
  memberId: record('成员'),
  diedOn: text('死亡日期'),
  followedUpOn: text('回访日期'),
  followUpNote: text('回访情况'),
  leftRoom: text('是否离场'),
  recusalId: record('回避记录'),
  outcome: text('决定'),
  amountYuan: digits('金额'),
  votesFor: text('赞成票数'),
  votesAgainst: text('反对票数'),
  votesAbstain: text('弃权票数'),
  notes: text('情况说明'),

  // Notices
  batchId: record('公示批次'),
  startDate: text('公示开始日期'),
  endDate: text('公示结束日期'),
  receivedOn: text('收到日期'),
  'documents.receivedOn': text('材料收到日期'),
  objector: text('异议人'),
  channel: text('来源渠道'),
  content: text('内容'),

  // Spot checks
  query: text('抽查范围'),
  idOrName: text('身份证号码或姓名'),
  periodStart: text('抽查期间的开始日期'),
  periodEnd: text('抽查期间的结束日期'),
  rate: text('抽查比例'),
  manifestSha256: digits('清单哈希值'),
  seed: text('随机种子'),
  source: text('随机种子来源'),
  'incomes.source': text('收入来源'),
  digits: digits('掷骰数字'),
  redraw: text('重新抽取'),
  drawId: record('抽查'),
  itemIds: text('样本'),
  inspectorAId: record('第一名抽查人员'),
  inspectorBId: record('第二名抽查人员'),
  method: text('核查方式'),
  inspectedOn: text('核查日期'),
  finding: text('核查结论'),
  findingId: record('核查结论'),
  requirement: text('整改要求'),
  orderedOn: text('下达日期'),
  deadline: text('整改期限'),
  correctionId: record('整改'),
  result: text('结果'),
  closedOn: text('完成日期'),
  // Corrections both ways (issue 17 item 2)
  asksCaseKind: text('要求列入会议的个案类别'),
  answeredOn: text('答复日期'),
  answer: text('整改情况'),
  decisionId: record('决定'),
  answerId: record('整改答复'),
  verdict: text('审核结论'),
  note: text('审核意见'),

  // Sync
  serverUrl: text('中心地址'),
  username: text('账号'),
  password: text('密码'),
  id: record('被退回的修改'),

  // The app lock
  active: record('是否有操作'),
  userId: record('用户'),
  secret: text('锁屏密码'),
  current: text('现在的锁屏密码'),
  minutes: digits('无操作后锁定的分钟数'),

  // Desktop
  file: text('文件'),
  folder: text('文件夹'),

  // 受理 and imports: the declared income, and a spreadsheet import's file, mapping and parts
  declaredIncomeFen: text('家庭月总收入（申报）'),
  fileName: record('文件名'),
  contentBase64: record('文件内容'),
  mapping: text('列对应关系'),
  columns: text('列对应关系'),
  'columns.headCitizenId': text('“户主身份证号”对应的列'),
  'columns.monthlyIncome': text('“家庭月总收入（元）”对应的列'),
  'mapping.columns': text('列对应关系'),
  'mapping.columns.headCitizenId': text('“户主身份证号”对应的列'),
  'mapping.columns.monthlyIncome': text('“家庭月总收入（元）”对应的列'),
  token: record('检查结果'),
  sha256: record('文件哈希值'),
  part: record('导入分批序号'),
  parts: record('导入分批数'),
  households: text('导入的家庭'),
  'households.row': record('行号'),
  'households.declaredIncomeFen': text('家庭月总收入'),
  'members.row': record('行号'),
  // The monthly roster (花名册)
  scope: digits('街道或区的区划代码'),
  sendNote: text('报送说明'),
  // Statistics (统计) and the monthly report (月度工作报表)
  period: text('统计周期'),
};

/**
 * The innermost named field on a path (array indexes skipped), qualified by its parent where the map says so: its label, 'unknown' for a name this map
 * lacks (a command defined elsewhere, e.g. in a test), or 'top' for the arguments as a whole.
 */
export function fieldLabelOf(path: readonly PropertyKey[]): FieldLabel | 'unknown' | 'top' {
  const names = path.filter((k): k is string => typeof k === 'string');
  const key = names[names.length - 1];
  if (key === undefined) return 'top';
  // A name that means different things in different places is labelled by its parent too ("incomes.source").
  const qualified = names.length > 1 ? `${names[names.length - 2]!}.${key}` : null;
  if (qualified !== null && Object.hasOwn(fieldLabels, qualified)) return fieldLabels[qualified]!;
  return Object.hasOwn(fieldLabels, key) ? fieldLabels[key]! : 'unknown';
}
