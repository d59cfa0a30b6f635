// The draw ceremony (DESIGN.md §6): freeze the frame and record its hash, then draw with a seed rolled
// (or generated) after the hash was shown, and lock the sample. A period and street already drawn can
// only be redrawn with a written reason, which keeps the earlier draw; a sample grows only by taking
// the next cases in ticket order with the same seed.
import { createHash, randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canOrganiseSpotCheck } from '../../../shared/access';
import type { SeedSource } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { parseManifest } from '../../../shared/sampling/manifest';
import { drawSample, MIN_SEED_DIGITS, SAMPLER_ALGORITHM, sampleExtension, stratumSize, type SampledCase } from '../../../shared/sampling/sampler';
import { spotCheckArgs, type SpotCheckArgs } from '../../../shared/spotcheck';
import { defineCommand, nothing, type CommandContext } from '../commands/command';
import type { Database } from '../db/schema';
import { frameView, loadFrame } from './frame';
import { drawOf, drawReply } from './draw-view';

/** Freezes the frame and records its hash in the audit log: the moment the witnesses see it. */
export const freezeFrame = defineCommand({
  name: 'spotchecks.frame',
  label: '冻结抽查清单',
  args: spotCheckArgs.frame,
  load: nothing,
  access: (user) => canOrganiseSpotCheck(user, '组织抽查'),
  async run({ trx, user, audit }, args) {
    const frame = await loadFrame(trx, user.regionCode, args.query);
    const view = frameView(user, args.query, args.rate, frame);
    audit({
      action: 'spotcheck.frame',
      entity: 'spot_check_frame',
      entityId: frame.manifest.sha256,
      details: { manifestSha256: frame.manifest.sha256, cases: view.cases, periodStart: view.periodStart, periodEnd: view.periodEnd, streetCodes: [...frame.streets.keys()], rate: args.rate },
    });
    return view;
  },
});

/** 20 decimal digits from the operating system's CSPRNG, when no dice ceremony is held. */
function csprngSeed(): string {
  let digits = '';
  for (let i = 0; i < MIN_SEED_DIGITS; i++) digits += String(randomInt(0, 10));
  return digits;
}

/** A locked draw of this district whose period and streets overlap the query's, if any. */
async function overlappingDraw(trx: Transaction<Database>, districtCode: string, query: SpotCheckArgs['draw']['query']) {
  const candidates = await trx
    .selectFrom('spot_check_draws')
    .select(['id', 'period_start', 'period_end', 'street_codes_json'])
    .where('district_code', '=', districtCode)
    .where('status', '=', 'locked')
    .where('period_start', '<=', query.periodEnd)
    .where('period_end', '>=', query.periodStart)
    .execute();
  return candidates.find((d) => (JSON.parse(d.street_codes_json) as string[]).some((s) => query.streetCodes.includes(s))) ?? null;
}

/** Stores sampled cases; `caseIds` maps the manifest's case numbers to local case ids. */
async function insertItems(cx: CommandContext, drawId: string, sample: SampledCase[], caseIds: Map<string, string>): Promise<void> {
  for (const c of sample) {
    const caseId = caseIds.get(c.caseNo);
    if (!caseId) throw new AppError('conflict', `抽中的个案 ${c.caseNo} 在本地数据库中不存在`);
    await cx.trx
      .insertInto('spot_check_items')
      .values({ id: cx.id('item', c.caseNo), draw_id: drawId, case_id: caseId, case_no: c.caseNo, street_code: c.street, outcome: c.outcome, ticket: c.ticket, rank: c.rank, reason: c.reason, inspector_a_id: null, inspector_b_id: null, updated_at: cx.at })
      .execute();
  }
}

const sampleDigest = (sample: readonly SampledCase[]) =>
  createHash('sha256').update(sample.map((c) => `${c.caseNo}|${c.ticket}|${c.rank}|${c.reason}\n`).join('')).digest('hex');

const isSeed = (v: string) => new RegExp(`^\\d{${MIN_SEED_DIGITS},100}$`).test(v);

/**
 * The draw: the frame loaded again from this database (at the centre: from the centre's), refused unless
 * it hashes to what the witnesses were shown and was recorded before the seed; sampled, stored, locked.
 */
