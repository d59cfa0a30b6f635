// The district's dated standards (shared/standards.ts): standards.set, the bureau chief's command that
// adds a record (closing the open-ended one it follows), and the list 设置 shows. The centre runs the
// command again for whoever pushed it; every copy under the district receives the records on its pull.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { canSetStandards } from '../../../shared/access';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { SetStandardArgs, StandardList, type SetStandardResult, placeStandard, startsInThePast, type StandardRecordView } from '../../../shared/standards';
import { defineCommand } from '../commands/command';
import type { Database, StandardsTable } from '../db/schema';

type Reader = Kysely<Database> | Transaction<Database>;
type StandardRow = Selectable<StandardsTable>;

function viewOf(r: StandardRow): StandardRecordView {
  return {
    id: r.id,
    districtCode: r.district_code,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    values: JSON.parse(r.values_json) as Record<string, unknown>,
    note: r.note,
    setBy: r.set_by,
    setByName: r.set_by_name,
    setAt: r.set_at,
  };
}

async function recordsOf(db: Reader, districtCode: string): Promise<StandardRow[]> {
  return db.selectFrom('standards').selectAll().where('district_code', '=', districtCode).orderBy('effective_from', 'desc').execute();
}

/** The records of the user's district, newest first, and whether this user may add one. */
export async function listStandards(db: Reader, user: SessionUser): Promise<StandardList> {
  const districtCode = user.regionCode.slice(0, 6);
  const district = await db.selectFrom('regions').select('name').where('code', '=', districtCode).executeTakeFirst();
  const refusal = canSetStandards(user, districtCode);
  return StandardList.parse({
    districtCode,
    districtName: district?.name ?? districtCode,
    records: (await recordsOf(db, districtCode)).map(viewOf),
    canSet: refusal === null,
    refusal: refusal?.message ?? null,
  });
}

const refusedAt = (code: 'validation' | 'conflict', field: string, message: string) => new AppError(code, message, { problems: [{ field, message }] });

export const setStandard = defineCommand({
  name: 'standards.set',
  label: '设定保障标准',
  args: SetStandardArgs,
  // The district is looked up in the body, so that another district's code (absent from a desk) is refused by the access rule first.
  load: async (cx, args) => cx.trx.selectFrom('regions').select(['code', 'level']).where('code', '=', args.districtCode).executeTakeFirst(),
  access: (user, _region, args) => canSetStandards(user, args.districtCode),
  async run(cx, args, region) {
    if (!region || region.level !== 'district') throw new AppError('not-found', `没有区划代码为 ${args.districtCode} 的区县`);
    const past = startsInThePast(args.effectiveFrom, cx.today);
    if (past) throw refusedAt('validation', 'effectiveFrom', past);
    const existing = (await recordsOf(cx.trx, args.districtCode)).map((r) => ({ id: r.id, effectiveFrom: r.effective_from, effectiveTo: r.effective_to }));
    const placed = placeStandard(existing, args.effectiveFrom, args.effectiveTo);
    if (!placed.ok) throw refusedAt('conflict', placed.clash.effectiveFrom > args.effectiveFrom ? 'effectiveTo' : 'effectiveFrom', placed.message);
    if (placed.closes) {
      const { record, effectiveTo } = placed.closes;
      await cx.expect('standards', record.id);
      await cx.trx.updateTable('standards').set({ effective_to: effectiveTo, updated_at: cx.at }).where('id', '=', record.id).execute();
      cx.audit({ action: 'standards.close', entity: 'standard', entityId: record.id, details: { districtCode: args.districtCode, effectiveFrom: record.effectiveFrom, effectiveTo } });
    }
    const id = cx.id('standard', args.districtCode, args.effectiveFrom);
    await cx.trx
      .insertInto('standards')
      .values({
        id,
        district_code: args.districtCode,
        effective_from: args.effectiveFrom,
        effective_to: args.effectiveTo,
        values_json: JSON.stringify(args.values),
        note: args.basisNote,
        set_by: cx.user.id,
        set_by_name: cx.user.name,
        set_at: cx.at,
        updated_at: cx.at,
      })
      .execute();
    cx.audit({ action: 'standards.set', entity: 'standard', entityId: id, details: { districtCode: args.districtCode, effectiveFrom: args.effectiveFrom, effectiveTo: args.effectiveTo } });
    return { id, closed: placed.closes ? { id: placed.closes.record.id, effectiveFrom: placed.closes.record.effectiveFrom, effectiveTo: placed.closes.effectiveTo } : null };
  },
  reply: async (db, user, result): Promise<SetStandardResult> => ({ ...result, list: await listStandards(db, user) }),
});
