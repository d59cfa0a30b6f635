// Who may do what, once, as pure functions over (user, role, region, resource). The backend asserts
// them before a command's body runs, the centre enforces them by running the same commands, and the
// renderer asks them whether to show a control at all. Each answers null (allowed) or the refusal a
// person should read.
import type { SessionUser, UserRole } from './domain';

/** The part of a signed-in user the rules look at. */
export type Actor = Pick<SessionUser, 'id' | 'role' | 'regionCode'>;

export type Denial = { code: 'forbidden'; message: string };

const deny = (message: string): Denial => ({ code: 'forbidden', message });

export type StreetRole = Extract<UserRole, 'street_staff' | 'group_member'>;
export type BureauRole = Extract<UserRole, 'bureau_chief' | 'bureau_inspector'>;

export function isStreetRole(role: UserRole): role is StreetRole {
  return role === 'street_staff' || role === 'group_member';
}

export function isBureauRole(role: UserRole): role is BureauRole {
  return role === 'bureau_chief' || role === 'bureau_inspector';
}

/** A division code inside the user's jurisdiction (a district user's covers all its streets). */
export function within(user: Actor, code: string): boolean {
  return code.startsWith(user.regionCode);
}

/** Reading is allowed anywhere inside the user's jurisdiction. */
export function canRead(user: Actor, code: string, what: string): Denial | null {
  return within(user, code) ? null : deny(`${what}不在您的管辖范围内`);
}

/**
 * A standing public-notice list is what hangs on the community's board (masked names, household sizes
 * and amounts, nothing else): any office of the same district may print it, e.g. a street printing a
 * neighbour's list for a joint posting, or the bureau checking one. Another district's may not.
 */
export function canPrintPublicNotice(user: Actor, communityCode: string, what: string): Denial | null {
  return communityCode.startsWith(user.regionCode.slice(0, 6)) ? null : deny(`${what}不在本区，不能打印它的公示名单`);
}

/** Street staff and leading-group members of a street office change that street's records; nobody else. */
export function canWriteStreet(user: Actor, streetCode: string, what: string): Denial | null {
  if (isStreetRole(user.role) && user.regionCode === streetCode) return null;
  return deny(`只有本街道的经办人和联审联批领导小组成员可以操作本街道的${what}`);
}

const bureauOf = (user: Actor) => isBureauRole(user.role) && user.regionCode.length === 6;

/** Spot checks are the district bureau's: its staff read and inspect them. */
export function canInspect(user: Actor, what: string): Denial | null {
  return bureauOf(user) ? null : deny(`只有区民政局的工作人员可以${what}`);
}

/** A draw belongs to the district that drew it; another district's bureau neither sees nor touches it. */
function ownDistrict(user: Actor, districtCode: string | undefined): Denial | null {
  return districtCode === undefined || districtCode === user.regionCode ? null : deny('这次抽样不属于本区');
}

/**
 * Organising a spot check (frame, draw, extend, assign, corrections) is the section chief's alone, and
 * only for the draws of the chief's own district.
 */
export function canOrganiseSpotCheck(user: Actor, what: string, districtCode?: string): Denial | null {
  if (!bureauOf(user) || user.role !== 'bureau_chief') return deny(`只有区民政局科长可以${what}`);
  return ownDistrict(user, districtCode);
}

/** A finding is recorded by one of the two inspectors the case was assigned to, or by the section chief. */
export function canRecordFinding(user: Actor, item: { districtCode: string; inspectorAId: string | null; inspectorBId: string | null }): Denial | null {
  const refused = canInspect(user, '记录核查结论') ?? ownDistrict(user, item.districtCode);
  if (refused) return refused;
  if (user.role === 'bureau_chief' || user.id === item.inspectorAId || user.id === item.inspectorBId) return null;
  return deny('只有分配到这件个案的抽查人员（或科长）可以记录核查结论');
}

/**
 * A street office's details (the name it signs with, address, phone, hotlines) are set by the district
 * bureau that oversees it, for the streets of its own district only: a street cannot re-sign its notices.
 */
export function canEditStreetOffice(user: Actor, streetCode: string): Denial | null {
  if (!bureauOf(user)) return deny('街道办事处的名称、地址、电话和热线由区民政局统一设置，本街道不能修改');
  if (streetCode.length !== 9 || !within(user, streetCode)) return deny('这个街道（乡镇）不在本区，不能修改它的单位信息');
  return null;
}

/**
 * A district's dated standards (shared/standards.ts) are set by its bureau's section chief, for that
 * district only; everyone else under the district reads them.
 */
export function canSetStandards(user: Actor, districtCode: string): Denial | null {
  if (!bureauOf(user) || user.role !== 'bureau_chief') return deny('保障标准由区民政局科长设定');
  return districtCode === user.regionCode ? null : deny('只能设定本区的保障标准');
}

/** Local settings of this copy (name masking; the standards are the bureau's): anyone signed in to it. */
export function canChangeLocalSettings(_user: Actor): Denial | null {
  return null;
}

/** Importing applications from a spreadsheet, and keeping its column mappings: street staff and leading groups. */
export function canImportApplications(user: Actor): Denial | null {
  return isStreetRole(user.role) ? null : { code: 'forbidden', message: '只有街道的工作人员可以导入申请和保存列对应关系' };
}

/** 花名册报送财政: the district bureau's staff, for their own district's roster only. */
export function canSendRoster(user: Actor, districtCode: string): Denial | null {
  if (!bureauOf(user)) return deny('只有区民政局的工作人员可以标记花名册已报送财政');
  return user.regionCode === districtCode ? null : deny('这个区的花名册不属于本区，不能标记报送');
}

/** True when the rule allows: for the renderer, which shows a control or does not. */
export function allowed(denial: Denial | null): boolean {
  return denial === null;
}
