// Accounts and leading-group rosters. Every street office has two 经办人 and a 联审联批领导小组 of 7–9
// people whose seats follow the usual make-up in local rules: the office head chairs, the deputy in
// charge of civil affairs is vice-chair, the civil-affairs, finance and community voices are members,
// the discipline inspection office watches, and a clerk records without a vote.
import type { CommitteePosition } from '../../../../shared/domain';
import { DISTRICT } from './regions';
import type { RosterMember, Street, User } from './model';
import { staffName } from './names';
import type { Rng } from './rng';

type Seat = { position: CommitteePosition; title: string };

function seatsFor(street: Street, size: number): Seat[] {
  const town = street.town;
  const members = [
    '社会事务办主任',
    '民政专干',
    '财政所所长',
    town ? '村党总支书记代表' : '社区党委书记代表',
    '司法所所长',
    town ? '农业农村办主任' : '综治办主任',
  ];
  return [
    { position: 'chair', title: town ? '镇长' : '街道办事处主任' },
    { position: 'deputy', title: town ? '分管民政工作副镇长' : '分管社会事务副主任' },
    ...members.slice(0, size - 4).map((title): Seat => ({ position: 'member', title })),
    { position: 'discipline', title: town ? '镇纪委副书记' : '街道纪工委副书记' },
    { position: 'recorder', title: '社会事务办工作人员' },
  ];
}

/** The short code used in usernames: the township digits of the street code. */
export function streetTag(street: Street): string {
  return `st${street.code.slice(6)}`;
}

/**
 * Fills each street's staff and roster and returns every user account, street by street and then
 * the district bureau, in the order they are written.
 */
export function buildStaff(rng: Rng, streets: Street[]): User[] {
  const users: User[] = [];
  const usedNames = new Set<string>();
  const uniqueName = (): string => {
    for (;;) {
      const name = staffName(rng);
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  for (const street of streets) {
    const tag = streetTag(street);
    for (let k = 1; k <= 2; k++) {
      const user: User = { id: rng.uuid(), username: `${tag}-staff${k}`, name: uniqueName(), role: 'street_staff', regionCode: street.code };
      street.staff.push(user);
      users.push(user);
    }
    const seats = seatsFor(street, rng.int(7, 9));
    seats.forEach((seat, i) => {
      const user: User = { id: rng.uuid(), username: `${tag}-member${i + 1}`, name: uniqueName(), role: 'group_member', regionCode: street.code };
      users.push(user);
      const member: RosterMember = {
        id: rng.uuid(),
        streetCode: street.code,
        userId: user.id,
        name: user.name,
        position: seat.position,
        title: seat.title,
        voting: seat.position === 'recorder' ? 0 : 1,
        sortOrder: i + 1,
      };
      street.roster.push(member);
    });
  }

  for (let k = 1; k <= 4; k++) {
    users.push({ id: rng.uuid(), username: `bureau-insp${k}`, name: uniqueName(), role: 'bureau_inspector', regionCode: DISTRICT.code });
  }
  users.push({ id: rng.uuid(), username: 'bureau-chief', name: uniqueName(), role: 'bureau_chief', regionCode: DISTRICT.code });
  return users;
}

export function rosterSeat(street: Street, position: CommitteePosition): RosterMember {
  const member = street.roster.find((m) => m.position === position);
  if (!member) throw new Error(`street ${street.code} has no ${position}`);
  return member;
}
