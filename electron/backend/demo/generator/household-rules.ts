// Every generated household is held to the rule the intake command (受理) holds a new household to:
// checkMembers, so the demo never writes a household the desk would refuse. A failure is a generator bug
// and stops the generation before anything is written. (The command's argument schema, text lengths and
// the phone's form, is run over a generated district by the tests: the texts here come from fixed tables.)
import { checkMembers } from '../../../../shared/intake';
import type { Household } from './model';

export function checkHousehold(h: Household, today: string): void {
  const members = h.members.map((m) => ({ name: m.name, citizenId: m.citizenId, relation: m.relation, occupation: m.occupation, health: m.health ?? '', disability: m.disability ?? '' }));
  const checked = checkMembers(members, today);
  if (!checked.ok) throw new Error(`generated household ${h.no} fails checkMembers: ${checked.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  // The command stores the sex and birth date the ID says; the generator's own must be the same.
  checked.members.forEach((c, i) => {
    const m = h.members[i];
    if (!m || c.citizenId !== m.citizenId || c.gender !== m.gender || c.birthDate !== m.birthDate) {
      throw new Error(`generated household ${h.no}: member ${i + 1} (${c.name}) disagrees with the ID ${c.citizenId} (${c.gender}, ${c.birthDate})`);
    }
  });
}
