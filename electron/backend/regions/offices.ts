// The office details kept on each region (migration 0005): read by every document that prints an issuer,
// a contact or a hotline, shown on 设置, and changed by the district bureau through regions.setOffice,
// a synced command the centre runs again like every other.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { canEditStreetOffice } from '../../../shared/access';
import type { SessionUser } from '../../../shared/domain';
import { Hotline, OfficeList, derivedOfficeName, officeArgs, type OfficeView } from '../../../shared/office';
import { AppError } from '../../../shared/result';
import { defineCommand } from '../commands/command';
import type { Database, RegionsTable } from '../db/schema';
import { codeRange } from './regions';

type Reader = Kysely<Database> | Transaction<Database>;
type RegionRow = Selectable<RegionsTable>;

/** What a document prints for an office. */
export type Office = { name: string; address: string; phone: string; hotlines: Hotline[] };

function hotlinesOf(json: string): Hotline[] {
  // The column is checked to hold a JSON array; an entry that is not a hotline is left out, not printed.
  return (JSON.parse(json) as unknown[]).flatMap((h) => {
    const one = Hotline.safeParse(h);
    return one.success ? [one.data] : [];
  });
}

function officeOfRow(r: RegionRow): Office {
  return { name: r.office_name.trim() || derivedOfficeName(r), address: r.office_address.trim(), phone: r.office_phone.trim(), hotlines: hotlinesOf(r.office_hotlines_json) };
}

function viewOf(r: RegionRow): OfficeView {
  return { code: r.code, regionName: r.name, level: r.level, derived: r.office_name.trim() === '', office: officeOfRow(r), changedBy: r.office_changed_by, changedAt: r.office_changed_at };
}

async function regionRow(db: Reader, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The office of a street (or the district's bureau): the name as printed, its contact and hotlines. */
export async function officeOf(db: Reader, code: string): Promise<Office> {
  const r = await regionRow(db, code);
  if (!r) throw new AppError('not-found', `没有区划代码为 ${code} 的地区`);
  return officeOfRow(r);
}

/** The user's own office, and the street offices they may see: their own street, or their district's streets. */
export async function listOffices(db: Kysely<Database>, user: SessionUser): Promise<OfficeList> {
  const own = await regionRow(db, user.regionCode.slice(0, 9));
  if (!own) throw new AppError('not-found', `没有区划代码为 ${user.regionCode} 的地区`);
  const [lo, hi] = codeRange(user.regionCode.slice(0, 9));
  const streets = await db.selectFrom('regions').selectAll().where('level', '=', 'street').where('code', '>=', lo).where('code', '<', hi).orderBy('code').execute();
  const district = user.regionCode.slice(0, 6);
  return OfficeList.parse({ own: viewOf(own), streets: streets.map(viewOf), canEdit: canEditStreetOffice(user, `${district}001`) === null });
}

export const setStreetOffice = defineCommand({
  name: 'regions.setOffice',
  label: '修改街道单位信息',
  args: officeArgs.update,
  // A missing street is not refused here but in the body, so that the access rule looks at the code
  // first: another district's street (absent from a desk) is refused as such, not reported missing.
  load: async (cx, args) => regionRow(cx.trx, args.streetCode),
  access: (user, _row, args) => canEditStreetOffice(user, args.streetCode),
  async run(cx, args, row) {
    if (!row) throw new AppError('not-found', `没有区划代码为 ${args.streetCode} 的街道（乡镇）`);
    if (row.level !== 'street') throw new AppError('validation', `${row.name}不是街道（乡镇），不能设置街道单位信息`);
    await cx.expect('regions', row.code);
    const next = { office_name: args.office.name, office_address: args.office.address, office_phone: args.office.phone, office_hotlines_json: JSON.stringify(args.office.hotlines) };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => row[k] !== next[k]);
    if (changed.length === 0) throw new AppError('conflict', `${row.name}的单位信息没有变化`);
    await cx.trx
      .updateTable('regions')
      .set({ ...next, office_changed_by: cx.user.name, office_changed_at: cx.at, updated_at: cx.at })
      .where('code', '=', row.code)
      .execute();
    cx.audit({ action: 'region.office.update', entity: 'region', entityId: row.code, details: { fields: changed, name: args.office.name } });
    return row.code;
  },
  reply: async (db, user) => listOffices(db, user),
});
