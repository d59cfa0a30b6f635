import { z } from 'zod';

/** A file the desk wrote to its exports folder (a spreadsheet, a template): what the UI shows and offers to open. */
export const SavedFile = z.object({
  fileName: z.string(),
  path: z.string(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Data rows written (below the header). */
  rows: z.number().int().nonnegative(),
});
export type SavedFile = z.infer<typeof SavedFile>;
