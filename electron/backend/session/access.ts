import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';

/** Street staff and leading-group members of a street office change that street's records; nobody else. */
export function assertStreetWriter(user: SessionUser, streetCode: string, what: string): void {
  if ((user.role !== 'street_staff' && user.role !== 'group_member') || user.regionCode !== streetCode) {
    throw new AppError('forbidden', `只有本街道的经办人和联审联批领导小组成员可以操作本街道的${what}`);
  }
}

/** Reading is allowed anywhere inside the user's jurisdiction (a district user reads all its streets). */
export function assertWithin(user: SessionUser, code: string, what: string): void {
  if (!code.startsWith(user.regionCode)) throw new AppError('forbidden', `${what}不在您的管辖范围内`);
}

export type BureauRole = Extract<SessionUser['role'], 'bureau_chief' | 'bureau_inspector'>;

/** District civil-affairs bureau staff in the given roles; spot checks are theirs alone. */
export function assertBureau(user: SessionUser, what: string, roles: readonly BureauRole[] = ['bureau_chief', 'bureau_inspector']): void {
  const allowed = (roles as readonly string[]).includes(user.role) && user.regionCode.length === 6;
  if (!allowed) {
    const who = roles.length === 1 && roles[0] === 'bureau_chief' ? '区民政局科长' : '区民政局的工作人员';
    throw new AppError('forbidden', `只有${who}可以${what}`);
  }
}
