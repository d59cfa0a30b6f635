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
