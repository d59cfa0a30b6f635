// The draw ceremony (DESIGN.md §6): freeze the frame and record its hash, then draw with a seed rolled
// (or generated) after the hash was shown, and lock the sample. A period and street already drawn can
// only be redrawn with a written reason, which keeps the earlier draw; a sample grows only by taking
// the next cases in ticket order with the same seed.
import { randomInt, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { SeedSource, SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { parseManifest } from '../../../shared/sampling/manifest';
import { drawSample, MIN_SEED_DIGITS, SAMPLER_ALGORITHM, sampleExtension, stratumSize, type SampledCase } from '../../../shared/sampling/sampler';
import type { DrawDetail, SpotCheckArgs, SpotCheckFrame } from '../../../shared/spotcheck';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';
import { assertBureau } from '../session/access';
import { currentUser } from '../session/session';
import { mutate, recordMutation } from '../sync/outbox';
import { frameView, loadFrame } from './frame';
import { drawDetail } from './draw-view';

/** Freezes the frame and records its hash in the audit log: the moment the witnesses see it. */
export async function freezeFrame(ctx: BackendContext, args: SpotCheckArgs['frame']): Promise<SpotCheckFrame> {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await currentUser(trx);
    assertBureau(user, '组织抽查', ['bureau_chief']);
    return recordFrame(trx, user, args, ctx.clock.now());
  });
}

export async function recordFrame(trx: Transaction<Database>, user: SessionUser, args: SpotCheckArgs['frame'], at: string): Promise<SpotCheckFrame> {
  const frame = await loadFrame(trx, user.regionCode, args.query);
  const view = frameView(user, args.query, args.rate, frame);
  await appendAudit(
    trx,
    {
      actorId: user.id,
      action: 'spotcheck.frame',
      entity: 'spot_check_frame',
      entityId: frame.manifest.sha256,
      details: { manifestSha256: frame.manifest.sha256, cases: view.cases, periodStart: view.periodStart, periodEnd: view.periodEnd, streetCodes: [...frame.streets.keys()], rate: args.rate },
    },
    at,
  );
  return view;
}

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
async function insertItems(trx: Transaction<Database>, drawId: string, sample: SampledCase[], caseIds: Map<string, string>, at: string): Promise<void> {
  for (const c of sample) {
    const caseId = caseIds.get(c.caseNo);
    if (!caseId) throw new AppError('conflict', `抽中的个案 ${c.caseNo} 在本地数据库中不存在`);
    await trx
      .insertInto('spot_check_items')
      .values({ id: randomUUID(), draw_id: drawId, case_id: caseId, case_no: c.caseNo, street_code: c.street, outcome: c.outcome, ticket: c.ticket, rank: c.rank, reason: c.reason, inspector_a_id: null, inspector_b_id: null, updated_at: at })
      .execute();
  }
}

export async function drawSpotCheck(ctx: BackendContext, args: SpotCheckArgs['draw']): Promise<DrawDetail> {
  const drawId = await mutate(ctx.db, async (trx) => {
    const user = await currentUser(trx);
    assertBureau(user, '抽取样本', ['bureau_chief']);
    return performDraw(trx, user, args, ctx.clock.now());
  });
  return drawDetail(ctx.db, drawId, await currentUser(ctx.db));
}

