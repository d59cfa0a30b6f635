// 近亲属备案: households in which someone is a close relative of civil-affairs staff or of a community
// or village committee member. About half of the relatives sit on the street's leading group, so the
// meetings show recusals; the rest work in the community and only flag the case.
import type { Filing, Household, Member, Street } from './model';
import { surnameOf } from '../../../../shared/masking';
import { givenName, randomSurname } from './names';
import type { Rng } from './rng';

type FilingRelation = Filing['relation'];

/** What the staff relative is to the household member, plausible for the member's age. */
function relationFor(rng: Rng, member: Member): FilingRelation {
  if (member.age >= 65) return rng.weighted([['child', 6], ['sibling', 2], ['grandchild', 2]]);
  if (member.age >= 45) return rng.weighted([['child', 4], ['sibling', 5], ['parent', 1]]);
  if (member.age >= 18) return rng.weighted([['sibling', 5], ['parent', 4], ['spouse', 1]]);
  return rng.weighted([['parent', 5], ['grandparent', 5]]);
}

function communityPost(rng: Rng, h: Household): string {
  const c = h.community;
  if (c.rural) return `${c.name}${rng.pick(['村委会委员', '村委会主任', '村党总支委员'])}`;
  return `${c.name}${rng.pick(['居委会委员', '居委会委员', '居委会主任', '党委委员'])}`;
}

function filingFor(rng: Rng, h: Household, street: Street, onRoster: boolean): Filing {
  // The member filed is usually an adult; children appear through their parents.
  const adults = h.members.filter((m) => m.age >= 18);
  const member = rng.pick(adults.length > 0 ? adults : h.members);
  const seats = street.roster.filter((m) => m.position === 'member' && m.voting === 1);
  const seat = onRoster && seats.length > 0 ? rng.pick(seats) : null;
  // A roster member's spouse would be in the member's own household, not a separate one.
  const drawn = relationFor(rng, member);
  const relation: FilingRelation = seat && drawn === 'spouse' ? 'sibling' : drawn;
  const surname = relation === 'spouse' ? randomSurname(rng) : surnameOf(member.name);
  const gender = relation === 'spouse' ? (member.gender === 'male' ? 'female' : 'male') : rng.chance(0.5) ? 'male' : 'female';
  return {
    id: rng.uuid(),
    householdId: h.id,
    memberId: member.id,
    relativeName: seat ? seat.name : surname + givenName(rng, gender, rng.int(1965, 1998)),
    relativePost: seat ? `${street.name}${seat.title}` : rng.chance(0.15) ? '区民政局社会救助科科员' : communityPost(rng, h),
    relation,
    filedOn: '',
    rosterMemberId: seat ? seat.id : null,
    caseId: null,
  };
}

/** Files about `share` of the households; the demo street always gets one whose relative is on its roster. */
export function buildFilings(rng: Rng, streets: Street[], households: Household[], share: number, demoStreetCode: string): Filing[] {
  const filings: Filing[] = [];
  const count = Math.max(streets.length, Math.round(households.length * share));
  const demo = households.filter((h) => h.street.code === demoStreetCode && h.applyMonth === null);
  const first = demo.length > 0 ? rng.pick(demo) : null;
  if (first) {
    first.filing = filingFor(rng, first, first.street, true);
    filings.push(first.filing);
  }
  for (const h of rng.sample(households, count)) {
    if (filings.length >= count) break;
    if (h.filing) continue;
    h.filing = filingFor(rng, h, h.street, rng.chance(0.5));
    filings.push(h.filing);
  }
  return filings;
}
