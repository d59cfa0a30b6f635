// Household make-up: who lives with the household head, with genders, ages and surnames that agree
// with each other (a spouse of the other sex, children 20–38 years younger carrying the father's
// surname, grandchildren left with their grandparents in the villages). Names come later, from the
// sketch.
import type { Gender, Relation } from '../../../../shared/domain';
import type { HouseholdCategory } from './model';
import { randomSurname } from './names';
import type { Rng } from './rng';

export type PersonSketch = {
  relation: Relation;
  gender: Gender;
  age: number;
  surname: string;
  /** The sibling this person was born with, sharing the birth date. */
  twin?: PersonSketch;
};

type Builder = (rng: Rng, size: number) => PersonSketch[];

const other = (g: Gender): Gender => (g === 'male' ? 'female' : 'male');
const randomGender = (rng: Rng): Gender => (rng.chance(0.51) ? 'male' : 'female');

function spouseOf(rng: Rng, head: PersonSketch): PersonSketch {
  // Husbands are usually a few years older than their wives.
  const gap = rng.int(-2, 6);
  const age = Math.max(18, head.gender === 'male' ? head.age - gap : head.age + gap);
  return { relation: 'spouse', gender: other(head.gender), age, surname: randomSurname(rng) };
}

/** Surname children take: the father's, now and then the mother's. */
function childSurname(rng: Rng, head: PersonSketch, spouse: PersonSketch | null): string {
  if (!spouse) return rng.chance(0.75) ? head.surname : randomSurname(rng);
  const father = head.gender === 'male' ? head : spouse;
  const mother = head.gender === 'male' ? spouse : head;
  return rng.chance(0.9) ? father.surname : mother.surname;
}

/**
 * Siblings at least two years apart where the parents' ages allow it, so no two children of one
 * mother are born months apart; where they do not (very young parents), the later one is a twin.
 */
function siblings(rng: Rng, count: number, lo: number, hi: number, draw: () => number, make: (age: number) => PersonSketch): PersonSketch[] {
  const out: PersonSketch[] = [];
  for (let i = 0; i < count; i++) {
    let age = Math.max(lo, Math.min(hi, draw()));
    const clash = () => out.find((p) => Math.abs(p.age - age) < 2);
    for (let t = 0; t < 30 && clash(); t++) age = rng.int(lo, hi);
    const twin = clash();
    const person = make(twin ? twin.age : age);
    if (twin) person.twin = twin;
    out.push(person);
  }
  return out;
}

function children(rng: Rng, count: number, youngerParentAge: number, surname: string, adult = false): PersonSketch[] {
  const hi = Math.max(0, youngerParentAge - 20);
  const lo = adult ? Math.min(18, hi) : 0;
  return siblings(rng, count, lo, hi, () => youngerParentAge - rng.int(20, 38), (age) => ({ relation: 'child', gender: randomGender(rng), age, surname }));
}

function parentsOf(rng: Rng, head: PersonSketch, count: 1 | 2): PersonSketch[] {
  const fatherAge = Math.min(96, head.age + rng.int(23, 34));
  const motherAge = Math.min(95, head.age + rng.int(20, 31));
  const father: PersonSketch = { relation: 'parent', gender: 'male', age: fatherAge, surname: head.surname };
  const mother: PersonSketch = { relation: 'parent', gender: 'female', age: motherAge, surname: randomSurname(rng) };
  if (count === 2) return [father, mother];
  // Widowed mothers outnumber widowed fathers.
  return [rng.chance(0.65) ? mother : father];
}

function head(rng: Rng, lo: number, hi: number, maleShare = 0.6): PersonSketch {
  return { relation: 'self', gender: rng.chance(maleShare) ? 'male' : 'female', age: rng.int(lo, hi), surname: randomSurname(rng) };
}

const younger = (a: PersonSketch, b: PersonSketch | null): number => (b ? Math.min(a.age, b.age) : a.age);

const couple = (rng: Rng, lo: number, hi: number): [PersonSketch, PersonSketch] => {
  const h = head(rng, lo, hi, 0.8);
  return [h, spouseOf(rng, h)];
};

const coupleWithChildren = (rng: Rng, kids: number, lo = 25, hi = 56): PersonSketch[] => {
  const [h, s] = couple(rng, lo, hi);
  return [h, s, ...children(rng, kids, younger(h, s), childSurname(rng, h, s))];
};

const singleParent = (rng: Rng, kids: number): PersonSketch[] => {
  const h = head(rng, 26, 52, 0.3);
  return [h, ...children(rng, kids, h.age, childSurname(rng, h, null))];
};

