// The centre's sign-in under guessing, with the production scrypt cost: what an unknown username costs
// beside a wrong password (the timing that would tell who exists), and how many passwords an attacker
// gets checked while hammering one account for 30 seconds.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../server/log';
import { seedCentral } from '../../server/seed';
import { startCentralServer } from '../../server/server';
import { login } from '../helpers/raw-client';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Warnings and errors only: thousands of sign-ins would print a line each. */
const log = createLogger(undefined, 'warn');
const line = (label: string, value: string) => console.log(`${label.padEnd(64)} ${value}`);

export async function benchCentre(dir: string): Promise<void> {
  const dataDir = mkdtempSync(join(dir, 'centre-'));
  // Generous limits for the timing runs, so that throttling does not stand in for the password check.
  const server = await startCentralServer({ dataDir, log, throttle: { accountFreeFailures: 1000, addressFailures: 100_000 } });
  await seedCentral(server.store, dataDir, { households: 300 });
  try {
    const timed = async (username: string) => {
      const t0 = performance.now();
      const r = await login(server.url, username, 'wrong-password');
      if (r.status !== 401) throw new Error(`expected 401, got ${r.status}`);
      return performance.now() - t0;
    };
    await timed('nobody'); // the dummy hash is made on first use
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 20; i++) {
      unknown.push(await timed(`nobody-${i}`));
      wrong.push(await timed(`st00${1 + (i % 6)}-staff1`));
    }
    line('centre: sign-in refused, unknown username (scrypt N=16384)', `median ${median(unknown).toFixed(1).padStart(8)} ms  (20 runs)`);
    line('centre: sign-in refused, known username, wrong password', `median ${median(wrong).toFixed(1).padStart(8)} ms  (20 runs; ratio ${(median(unknown) / median(wrong)).toFixed(2)})`);
  } finally {
    await server.close();
  }

  // Default throttling: one account guessed as fast as the centre answers, for 30 seconds.
  const guarded = await startCentralServer({ dataDir, log });
  guarded.store.handle!.sqlite.prepare('DELETE FROM central_throttle').run(); // the timing runs' failures
  try {
    const checksBefore = guarded.auth.passwordChecks;
    const until = performance.now() + 30_000;
    let answered = 0;
    let throttled = 0;
    while (performance.now() < until) {
      const r = await login(guarded.url, 'st001-staff1', `guess-${answered}`);
      answered++;
      if (r.status === 429) throttled++;
    }
    line('centre: one account guessed for 30 s, default throttling', `${answered} attempts answered, ${guarded.auth.passwordChecks - checksBefore} passwords checked, ${throttled} answered 429`);
  } finally {
    await guarded.close();
  }
}
