// One source of time for services, replaceable in tests and by the generator. Offices work in
// China Standard Time whatever the machine's zone is, so "today" is computed there.

export type Clock = {
  /** Instant as ISO-8601 UTC, e.g. 2026-11-22T01:30:00.000Z. */
  now(): string;
  /** Calendar day in China Standard Time, e.g. 2026-11-22. */
  today(): string;
};

const cstDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  today: () => cstDay.format(new Date()),
};

/** A clock frozen at one instant, for tests and deterministic generation. */
export function fixedClock(instant: string): Clock {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`invalid instant ${instant}`);
  return { now: () => date.toISOString(), today: () => cstDay.format(date) };
}
