// Who a CLI command acts as: the roster user named by --as, or else the database's signed-in user.
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import type { BackendContext } from '../context';
import { currentUser, rosterUserNamed } from '../session/session';
import { optionalOption, type ParsedArgs } from './args';

export async function actingUser(ctx: BackendContext, args: ParsedArgs, fallback?: () => Promise<SessionUser>): Promise<SessionUser> {
  const as = optionalOption(args, 'as');
  if (as !== undefined) return rosterUserNamed(ctx.db, as);
  return fallback ? fallback() : currentUser(ctx.db);
}

/**
 * The district's serving bureau chief (the first by username): who the roster, the report and the CLI draw act
 * as by default. `otherwise` ends the refusal when there is none.
 */
export async function bureauChief(ctx: BackendContext, districtCode: string, otherwise = '请用 --as 指定用户'): Promise<SessionUser> {
  const row = await ctx.db
    .selectFrom('users')
    .innerJoin('regions', 'regions.code', 'users.region_code')
    .select(['users.id', 'users.username', 'users.name', 'users.role', 'users.region_code', 'regions.name as region_name'])
    .where('users.region_code', '=', districtCode)
    .where('users.role', '=', 'bureau_chief')
    .where('users.active', '=', 1)
    .orderBy('users.username')
    .executeTakeFirst();
  if (!row) throw new AppError('forbidden', `区 ${districtCode} 没有在岗的民政局科长，${otherwise}`);
  return { id: row.id, username: row.username, name: row.name, role: row.role, regionCode: row.region_code, regionName: row.region_name };
}
