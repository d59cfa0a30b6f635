import type { Denial } from '../../../shared/access';
import { AppError } from '../../../shared/result';

/** Asserts a rule of shared/access.ts: a denial becomes the `forbidden` refusal it names. */
export function assertAllowed(denial: Denial | null): void {
  if (denial) throw new AppError(denial.code, denial.message);
}
