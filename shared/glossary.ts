// Chinese domain terms and the identifiers the code uses for them. The UI shows the Chinese label;
// storage, the API and logs use the identifier. Keep every enumerated domain value here so a reader
// can go from a term in a policy text to the code and back.

export const glossary = {
  // organisations and people
  联审联批领导小组: 'leadingGroup',
  街道办事处: 'streetOffice',
  区民政局: 'districtBureau',
  经办人: 'caseworker',
  组长: 'chair',
  副组长: 'deputy',
  成员: 'member',
  纪检: 'discipline',
  记录人: 'recorder',
  户主: 'householdHead',
  家庭成员: 'householdMember',
  // records
  个案: 'case',
  案件编号: 'caseNo',
  会议: 'meeting',
  议题: 'agendaItem',
  议程: 'agenda',
  法定人数: 'quorum',
  表决: 'vote',
  主持人: 'chair',
  期号: 'issueNo',
  暂缓: 'defer',
  移出议程: 'removeItem',
  出席: 'present',
  请假: 'leave',
  列席: 'observer',
  回避: 'recusal',
  决定: 'decision',
  纪要: 'minutes',
  公示: 'noticeBatch',
  长期公示: 'standingList',
  异议: 'objection',
  抽查: 'spotCheck',
  抽样: 'spotCheckDraw',
  样本: 'sampleItem',
  抽查结论: 'finding',
  抽查清单: 'manifest',
  随机种子: 'seed',
  抽查比例: 'rate',
  抽样层: 'stratum',
  必查: 'mandatory',
  扩大抽查: 'sampleExtension',
  重新抽取: 'redraw',
  抽查人员: 'inspector',
  核查工作底稿: 'worksheet',
  抽查报告: 'spotCheckReport',
  整改: 'correction',
  近亲属备案: 'closeRelativeFiling',
  投诉举报: 'complaint',
  入户调查: 'homeVisit',
  信息核对: 'incomeCheck',
  先行救助: 'prepaidAssistance',
  小金额先行救助: 'prepayment',
  受理: 'intake',
  受理材料: 'caseDocument',
  家庭经济状况调查: 'investigation',
  调查人: 'investigator',
  收入豁免: 'exemptFen',
  就业成本扣减: 'workCostFen',
  刚性支出: 'rigidExpense',
  单人户: 'singlePerson',
  跨部门信息核对: 'crossCheck',
  月可支配收入: 'netIncomeFen',
  近亲属申报: 'relativesDeclaration',
  一户一条救助链: 'household history',
  查看完整信息: 'reveal',
  低保标准: 'dibaoStandard',
  区划代码: 'divisionCode',
  公民身份号码: 'citizenId',
  审计日志: 'auditLog',
  同步: 'sync',
  待同步: 'outbox',
  导入申请: 'import (cases.import)',
  导入模板: 'importTemplate (standardHeaders)',
  列对应关系: 'importMapping',
  申报家庭月总收入: 'declaredIncomeFen',
  导入检查: 'import check (imports.check)',
} as const;

export type GlossaryTerm = keyof typeof glossary;

/** 低收入人口 categories, plus 临时救助 which is an assistance kind rather than a population. */
export const caseCategoryLabels = {
  tekun: '特困人员',
  dibao: '低保对象',
  dibao_edge: '低保边缘家庭',
  rigid_expense: '刚性支出困难家庭',
  anti_relapse: '防止返贫监测对象',
  other: '其他困难人员',
  temporary: '临时救助',
} as const;

/** Matters a leading group decides on. */
export const caseKindLabels = {
  new_application: '新申请',
  increase: '变更（增发）',
  decrease: '变更（减发）',
  termination: '停保',
  phase_out: '渐退',
  temporary: '临时救助',
  re_review: '复核',
} as const;

export const caseStatusLabels = {
  pending: '待审议',
  deferred: '暂缓',
  approved: '同意',
  rejected: '不同意',
  reinvestigating: '重新调查',
  withdrawn: '已撤回',
} as const;

export const assistanceStatusLabels = {
  applicant: '申请中',
  active: '在保',
  phasing_out: '渐退期',
  terminated: '已停保',
  none: '未纳入',
} as const;

export const committeePositionLabels = {
  chair: '组长',
  deputy: '副组长',
  member: '成员',
  discipline: '纪检',
  recorder: '记录人',
} as const;

export const userRoleLabels = {
  street_staff: '街道经办人',
  group_member: '领导小组成员',
  bureau_inspector: '区民政局抽查人员',
  bureau_chief: '区民政局科长',
} as const;

