// Households and their members: citizen IDs, phones, addresses, disabilities and illnesses, and the
// household's situation before the 18 months the demo covers (already assisted, or applying later).
import { citizenIdCheckChar } from '../../../../shared/citizen-id';
import type { Gender } from '../../../../shared/domain';
import { birthDateForAge, type Window } from './calendar';
import { householdSize, sketchFamily, type PersonSketch } from './family';
import {
  belowIncomeLine,
  regularAmountFen,
  standardOf,
  wholeYuan,
  type Household,
  type HouseholdCategory,
  type Member,
  type Standards,
  type Street,
} from './model';
import { personName } from './names';
import { addressIn } from './regions';
import type { Rng } from './rng';

// Birthplaces (GB/T 2260 county codes): mostly the 长沙 districts and counties around the fictional
// district, some from elsewhere in 湖南, a few from neighbouring provinces.
const BIRTHPLACES: readonly (readonly [string, number])[] = [
  ['430104', 30], ['430102', 8], ['430103', 8], ['430105', 8], ['430111', 8], ['430112', 10], ['430121', 8],
  ['430181', 6], ['430182', 6], ['430302', 2], ['430321', 2], ['430421', 2], ['430903', 1], ['431021', 1],
  ['360102', 0.5], ['420102', 0.5], ['440106', 0.3], ['510104', 0.3], ['450102', 0.3], ['520102', 0.2],
];

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

const DISABILITY_KINDS = ['肢体', '肢体', '肢体', '视力', '听力', '言语', '智力', '精神', '精神', '多重'];
const DISABILITY_GRADES = ['一级', '二级', '二级', '三级', '四级'];
const ADULT_ILLNESSES = ['高血压', '糖尿病', '冠心病', '慢性肾病', '尿毒症（规律透析）', '脑梗后遗症', '恶性肿瘤术后', '肺癌（化疗中）', '乳腺癌术后', '精神分裂症', '类风湿关节炎', '慢性阻塞性肺病', '帕金森病', '肝硬化', '阿尔茨海默病', '股骨头坏死'];
const SERIOUS_ILLNESSES = ['尿毒症（规律透析）', '恶性肿瘤术后', '肺癌（化疗中）', '白血病', '慢性肾病', '再生障碍性贫血', '脑出血后遗症'];
const CHILD_ILLNESSES = ['先天性心脏病', '白血病', '哮喘', '癫痫', '脑瘫'];

export const CATEGORY_WEIGHTS: Record<'urban' | 'rural', readonly (readonly [HouseholdCategory, number])[]> = {
  // 防止返贫监测 is a rural programme; villages carry most of it.
  urban: [['dibao', 57], ['tekun', 12], ['dibao_edge', 16], ['rigid_expense', 8.5], ['anti_relapse', 1.5], ['other', 6]],
  rural: [['dibao', 50], ['tekun', 13], ['dibao_edge', 11], ['rigid_expense', 6], ['anti_relapse', 20], ['other', 5]],
};

/** Verified per-capita monthly income typical of a category, in whole yuan. */
export function perCapitaIncomeFor(rng: Rng, category: HouseholdCategory, standardFen: number, size: number): number {
  const share = (lo: number, hi: number) => wholeYuan(standardFen * rng.real(lo, hi));
  switch (category) {
    case 'dibao':
      return rng.chance(0.18) ? 0 : share(0.05, 0.8);
    case 'tekun':
      // Most have nothing; some draw the basic rural pension (about 150–260 元).
      return rng.chance(0.6) ? 0 : wholeYuan((rng.int(130, 260) * 100) / size);
    case 'dibao_edge':
      return share(1.02, 1.48);
    case 'rigid_expense':
      return share(1.0, 2.2);
    case 'anti_relapse':
      return share(0.9, 2.4);
    case 'other':
      return share(0.6, 2.0);
  }
}

export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

