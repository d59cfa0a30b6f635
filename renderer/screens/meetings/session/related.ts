// Leading-group members named in an item's 近亲属备案 note who have not recused yet. The filing names
// the staff member the household is related to; when that person sits on the leading group, the rules
// (DESIGN.md §2) say they must recuse, so the session points at them. Matching by name is a hint, not
// a verdict: the recorder still chooses whom to register.
import type { AgendaItemView, MeetingDetail, RosterEntry } from '../../../../shared/meeting';

export function relatedMembers(item: AgendaItemView, detail: MeetingDetail): RosterEntry[] {
  const note = item.case.closeRelativeNote;
  if (!item.case.closeRelative || note === '') return [];
  const recused = new Set(item.recusals.map((r) => r.memberId));
  return detail.roster.filter((r) => r.memberId !== null && r.voting && !recused.has(r.memberId) && r.name.length >= 2 && note.includes(r.name));
}
