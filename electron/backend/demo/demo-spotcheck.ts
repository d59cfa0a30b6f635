// The demo's spot check: the district's section chief draws 30 % of last month's decisions of every
// street through the same services as the 抽查 screen (frame and hash first, then a seed "rolled" from
// fixed dice so the demo is repeatable), pairs the inspectors, and records a first day of findings with
// corrections ordered for the problems found.
import type { Finding, InspectionMethod } from '../../../shared/domain';
import { addDays, addMonths, chinaDateOf } from '../../../shared/dates';
import type { DrawDetail, SampleItemView } from '../../../shared/spotcheck';
import type { BackendContext } from '../context';
import { deskAs } from '../commands/desk';
import { rosterUserNamed } from '../session/session';
import { drawDetail } from '../spotchecks/draw-view';
import { drawSpotCheck, freezeFrame } from '../spotchecks/draws';
import { autoAssign, closeCorrection, orderCorrection, recordFinding } from '../spotchecks/inspection';

/** Twenty d10 as a ceremony would roll them; fixed so that every demo run draws the same sample. */
export const DEMO_DICE = '73029184655120837461';

const problems: { finding: Finding; method: InspectionMethod; notes: string; requirement: string }[] = [
  { finding: 'wrongly_included', method: 'home_visit', notes: '入户核实：户主之子在外务工，月收入约 4,800 元未申报，家庭人均收入高于低保标准', requirement: '重新核算家庭收入，不符合条件的停发低保金，追回多发资金' },
  { finding: 'wrong_amount', method: 'data_check', notes: '信息核对：家庭人口已由 3 人减为 2 人，保障金额未相应调整', requirement: '按现有家庭人口重新核定保障金额' },
  { finding: 'procedure', method: 'data_check', notes: '档案缺少入户调查记录的调查人签字，民主评议记录不全', requirement: '补齐入户调查签字和评议记录，规范审核确认程序' },
  { finding: 'wrongly_excluded', method: 'phone', notes: '电话回访并调阅材料：申请人重度残疾，刚性支出计算有误，应予纳入', requirement: '重新审核该户申请，符合条件的及时纳入保障' },
];

/** Every fourth inspected case shows a problem, in turn; the rest are 符合. */
function planFinding(k: number) {
  return k % 4 === 3 ? problems[((k - 3) / 4) % problems.length]! : { finding: 'compliant' as const, method: (k % 2 ? 'home_visit' : 'data_check') as InspectionMethod, notes: '', requirement: '' };
}

/** The section chief's draw and the inspectors' first day, each acting as themselves (the session is left as it is). */
export async function holdDemoSpotCheck(ctx: BackendContext): Promise<DrawDetail> {
  const today = chinaDateOf(ctx.clock.now());
  const month = addMonths(today.slice(0, 7), -1);
  const chief = deskAs(ctx, await rosterUserNamed(ctx.db, 'bureau-chief'));
  const streets = await ctx.db.selectFrom('regions').select('code').where('parent_code', '=', chief.user.regionCode).where('level', '=', 'street').orderBy('code').execute();
  const query = { periodStart: `${month}-01`, periodEnd: addDays(`${addMonths(month, 1)}-01`, -1), streetCodes: streets.map((s) => s.code) };
  const frame = await chief.run(freezeFrame, { query, rate: 30 });
  let draw = await chief.run(drawSpotCheck, { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DEMO_DICE } });
  draw = await chief.run(autoAssign, { drawId: draw.id });

  // A first day of visits: half of each street's approved and half of its rejected cases (rounded up), so
  // that a street with more than one of a kind still has some of it to visit.
  const firstDay: SampleItemView[] = draw.progress.flatMap((p) =>
    (['approved', 'rejected'] as const).flatMap((outcome) => {
      const mine = draw.items.filter((i) => i.streetCode === p.streetCode && i.outcome === outcome);
      return mine.slice(0, Math.ceil(mine.length / 2));
    }),
  );
  for (const [k, item] of firstDay.entries()) {
    const plan = planFinding(k);
    // A rejected case with a problem was wrongly excluded (漏保); an approved one cannot have been.
    const finding = plan.finding === 'compliant' ? plan : item.outcome === 'rejected' ? problems[3]! : plan.finding === 'wrongly_excluded' ? problems[0]! : plan;
    const inspector = deskAs(ctx, await rosterUserNamed(ctx.db, await usernameOf(ctx, item.inspectorA!.id)));
    draw = await inspector.run(recordFinding, { itemId: item.id, method: finding.method, inspectedOn: today, finding: finding.finding, notes: finding.notes });
    if (finding.finding === 'compliant') continue;
    const recorded = draw.items.find((i) => i.id === item.id)!.finding!;
    draw = await chief.run(orderCorrection, { findingId: recorded.id, requirement: finding.requirement, orderedOn: today, deadline: addDays(today, 30) });
    // A wrong amount is put right on the spot by the street office.
    if (finding.finding === 'wrong_amount') {
      const correction = draw.items.find((i) => i.id === item.id)!.finding!.correction!;
      draw = await chief.run(closeCorrection, { correctionId: correction.id, result: '街道办事处已按现有家庭人口重新核定金额，自下月起执行', closedOn: today });
    }
  }
  return drawDetail(ctx.db, draw.id, chief.user);
}

async function usernameOf(ctx: BackendContext, userId: string): Promise<string> {
  return (await ctx.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow()).username;
}