export class CitizenIdIssuer {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** GB 11643: the sequence's last digit is odd for men and even for women. */
  issue(addressCode: string, birthDate: string, gender: Gender): string {
    const ymd = birthDate.replace(/-/g, '');
    for (;;) {
      const seq = this.rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
      const first17 = `${addressCode}${ymd}${String(seq).padStart(3, '0')}`;
      if (this.used.has(first17)) continue;
      this.used.add(first17);
      return first17 + citizenIdCheckChar(first17);
    }
  }
}

function disabilityOf(rng: Rng, age: number, category: HouseholdCategory, isHead: boolean): string | null {
  let p = age < 18 ? 0.04 : age >= 60 ? 0.14 : 0.1;
  if (category === 'tekun' && isHead) p = 0.45;
  if (category === 'dibao') p *= 1.3;
  if (!rng.chance(p)) return null;
  const kind = age < 18 ? rng.pick(['智力', '肢体', '言语', '听力']) : rng.pick(DISABILITY_KINDS);
  const grade = category === 'tekun' ? rng.pick(['一级', '二级']) : rng.pick(DISABILITY_GRADES);
  return `${kind}${grade}`;
}

function healthOf(rng: Rng, age: number, category: HouseholdCategory, seriousNeeded: boolean): string | null {
  if (seriousNeeded) return rng.pick(SERIOUS_ILLNESSES);
  if (age < 18) return rng.chance(0.03) ? rng.pick(CHILD_ILLNESSES) : null;
  const p = (age >= 60 ? 0.38 : 0.14) * (category === 'dibao' || category === 'tekun' ? 1.3 : 1);
  return rng.chance(p) ? rng.pick(ADULT_ILLNESSES) : null;
}

function phoneNumber(rng: Rng): string {
  return `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

export type HouseholdPlan = { total: number; prospectiveShare: number; edgeIncomePercent: number };

/**
 * Builds every household with its members. A share of them are prospective: they are not assisted
 * yet and apply in a month of the window (the last month included, where they wait for the meeting).
 */
export function buildHouseholds(rng: Rng, streets: Street[], window: Window, standards: Standards, plan: HouseholdPlan): Household[] {
  const communities = streets.flatMap((street) => street.communities.map((community) => ({ street, community })));
  const counts = allocate(
    plan.total,
    communities.map((c) => c.community.weight),
  );
  const ids = new CitizenIdIssuer(rng.fork('citizen-ids'));
  const households: Household[] = [];
  const lastMonth = window.months.length - 1;

  communities.forEach(({ street, community }, ci) => {
    const count = counts[ci] ?? 0;
    for (let seq = 1; seq <= count; seq++) {
      const rural = community.rural;
      const category = rng.weighted(CATEGORY_WEIGHTS[rural ? 'rural' : 'urban']);
      const size = householdSize(rng, category);
      const sketch = sketchFamily(rng, size, category);
      const origin = rng.weighted(BIRTHPLACES);
      // 刚性支出困难: the hardship is a costly illness, so someone in the household has one.
      const seriousIndex = category === 'rigid_expense' ? rng.int(0, sketch.length - 1) : -1;
      const members: Member[] = [];
      const namesInHousehold = new Set<string>();
      const births = new Map<PersonSketch, string>();
      sketch.forEach((p, i) => {
        const birthDate = (p.twin && births.get(p.twin)) || birthDateForAge(rng, window.asOf, p.age);
        births.set(p, birthDate);
        const birthYear = Number(birthDate.slice(0, 4));
        let name = personName(rng, p.surname, p.gender, birthYear);
        while (namesInHousehold.has(name)) name = personName(rng, p.surname, p.gender, birthYear);
        namesInHousehold.add(name);
        const born = p.relation === 'spouse' || p.relation === 'other' ? rng.weighted(BIRTHPLACES) : rng.chance(0.85) ? origin : rng.weighted(BIRTHPLACES);
        members.push({
          id: rng.uuid(),
          name,
          gender: p.gender,
          birthDate,
          age: p.age,
          relation: p.relation,
          incomeFen: 0,
          occupation: '',
          disability: disabilityOf(rng, p.age, category, i === 0),
          health: healthOf(rng, p.age, category, i === seriousIndex),
          citizenId: ids.issue(born, birthDate, p.gender),
        });
      });
      const standard = standardOf(standards, rural);
      const pciFen = belowIncomeLine(perCapitaIncomeFor(rng, category, standard, size), category, standard, plan.edgeIncomePercent);
      const prospective = rng.chance(plan.prospectiveShare);
      const sinceYear = rng.weighted([[2012, 1], [2015, 2], [2018, 3], [2021, 4], [2023, 5]] as const) + rng.int(0, 2);
      const firstMonth = window.months[0] ?? window.currentMonth;
      let assistedSince = `${sinceYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      if (assistedSince >= `${firstMonth}-01`) assistedSince = `${Number(firstMonth.slice(0, 4)) - 1}-${firstMonth.slice(5)}-15`;
      households.push({
        id: rng.uuid(),
        no: `${community.code}-${String(seq).padStart(4, '0')}`,
        street,
        community,
        rural,
        address: addressIn(rng, community),
        phone: phoneNumber(rng),
        members,
        plannedCategory: category,
        category: prospective ? null : category,
        status: prospective ? 'none' : 'active',
        amountFen: prospective ? 0 : regularAmountFen(category, standard, pciFen, size),
        pciFen,
        assistedSince: prospective ? null : assistedSince,
        applyMonth: prospective ? rng.int(0, lastMonth) : null,
        openCase: false,
        lastCaseMonth: -1,
        lastReviewMonth: rng.int(-12, -1),
        phaseOutMonth: null,
        phaseOutEndsOn: null,
        opening: null,
        settlesOn: null,
        filing: null,
      });
    }
  });
  return households;
}