/** The draw itself, inside the caller's transaction, by `user` (checked by the caller); returns its id. */
export async function performDraw(trx: Transaction<Database>, user: SessionUser, args: SpotCheckArgs['draw'], at: string): Promise<string> {
  const frame = await loadFrame(trx, user.regionCode, args.query);
  const hash = frame.manifest.sha256;
  if (hash !== args.manifestSha256) {
    throw new AppError('conflict', '抽查清单在公布哈希值之后发生了变化（可能同步来了新的决定），请重新冻结清单、公布新的哈希值后再掷骰');
  }
  // The hash must have been recorded before the seed existed: that is the point of the ceremony.
  const shown = await trx
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', 'spotcheck.frame')
    .where('entity_id', '=', hash)
    .executeTakeFirst();
  if (!shown) throw new AppError('conflict', '请先冻结抽查清单并公布其哈希值，再产生随机种子');

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
  const seed = args.seed.source === 'dice' ? args.seed.digits : csprngSeed();
  const result = drawSample(frame.manifest, seed, args.rate);
  const id = randomUUID();
  if (args.redraw) {
    await trx.updateTable('spot_check_draws').set({ status: 'superseded', updated_at: at, version: sql`version + 1` }).where('id', '=', args.redraw.drawId).execute();
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
  await insertItems(trx, id, result.sample, new Map(frame.cases.map((c) => [c.caseNo, c.caseId])), at);
  // The central server redraws from the manifest, seed and rate and checks it gets the same sample.
  await recordMutation(
    trx,
    'spotchecks.draw',
    { drawId: id, districtCode: user.regionCode, periodStart: args.query.periodStart, periodEnd: args.query.periodEnd, streetCodes, rate: args.rate, seed, seedSource, manifestSha256: hash, manifestText: frame.manifest.text, algorithm: SAMPLER_ALGORITHM, redrawOfId: args.redraw?.drawId ?? null, redrawReason: args.redraw?.reason ?? '' },
    at,
  );
  await appendAudit(
    trx,
    {
      actorId: user.id,
      action: args.redraw ? 'spotcheck.redraw' : 'spotcheck.draw',
      entity: 'spot_check_draw',
      entityId: id,
      details: { manifestSha256: hash, seed, seedSource, rate: args.rate, algorithm: SAMPLER_ALGORITHM, sampled: result.sample.length, ...(args.redraw ? { redrawOf: args.redraw.drawId, reason: args.redraw.reason } : {}) },
    },
    at,
  );
  return id;
}

/** Raises the rate of a locked draw: the next cases of each stratum in ticket order join the sample. */
export async function extendDraw(ctx: BackendContext, args: SpotCheckArgs['extend']): Promise<DrawDetail> {
  await mutate(ctx.db, async (trx) => {
    const user = await currentUser(trx);
    assertBureau(user, '扩大抽查', ['bureau_chief']);
    const draw = await trx.selectFrom('spot_check_draws').selectAll().where('id', '=', args.drawId).where('district_code', '=', user.regionCode).executeTakeFirst();
    if (!draw) throw new AppError('not-found', '没有找到这次抽样');
    if (draw.status !== 'locked') throw new AppError('conflict', '这次抽样已被重新抽取，不能再扩大');
    if (args.rate <= draw.rate_percent) throw new AppError('validation', `扩大抽查的新比例须高于现在的 ${draw.rate_percent}%`);
    const manifest = parseManifest(draw.manifest_text);
    const added = sampleExtension(manifest, draw.seed, draw.rate_percent, args.rate);
    // Looked up in slices: SQLite limits the parameters of one statement.
    const rows: { id: string; case_no: string }[] = [];
    for (let k = 0; k < added.length; k += 500) {
      rows.push(...(await trx.selectFrom('cases').select(['id', 'case_no']).where('case_no', 'in', added.slice(k, k + 500).map((c) => c.caseNo)).execute()));
    }
    const at = ctx.clock.now();
    await insertItems(trx, draw.id, added, new Map(rows.map((c) => [c.case_no, c.id])), at);
    // A mandatory case that the larger rate reaches by its ticket is now drawn at random, as a fresh draw
    // at this rate would say; the audit log keeps why it was first included.
    for (const s of manifest.strata) {
      const size = stratumSize(s.caseNos.length, args.rate);
      await trx
        .updateTable('spot_check_items')
        .set({ reason: 'random', updated_at: at, version: sql`version + 1` })
        .where('draw_id', '=', draw.id)
        .where('street_code', '=', s.street)
        .where('outcome', '=', s.outcome)
        .where('reason', '=', 'mandatory')
        .where('rank', '<=', size)
        .execute();
    }
    await trx.updateTable('spot_check_draws').set({ rate_percent: args.rate, updated_at: at, version: sql`version + 1` }).where('id', '=', draw.id).execute();
    await recordMutation(trx, 'spotchecks.extend', { drawId: draw.id, fromRate: draw.rate_percent, rate: args.rate }, at);
    await appendAudit(trx, { actorId: user.id, action: 'spotcheck.extend', entity: 'spot_check_draw', entityId: draw.id, details: { fromRate: draw.rate_percent, rate: args.rate, added: added.length } }, at);
  });
  return drawDetail(ctx.db, args.drawId, await currentUser(ctx.db));
}
