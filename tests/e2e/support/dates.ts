// Setting and reading a DateField (renderer/components/DateField.tsx) from a spec: its parts are selects
// named by data-part, its ISO value is on the group's data-value.
import { expect, type Locator } from '@playwright/test';

/** Chooses "2026-11-20", "2026-11" or "2026-11-20T09:30" part by part, year first (the day is clamped to the month meanwhile). */
export async function chooseDate(field: Locator, value: string): Promise<void> {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) throw new Error(`not a date value: ${value}`);
  const parts: [string, string | undefined][] = [
    ['year', m[1]],
    ['month', m[2]],
    ['day', m[3]],
    ['hour', m[4]],
    ['minute', m[5]],
  ];
  for (const [part, v] of parts) {
    if (v !== undefined) await field.locator(`select[data-part="${part}"]`).selectOption(String(Number(v)));
  }
  await expect(field).toHaveAttribute('data-value', value);
}

export async function expectDate(field: Locator, value: string): Promise<void> {
  await expect(field).toHaveAttribute('data-value', value);
}
