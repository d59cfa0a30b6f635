// Puts the harness back on the district as generated, so a spec file does not depend on what the files
// before it created (a meeting of the same street and month, a draw of the same period).
import { test } from '@playwright/test';

const port = Number(process.env.HARNESS_PORT ?? 4517);

export function startFromGeneratedDistrict(): void {
  test.beforeAll(async () => {
    const res = await fetch(`http://127.0.0.1:${port}/__harness/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`harness reset failed: ${res.status} ${await res.text()}`);
  });
}