const URBAN_JOBS = ['保洁员', '保安', '外卖骑手', '家政服务员', '超市理货员', '餐馆帮工', '灵活就业', '环卫工人', '快递分拣员', '小区门卫', '临时工'];
const RURAL_JOBS = ['务农', '务农', '外出务工', '零工', '建筑工地小工', '养殖'];

export function isSevere(disability: string | null): boolean {
  return disability !== null && /[一二]级$/.test(disability);
}

/**
 * Spreads the household's verified income over the members who earn it, in whole yuan, so that the
 * per-capita income recomputed from the members equals the one the amount was computed from.
 */
export function settleIncomes(rng: Rng, household: Household): void {
  const size = household.members.length;
  const total = household.pciFen * size;
  const students = new Set(household.members.filter((m) => m.age >= 18 && m.age <= 22 && m.relation === 'child' && rng.chance(0.35)).map((m) => m.id));
  const earners = household.members.filter((m) => m.age >= 18 && m.age < 60 && !isSevere(m.disability) && !students.has(m.id));
  const pensioners = household.members.filter((m) => m.age >= 60);
  const payees = earners.length > 0 ? earners : pensioners.length > 0 ? pensioners : household.members.slice(0, 1);
  const weights = payees.map(() => rng.real(0.5, 1.5));
  const shares = allocate(total / 100, weights);
  const income = new Map(payees.map((m, i) => [m.id, (shares[i] ?? 0) * 100]));
  for (const m of household.members) {
    m.incomeFen = income.get(m.id) ?? 0;
    m.occupation = occupationOf(rng, m, household.rural, students.has(m.id));
  }
}

function occupationOf(rng: Rng, m: Member, rural: boolean, student: boolean): string {
  if (m.age < 3) return '学龄前儿童';
  if (m.age < 6) return '幼儿园';
  if (m.age < 18) return m.age >= 15 && rng.chance(0.15) ? '职业学校学生' : '在校学生';
  if (student) return '在校大学生';
  if (isSevere(m.disability)) return '无（重度残疾）';
  if (m.age >= 60) return m.incomeFen > 0 && rural && m.age < 72 ? '务农' : '无';
  if (m.incomeFen === 0) return rng.pick(['无业', '失业', '待业', '无（照料家人）']);
  return rng.pick(rural ? RURAL_JOBS : URBAN_JOBS);
}