export const meetingStatusLabels = { draft: '准备中', in_session: '会中', closed: '已结束' } as const;
export const attendanceLabels = { present: '出席', leave: '请假', observer: '列席', absent: '缺席' } as const;
export const outcomeLabels = { approve: '同意', reject: '不同意', defer: '暂缓' } as const;
export const noticeStatusLabels = { draft: '草稿', posted: '公示中', ended: '已结束' } as const;
/** How an objection (异议) to a notice reached the office. */
export const objectionChannelLabels = { visit: '来访', phone: '来电', letter: '来信', hotline_12349: '12349 热线', other: '其他' } as const;

export const findingLabels = {
  compliant: '符合',
  wrongly_included: '错保',
  wrongly_excluded: '漏保',
  favouritism: '人情保',
  connection: '关系保',
  wrong_amount: '金额不准',
  procedure: '程序不规范',
} as const;

export const inspectionMethodLabels = { home_visit: '入户', data_check: '信息核对', phone: '电话' } as const;
export const seedSourceLabels = { dice: '掷骰（二十枚十面骰）', csprng: '系统随机数' } as const;
/** A sampled case's decision, as the manifest writes it. */
export const sampleOutcomeLabels = { approved: '已批准', rejected: '未批准' } as const;
export const sampleReasonLabels = { random: '随机抽取', mandatory: '必查' } as const;
export const drawStatusLabels = { locked: '已锁定', superseded: '已重新抽取' } as const;
export const correctionStatusLabels = { open: '整改中', answered: '已答复待审核', done: '已整改' } as const;

export const relationLabels = {
  self: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  other: '其他',
} as const;

/** 近亲属: the relations art. 11 names (配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女). */
export const closeRelationLabels = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
} as const;

/** Income of a household by source, as the economic investigation records it per month. */
export const incomeSourceLabels = {
  wages: '工资性收入',
  business: '经营净收入',
  property: '财产净收入',
  transfers: '转移净收入',
  other: '其他收入',
} as const;
/** 刚性支出 the investigation deducts: medical costs paid out of pocket and education. */
export const rigidExpenseLabels = { medical: '自负医疗费用', education: '教育支出' } as const;
export const assetKindLabels = {
  deposit: '存款',
  securities: '有价证券',
  real_estate: '房产',
  vehicle: '机动车辆',
  other: '其他财产',
} as const;
/** 单人户: a member of a 低保边缘 family included alone (seed 001 二). */
export const singlePersonBasisLabels = { severe_disability: '重度残疾人', serious_illness: '重病患者' } as const;
/** 跨部门信息核对 (seed 002 25). */
export const crossCheckLabels = { consistent: '核对结果与申报一致', discrepancy: '核对发现与申报不符' } as const;
export const investigationConclusionLabels = { eligible: '符合条件', ineligible: '不符合条件' } as const;
/** Documents a street office receives with an application: the checklist of 受理. */
export const caseDocumentLabels = {
  application_form: '申请书',
  id_card: '身份证',
  household_register: '户口簿',
  income_proof: '收入证明',
  authorisation: '家庭经济状况核对授权书',
  disability_card: '残疾证',
  medical_record: '病历及医疗费用票据',
  commitment: '诚信承诺书',
  other: '其他材料',
} as const;
/** The applicant's declaration of close relatives among civil-affairs staff or committee members. */
export const relativesDeclarationLabels = { none: '申报无近亲属在民政部门或村（居）委会任职', declared: '申报有近亲属在民政部门或村（居）委会任职' } as const;
/** 投诉举报: how a complaint or report reached the office. */
export const complaintChannelLabels = { hotline_12345: '12345 热线', hotline_12349: '12349 热线', letter: '来信', visit: '来访' } as const;
export const complaintStatusLabels = { open: '处理中', closed: '已办结' } as const;
export const complaintAgainstLabels = { case: '针对本个案', household: '针对整户' } as const;
/** What a person may ask to see in full on a record page (audited). */
export const personalFieldLabels = { citizenId: '身份证号码', phone: '联系电话', address: '家庭住址' } as const;

export const areaTypeLabels = { urban: '城市', rural: '农村' } as const;
export const genderLabels = { male: '男', female: '女' } as const;

/** The synced tables as a person names what a refused change touched. */
export const syncedEntityLabels = {
  regions: '行政区划',
  users: '用户',
  committee_members: '领导小组成员',
  households: '家庭',
  members: '家庭成员',
  close_relative_filings: '近亲属备案',
  cases: '个案',
  meetings: '会议',
  meeting_attendance: '出席情况',
  agenda_items: '议题',
  decisions: '决定',
  recusals: '回避',
  notice_batches: '公示',
  notice_items: '公示事项',
  objections: '异议',
  spot_check_draws: '抽样',
  spot_check_items: '抽查样本',
  spot_check_findings: '核查结论',
  corrections: '整改',
  investigations: '家庭经济状况调查',
  case_documents: '受理材料',
  complaints: '投诉举报',
  correction_answers: '整改答复',
  standards: '保障标准',
  roster_sends: '花名册报送',
} as const;
