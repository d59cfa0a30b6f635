import type { Kysely } from 'kysely';
import type { Region } from '../../../shared/domain';
import { isWithin } from '../../../shared/division-code';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';

/** Code range [prefix, prefix + ':') covers every code starting with prefix (':' sorts after '9'). */
export function codeRange(prefix: string): [string, string] {
  return [prefix, `${prefix}:`];
}

/**
 * Regions inside the jurisdiction (the jurisdiction itself and its ancestors too, so screens can
 * name them), optionally only those under `under`.
 */
export async function listRegions(db: Kysely<Database>, jurisdiction: string, under?: string): Promise<Region[]> {
  if (under && !isWithin(under, jurisdiction) && !isWithin(jurisdiction, under)) {
    throw new AppError('forbidden', `区划 ${under} 不在您的管辖范围内`);
  }
  const scope = under && isWithin(under, jurisdiction) ? under : jurisdiction;
  const [lo, hi] = codeRange(scope);
  const ancestors = [jurisdiction.slice(0, 6), jurisdiction.slice(0, 9)].filter((c) => c.length < jurisdiction.length);
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code'])
    .where((eb) => eb.or([eb.and([eb('code', '>=', lo), eb('code', '<', hi)]), ...(under ? [] : ancestors.map((a) => eb('code', '=', a)))]))
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}
