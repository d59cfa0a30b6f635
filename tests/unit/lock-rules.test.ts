// The lock's rules for a new PIN or password and its waits after wrong tries (shared/lock.ts).
import { describe, expect, it } from 'vitest';
import { lockWaitMs, secretKind, secretProblem } from '../../shared/lock';

describe('a new PIN or password', () => {
  it('accepts 6–12 digits that are neither one digit repeated nor a run, or 8–64 characters', () => {
    for (const ok of ['482916', '135790', '120345678901', 'Wangjiang-2026', '望江街道经办人王某']) expect(secretProblem(ok), ok).toBeNull();
    expect(secretKind('482916')).toBe('pin');
    expect(secretKind('48291a7x')).toBe('password');
  });

  it('refuses short, long, repeated and running PINs, and short or padded passwords, in Chinese', () => {
    for (const bad of ['48291', '1234567890123', '000000', '999999999', '123456', '456789', '987654', '890123', 'abc1234', ' padded password', 'x'.repeat(65)]) {
      expect(secretProblem(bad), bad).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('the wait after wrong tries', () => {
  it('lets four go, then waits 30 s doubling up to an hour', () => {
    expect([0, 1, 2, 3, 4].map(lockWaitMs)).toEqual([0, 0, 0, 0, 0]);
    expect([5, 6, 7].map(lockWaitMs)).toEqual([30_000, 60_000, 120_000]);
    expect(lockWaitMs(12)).toBe(3_600_000);
    expect(lockWaitMs(1000)).toBe(3_600_000);
  });
});
