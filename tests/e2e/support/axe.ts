// axe-core (injected from node_modules) on the page's <main> as it is now: a spec asserts no serious or
// critical violation, as tests/e2e/a11y.spec.ts asks of every screen.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function expectAccessible(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const serious = await page.evaluate(async () => {
    type Found = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const w = window as unknown as { axe: { run: (ctx: Element, o: object) => Promise<{ violations: Found[] }> } };
    const r = await w.axe.run(document.querySelector('main')!, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
  expect(serious).toEqual([]);
}

/** The same citizen ID with another check character: a number that fails GB 11643. */
export function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
}
