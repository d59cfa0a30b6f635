// Wording of case files and minutes, in the register street offices write them. Kept apart from the
// logic so the phrasing can be improved without touching how cases and decisions are generated.
import type { ComplaintAgainst, ComplaintChannel } from '../../../../shared/case-record';
import type { CaseKind } from '../../../../shared/domain';
import type { AssetKind } from '../../../../shared/investigation';
import type { HouseholdCategory } from './model';

export const NEW_APPLICATION_REASONS: Record<HouseholdCategory, readonly string[]> = {
  dibao: [
    '户主下岗失业，独自抚养未成年子女，家庭人均收入低于当地低保标准',
    '配偶患重病丧失劳动能力，家庭收入微薄',
    '家庭成员重度残疾，无稳定收入来源',
    '年老体弱无劳动能力，子女经济困难无力赡养',
    '户主因病长期休养，仅靠打零工维持生活',
    '离异后独自抚养子女，收入低且不稳定',
  ],
  tekun: [
    '无劳动能力、无生活来源、无法定赡养抚养扶养义务人',
    '法定赡养义务人无赡养能力，本人年老无生活来源',
    '重度残疾，无劳动能力，无法定扶养义务人',
  ],
  dibao_edge: ['家庭人均收入略高于低保标准，家庭成员患慢性病需长期服药', '家庭人均收入低于低保标准1.5倍，财产状况符合规定'],
  rigid_expense: ['家庭成员患重病，年度自付医疗费用超过家庭年收入', '子女就读高校，教育支出较大，家庭刚性支出困难'],
  anti_relapse: ['因病导致家庭收入骤减，存在返贫致贫风险', '因灾造成房屋损毁，家庭生产生活困难，存在返贫风险', '主要劳动力务工收入中断，存在返贫风险'],
  other: ['家庭遭遇变故，生活暂时困难，申请纳入低收入人口动态监测', '独居老人生活困难，申请纳入困难人员监测'],
};

export const INCREASE_REASONS = ['家庭成员失业，收入减少', '户主病情加重，无法继续务工', '配偶退出灵活就业照料病人，家庭收入下降', '子女辍学照料老人，家庭务工收入减少'];
export const DECREASE_REASONS = ['子女参加工作，家庭收入增加', '配偶灵活就业收入增加', '户主恢复务工，收入有所增加', '家庭成员领取养老金后收入增加'];
export const PHASE_OUT_REASONS = ['家庭成员实现稳定就业，人均收入超过低保标准，按规定给予渐退期', '户主就业后家庭人均收入超过低保标准，给予渐退期'];
export const PHASE_OUT_END_REASON = '渐退期满，家庭人均收入持续高于低保标准，停发救助金';
export const TERMINATION_REASONS: Record<HouseholdCategory, readonly string[]> = {
  dibao: ['家庭人均收入超过低保标准且不符合渐退条件', '户籍及居住地迁出本辖区', '本人书面申请退出低保', '经核查家庭财产超过规定标准'],
  tekun: ['特困人员本人去世', '本人被亲属接回共同生活，具备赡养条件', '入住外地养老机构，转出本辖区'],
  dibao_edge: ['家庭人均收入超过低保边缘家庭认定标准', '户籍迁出本辖区'],
  rigid_expense: ['患病成员治愈，刚性支出大幅减少', '家庭收入明显增加，不再符合认定条件'],
  anti_relapse: ['风险已消除，经评议予以标注风险消除', '家庭收入稳定增长，风险消除'],
  other: ['困难情形已消除', '户籍迁出本辖区'],
};
export const RE_REVIEW_REASONS = ['年度复核', '定期核查（按年度）', '动态管理复核', '低保对象年度核查', '数据比对发现信息变动，开展复核'];
/** What a 临时救助回访 found, a few months after the payment. */
export const FOLLOW_UP_NOTES = [
  '救助金已用于支付医疗费用，家庭生活基本稳定',
  '突发困难已缓解，暂无新的救助需求',
  '家庭仍较困难，已告知可申请最低生活保障',
  '救助金已用于子女学杂费，生活恢复正常',
  '户主已重新就业，家庭收入基本稳定',
] as const;

