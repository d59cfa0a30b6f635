// When a correction is late: an open one (never answered, or returned) once its deadline has passed; one
// answered and awaiting the bureau's review only if the answer reached the bureau after the deadline (the later of
// the day the street gives and the day it was recorded); never a done one.
import { describe, expect, it } from 'vitest';
import { isOverdue } from '../../shared/corrections';

const deadline = '2026-12-20';
const answered = (answeredOn: string, recordedOn = answeredOn) => [{ answeredOn: '2026-12-01', recordedOn: '2026-12-01' }, { answeredOn, recordedOn }];

describe('isOverdue', () => {
  it('flags an open correction the day after its deadline, not on it', () => {
    expect(isOverdue({ deadline, status: 'open', answers: [] }, '2026-12-20')).toBe(false);
    expect(isOverdue({ deadline, status: 'open', answers: [] }, '2026-12-21')).toBe(true);
    // Returned: open again, and late like any open one.
    expect(isOverdue({ deadline, status: 'open', answers: answered('2026-12-10') }, '2027-01-05')).toBe(true);
  });

  it('does not hold the bureau’s review against a street that answered in time', () => {
    expect(isOverdue({ deadline, status: 'answered', answers: answered('2026-12-20') }, '2027-01-05')).toBe(false);
    expect(isOverdue({ deadline, status: 'answered', answers: answered('2026-12-21') }, '2027-01-05')).toBe(true);
  });

  it('judges a backdated answer by the day it was recorded', () => {
    expect(isOverdue({ deadline, status: 'answered', answers: answered('2026-12-15', '2027-01-10') }, '2027-01-12')).toBe(true);
    // Recorded a day after the visit it reports, both within the deadline: in time.
    expect(isOverdue({ deadline, status: 'answered', answers: answered('2026-12-18', '2026-12-19') }, '2027-01-12')).toBe(false);
  });

  it('never flags a done correction', () => {
    expect(isOverdue({ deadline, status: 'done', answers: answered('2027-01-02') }, '2027-02-01')).toBe(false);
  });
});