export const drawSpotCheck = defineCommand({
  name: 'spotchecks.draw',
  label: '抽取样本',
  args: spotCheckArgs.draw,
  load: nothing,
  access: (user) => canOrganiseSpotCheck(user, '抽取样本'),
  async run(cx, args) {
    const { trx, user, at } = cx;
    const frame = await loadFrame(trx, user.regionCode, args.query);
    const hash = frame.manifest.sha256;
    if (hash !== args.manifestSha256) {
      throw new AppError('conflict', '抽查清单在公布哈希值之后发生了变化（可能同步来了新的决定），请重新冻结清单、公布新的哈希值后再掷骰');
    }
    // The hash must have been recorded before the seed existed: that is the point of the ceremony.
    const shown = await trx.selectFrom('audit_log').select(['seq', 'at']).where('action', '=', 'spotcheck.frame').where('entity_id', '=', hash).orderBy('seq').executeTakeFirst();
    if (!shown) throw new AppError('conflict', '请先冻结抽查清单并公布其哈希值，再产生随机种子');
    cx.notBefore(shown.at, '公布抽查清单哈希值的时间');

    const overlap = await overlappingDraw(trx, user.regionCode, args.query);
    if (overlap && args.redraw?.drawId !== overlap.id) {
      throw new AppError('conflict', `这段期间和街道已经抽取过样本（${overlap.period_start} 至 ${overlap.period_end}），样本已锁定；如确需重新抽取，请写明理由并选择“重新抽取”`);
    }
    if (args.redraw && !overlap) {
      const old = await trx.selectFrom('spot_check_draws').select(['status', 'district_code']).where('id', '=', args.redraw.drawId).executeTakeFirst();
      if (!old || old.district_code !== user.regionCode) throw new AppError('not-found', '没有找到要重新抽取的那次抽样');
      if (old.status !== 'locked') throw new AppError('conflict', '那次抽样已被重新抽取过，请在最新的一次上操作');
    }

    const seedSource: SeedSource = args.seed.source;
    const seed = args.seed.source === 'dice' ? args.seed.digits : cx.chosen('seed', csprngSeed, isSeed);
    const result = drawSample(frame.manifest, seed, args.rate);
    cx.claim('sampleSha256', sampleDigest(result.sample), '样本与中心数据库按清单、随机种子和比例重新抽取的结果不一致，中心数据库拒绝接收');
    const id = cx.id('draw');
    if (args.redraw) {
      await cx.expect('spot_check_draws', args.redraw.drawId);
      await trx.updateTable('spot_check_draws').set({ status: 'superseded', updated_at: at }).where('id', '=', args.redraw.drawId).execute();
    }
    const streetCodes = [...frame.streets.keys()];
    await trx
      .insertInto('spot_check_draws')
      .values({
        id,
        district_code: user.regionCode,
        period_start: args.query.periodStart,
        period_end: args.query.periodEnd,
        street_codes_json: JSON.stringify(streetCodes),
        rate_percent: args.rate,
        seed,
        seed_source: seedSource,
        manifest_text: frame.manifest.text,
        manifest_sha256: hash,
        algorithm: SAMPLER_ALGORITHM,
        drawn_by: user.id,
        drawn_at: at,
        status: 'locked',
        redraw_of_id: args.redraw?.drawId ?? null,
        redraw_reason: args.redraw?.reason ?? '',
        updated_at: at,
      })
      .execute();
    await insertItems(cx, id, result.sample, new Map(frame.cases.map((c) => [c.caseNo, c.caseId])));
    cx.audit({
      action: args.redraw ? 'spotcheck.redraw' : 'spotcheck.draw',
      entity: 'spot_check_draw',
      entityId: id,
      details: { manifestSha256: hash, seed, seedSource, rate: args.rate, algorithm: SAMPLER_ALGORITHM, sampled: result.sample.length, ...(args.redraw ? { redrawOf: args.redraw.drawId, reason: args.redraw.reason } : {}) },
    });
    return id;
  },
  reply: drawReply,
});

/** Raises the rate of a locked draw: the next cases of each stratum in ticket order join the sample. */
export const extendDraw = defineCommand({
  name: 'spotchecks.extend',
  label: '提高抽查比例',
  args: spotCheckArgs.extend,
  load: drawOf,
  access: (user, draw) => canOrganiseSpotCheck(user, '扩大抽查', draw.district_code),
  async run(cx, args, draw) {
    const { trx, at } = cx;
    if (draw.status !== 'locked') throw new AppError('conflict', '这次抽样已被重新抽取，不能再扩大');
    if (args.rate <= draw.rate_percent) throw new AppError('validation', `扩大抽查的新比例须高于现在的 ${draw.rate_percent}%`);
    cx.notBefore(draw.drawn_at, '抽样时间');
    await cx.expect('spot_check_draws', draw.id);
    const manifest = parseManifest(draw.manifest_text);
    const added = sampleExtension(manifest, draw.seed, draw.rate_percent, args.rate);
    // Looked up in slices: SQLite limits the parameters of one statement.
    const rows: { id: string; case_no: string }[] = [];
    for (let k = 0; k < added.length; k += 500) {
      rows.push(...(await trx.selectFrom('cases').select(['id', 'case_no']).where('case_no', 'in', added.slice(k, k + 500).map((c) => c.caseNo)).execute()));
    }
    await insertItems(cx, draw.id, added, new Map(rows.map((c) => [c.case_no, c.id])));
    // A mandatory case that the larger rate reaches by its ticket is now drawn at random, as a fresh draw
    // at this rate would say; the audit log keeps why it was first included.
    for (const s of manifest.strata) {
      const size = stratumSize(s.caseNos.length, args.rate);
      await trx
        .updateTable('spot_check_items')
        .set({ reason: 'random', updated_at: at })
        .where('draw_id', '=', draw.id)
        .where('street_code', '=', s.street)
        .where('outcome', '=', s.outcome)
        .where('reason', '=', 'mandatory')
        .where('rank', '<=', size)
        .execute();
    }
    await trx.updateTable('spot_check_draws').set({ rate_percent: args.rate, updated_at: at }).where('id', '=', draw.id).execute();
    cx.audit({ action: 'spotcheck.extend', entity: 'spot_check_draw', entityId: draw.id, details: { fromRate: draw.rate_percent, rate: args.rate, added: added.length } });
    return draw.id;
  },
  reply: drawReply,
});