export const TEMPORARY_REASONS = [
  '突发重大疾病住院，自付医疗费用较高，基本生活暂时困难',
  '家中失火，房屋及生活用品损毁',
  '子女就学费用支出较大，基本生活暂时困难',
  '遭遇交通事故，肇事方无力赔偿',
  '因暴雨造成房屋受损，基本生活暂时困难',
  '家庭主要劳动力意外受伤，暂时失去收入来源',
  '家庭成员患病住院，医疗支出增加，生活困难',
];
export const PREPAID_PREFIX = '小金额先行救助事后补审：';

export const REJECT_REASONS: Record<CaseKind, readonly string[]> = {
  new_application: ['家庭人均收入高于当地低保标准', '名下有两套住房，不符合财产条件', '家庭成员名下有机动车辆（非残疾人代步车），不符合条件', '法定赡养义务人具备赡养能力', '存款超过规定标准'],
  increase: ['收入减少情况未能核实，维持原救助金额', '失业情况与社保缴费记录不符'],
  decrease: ['增加的收入为临时性收入，维持原救助金额', '收入增加情况经核实不属实'],
  termination: ['经核实家庭收入仍低于低保标准，继续保障', '停保理由不充分，继续保障'],
  phase_out: ['就业不稳定，暂不启动渐退', '收入超标为一次性收入，暂不渐退'],
  temporary: ['申请事项不属于临时救助范围', '已通过医疗救助解决，不重复救助', '家庭经济状况不符合临时救助条件'],
  re_review: ['复核材料不全且申请人拒绝配合，转入停保调查', '复核发现家庭收入超标，另行启动停保程序'],
};
export const DEFER_REASONS = [
  '需补充提供医疗费用票据',
  '收入核对结果有疑点，需再次入户核实',
  '赡养义务人经济状况需进一步核实',
  '需补充残疾等级鉴定材料',
  '家庭财产信息需补充核对',
];
/** 投诉举报 against a case: what came in, how, from whom, how it was checked and the two results it can have. */
export type ComplaintText = {
  note: string;
  channel: ComplaintChannel;
  against: ComplaintAgainst;
  complainant: string;
  handling: string;
  /** When the leading group then rejected the case: the complaint was borne out. */
  upheld: string;
  /** When it approved the case: the complaint was not borne out. */
  dismissed: string;
};
export const COMPLAINTS: readonly ComplaintText[] = [
  {
    note: '群众来信反映该户有经营性收入未申报',
    channel: 'letter',
    against: 'household',
    complainant: '',
    handling: '街道经办人会同社区干部入户核查，调取市场监管部门登记信息并走访周边商户',
    upheld: '反映情况属实：该户有个体经营收入未申报，已纳入家庭收入核算，书面答复来信人',
    dismissed: '反映情况不属实：未发现工商登记及经营活动，书面答复来信人',
  },
  {
    note: '12349热线反映该户子女有稳定工作',
    channel: 'hotline_12349',
    against: 'household',
    complainant: '热线来电人（不愿具名）',
    handling: '核对社保缴费及个税信息，电话联系子女所在单位核实',
    upheld: '反映情况属实：子女在职且收入稳定，已据实核算赡养能力，电话回复来电人',
    dismissed: '经核实子女为短期务工，已离职，收入不稳定，电话回复来电人',
  },
  {
    note: '邻居反映该户实际居住商品房',
    channel: 'visit',
    against: 'household',
    complainant: '同楼栋居民',
    handling: '查询不动产登记信息，夜间入户核实实际居住情况',
    upheld: '反映情况属实：该户实际居住家庭成员名下商品房，已当面答复反映人',
    dismissed: '该户借住亲属住房，名下无商品房，已当面答复反映人',
  },
  {
    note: '匿名举报该户存在人情保情况',
    channel: 'hotline_12345',
    against: 'case',
    complainant: '',
    handling: '街道纪工委会同社会事务办调阅个案材料，重新入户调查并检查近亲属备案',
    upheld: '举报情况属实：经办环节未如实核算收入，已提请领导小组不予批准并追责',
    dismissed: '经复核，该户经济状况调查属实，不存在人情保，已通过12345平台回复',
  },
  {
    note: '群众反映该户家庭成员名下有车辆',
    channel: 'visit',
    against: 'household',
    complainant: '社区居民',
    handling: '查询车管部门车辆登记信息，入户核实车辆用途',
    upheld: '反映情况属实：家庭成员名下有小型汽车一辆，不符合财产条件，已答复反映人',
    dismissed: '名下车辆为残疾人代步车，符合规定，已答复反映人',
  },
];
export const COMPLAINT_NOTES = COMPLAINTS.map((c) => c.note);