/** Grandparents raising grandchildren whose parents work away (留守儿童). */
const leftBehind = (rng: Rng, grandparents: 1 | 2, kids: number): PersonSketch[] => {
  const h = head(rng, 56, 78, grandparents === 2 ? 0.8 : 0.4);
  const people: PersonSketch[] = [h];
  if (grandparents === 2) people.push(spouseOf(rng, h));
  const surname = h.gender === 'male' || rng.chance(0.3) ? h.surname : randomSurname(rng);
  const grandchildren = siblings(rng, kids, 1, 16, () => rng.int(1, 16), (age) => ({
    relation: 'grandchild',
    gender: randomGender(rng),
    age,
    surname: rng.chance(0.8) ? surname : randomSurname(rng),
  }));
  people.push(...grandchildren);
  return people;
};

const withParents = (rng: Rng, parentCount: 1 | 2, kids: number, spouse: boolean): PersonSketch[] => {
  const h = head(rng, 30, 58, 0.75);
  const s = spouse ? spouseOf(rng, h) : null;
  const people = [h, ...(s ? [s] : []), ...parentsOf(rng, h, parentCount)];
  return [...people, ...children(rng, kids, younger(h, s), childSurname(rng, h, s))];
};

const TEMPLATES: Record<number, readonly (readonly [Builder, number])[]> = {
  1: [[(rng) => [head(rng, 18, 92)], 1]],
  2: [
    [(rng) => couple(rng, 60, 88), 30],
    [(rng) => singleParent(rng, 1), 25],
    [
      (rng) => {
        // An elderly parent caring for a disabled adult child.
        const h = head(rng, 58, 86, 0.4);
        return [h, ...children(rng, 1, h.age, childSurname(rng, h, null), true)];
      },
      20,
    ],
    [(rng) => couple(rng, 35, 59), 15],
    [(rng) => leftBehind(rng, 1, 1), 10],
  ],
  3: [
    [(rng) => coupleWithChildren(rng, 1), 45],
    [(rng) => singleParent(rng, 2), 20],
    [(rng) => withParents(rng, 1, 0, true), 20],
    [(rng) => leftBehind(rng, 1, 2), 15],
  ],
  4: [
    [(rng) => coupleWithChildren(rng, 2), 50],
    [(rng) => withParents(rng, 1, 1, true), 30],
    [(rng) => leftBehind(rng, 2, 2), 20],
  ],
  5: [
    [(rng) => coupleWithChildren(rng, 3, 30, 50), 30],
    [(rng) => withParents(rng, 1, 2, true), 45],
    [(rng) => withParents(rng, 2, 1, true), 25],
  ],
  6: [
    [(rng) => withParents(rng, 2, 2, true), 60],
    [
      (rng) => {
        // Three generations under the grandfather: his son, the son's wife and their children.
        const [h, s] = couple(rng, 56, 74);
        const son: PersonSketch = { relation: 'child', gender: 'male', age: Math.max(22, younger(h, s) - rng.int(22, 32)), surname: childSurname(rng, h, s) };
        const wife: PersonSketch = { relation: 'other', gender: 'female', age: Math.max(20, son.age - rng.int(-2, 5)), surname: randomSurname(rng) };
        const eldest = Math.max(0, Math.min(16, wife.age - 20));
        const kids = siblings(rng, 2, 0, eldest, () => rng.int(0, eldest), (age) => ({ relation: 'grandchild', gender: randomGender(rng), age, surname: son.surname }));
        return [h, s, son, wife, ...kids];
      },
      40,
    ],
  ],
};

/** Household size by category: 特困 are people living alone without support; the rest follow the register. */
export function householdSize(rng: Rng, category: HouseholdCategory): number {
  if (category === 'tekun') return rng.chance(0.9) ? 1 : 2;
  // Chosen so that, with 特困 at 12 % of households, the district matches 1:35 2:25 3:20 4:13 5:5 6:2.
  return rng.weighted([[1, 27.5], [2, 27], [3, 22.7], [4, 14.8], [5, 5.7], [6, 2.3]]);
}

export function sketchFamily(rng: Rng, size: number, category: HouseholdCategory): PersonSketch[] {
  if (size === 1) {
    const elderly = rng.chance(category === 'tekun' ? 0.7 : 0.45);
    const h = elderly ? head(rng, 60, 92, 0.45) : head(rng, 20, 59, 0.62);
    return [h];
  }
  if (category === 'tekun') {
    // Two 特困 people in one household: an elderly couple with no one to support them.
    return couple(rng, 62, 90);
  }
  const table = TEMPLATES[size];
  if (!table) throw new Error(`no family template for size ${size}`);
  return rng.weighted(table)(rng, size);
}
