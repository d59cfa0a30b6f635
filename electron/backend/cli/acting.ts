// Who a CLI command acts as: the roster user named by --as, or else the database's signed-in user.
import type { SessionUser } from '../../../shared/domain';
import type { BackendContext } from '../context';
import { currentUser, rosterUserNamed } from '../session/session';
import { optionalOption, type ParsedArgs } from './args';

export async function actingUser(ctx: BackendContext, args: ParsedArgs, fallback?: () => Promise<SessionUser>): Promise<SessionUser> {
  const as = optionalOption(args, 'as');
  if (as !== undefined) return rosterUserNamed(ctx.db, as);
  return fallback ? fallback() : currentUser(ctx.db);
}