/**
 * What the cross-department check found for a rejection that a data check explains, and the asset it found
 * where there is one (value in yuan). Rejections not listed here were not about the data check.
 */
export const DISCREPANCIES: Readonly<Record<string, { note: string; asset: { kind: AssetKind; description: string; yuan: readonly [number, number] } | null }>> = {
  '名下有两套住房，不符合财产条件': {
    note: '不动产登记信息核对发现家庭成员名下有住房两套，申报时仅申报自住房一套',
    asset: { kind: 'real_estate', description: '商品房一套（核对发现，未申报）', yuan: [280_000, 650_000] },
  },
  '家庭成员名下有机动车辆（非残疾人代步车），不符合条件': {
    note: '车管信息核对发现家庭成员名下登记小型汽车一辆，申报时未填报',
    asset: { kind: 'vehicle', description: '小型汽车一辆（核对发现，未申报）', yuan: [30_000, 90_000] },
  },
  '存款超过规定标准': {
    note: '银行信息核对发现家庭存款合计明显高于申报数额',
    asset: { kind: 'deposit', description: '银行定期存款（核对发现，未如实申报）', yuan: [80_000, 160_000] },
  },
  '失业情况与社保缴费记录不符': { note: '社保信息核对发现申请人仍有单位在职缴费记录，与申报的失业情况不符', asset: null },
  '复核发现家庭收入超标，另行启动停保程序': { note: '个税及社保信息核对发现家庭成员有工资性收入未申报', asset: null },
  '家庭经济状况不符合临时救助条件': { note: '信息核对发现家庭存款足以应对本次困难', asset: null },
};
export const LEAVE_REASONS = ['参加区里专题培训', '病假', '下村开展防汛工作', '外出学习', '公务出差', '参加上级检查督导'];

export const PROPERTY_FINDINGS = [
  '未发现名下机动车、商品房及工商登记信息',
  '名下有自住房一套，无车辆，无工商登记',
  '存款及有价证券合计低于规定标准',
  '发现家庭成员有社保缴费记录，已入户核实为灵活就业',
  '名下无房产，租住公租房',
];
export const URBAN_HOUSING = ['居住面积约45平方米老旧住房', '租住公租房一室一厅', '居住单位老宿舍，房屋陈旧', '与亲属合住，居住条件较差', '居住拆迁安置房，室内陈设简陋'];
export const RURAL_HOUSING = ['自建砖混房屋两层，室内陈设简陋', '居住老旧土砖房', '易地搬迁安置房', '与子女分开居住的老屋，年久失修'];
export const VISIT_FINDINGS: Record<CaseKind, readonly string[]> = {
  new_application: ['家中无大件贵重物品，申报情况属实', '邻里及社区干部反映家庭确实困难', '家庭成员身体状况与申报一致'],
  increase: ['收入减少情况属实，已核实离职证明', '病情加重情况与病历资料一致'],
  decrease: ['家庭成员已就业，工资收入已核实', '收入增加情况属实'],
  termination: ['停保事由经核实属实，已告知申诉渠道', '已告知停保事由及申诉渠道'],
  phase_out: ['就业单位已出具收入证明', '已告知渐退期政策'],
  temporary: ['生活确有暂时困难', '困难情形属实，已留存相关材料'],
  re_review: ['家庭状况无明显变化', '家庭成员收入有小幅变化，已据实核算', '居住及财产状况与上次核查一致'],
};
/** What the visit found for a 临时救助, matched to the hardship claimed. */
export function temporaryVisitFinding(reason: string): string | null {
  if (/火|暴雨|灾/.test(reason)) return '受灾情况属实，已拍照留存';
  if (/病|伤|事故|医疗/.test(reason)) return '困难情形属实，已查看医疗票据及病历';
  if (/就学|上学/.test(reason)) return '已查看学费缴费凭证，情况属实';
  return null;
}

export const OBSERVER_TITLES = ['区民政局社会救助科干部', '党委书记', '居委会主任'];
