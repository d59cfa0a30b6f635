import { z } from 'zod';

/** A generated PDF written to disk: what the UI shows and the audit log records. */
export const PdfFile = z.object({
  fileName: z.string(),
  path: z.string(),
  pages: z.number().int().positive(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PdfFile = z.infer<typeof PdfFile>;
