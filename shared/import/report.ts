// What an import check or run answers: the rows read, the households they make, and every refused row
// with its row number as the spreadsheet shows it, the column's header there and a Chinese reason.
import { z } from 'zod';
import { ImportColumns, MappingName } from './fields';

export const RowRefusal = z.object({
  /** The row as the spreadsheet numbers it (the standard template's header is row 1); 0 for the file as a whole. */
  row: z.number().int().nonnegative(),
  /** The column's header in the file ('' when the refusal is about the row or the file). */
  column: z.string(),
  message: z.string(),
});
export type RowRefusal = z.infer<typeof RowRefusal>;

export const ImportReport = z.object({
  fileName: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The file's format as detected from its bytes, not its name. */
  format: z.enum(['xlsx', 'xls', 'csv']),
  /** For a CSV: the text encoding detected. */
  encoding: z.enum(['utf-8', 'gb18030']).nullable(),
  sheet: z.string(),
  headerRow: z.number().int().nonnegative(),
  /** The headers found in the header row, in order (what a mapping picks from). */
  headers: z.array(z.string()),
  /** The mapping used ('标准模板' when the headers are the standard ones); null when the columns could not be matched. */
  mapping: z.string().nullable(),
  /** Fields whose column was not found: the person maps them (nothing is checked until they are). */
  unmapped: z.array(z.string()),
  rows: z.number().int().nonnegative(),
  households: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  /** Rows already on file exactly (the same person on the same household with the same application): nothing to add. */
  unchanged: z.number().int().nonnegative(),
  refused: z.array(RowRefusal),
  /** What the run added (all zero for a check, and for a file imported before). */
  added: z.object({ households: z.number().int().nonnegative(), members: z.number().int().nonnegative(), cases: z.number().int().nonnegative() }),
  written: z.boolean(),
  /** Names the checked file for `imports.run` and the refusal list, while this desk is running. */
  token: z.string(),
});
export type ImportReport = z.infer<typeof ImportReport>;

const Token = z.string().min(1).max(80);

export const importArgs = {
  check: z
    .object({
      fileName: z.string().trim().min(1).max(255),
      /** The file's bytes, base64 (the renderer reads the chosen file; the limit is checked before and after). */
      contentBase64: z.string().max(Math.ceil((20 * 1024 * 1024 * 4) / 3) + 4, '文件超过 20 MB，请分成几个文件导入'),
      /** A saved mapping by name, or columns given for this check (the mapping screen's preview). */
      mapping: z.union([z.object({ name: MappingName }).strict(), z.object({ columns: ImportColumns }).strict()]).optional(),
    })
    .strict(),
  run: z.object({ token: Token }).strict(),
  refusals: z.object({ token: Token }).strict(),
  saveMapping: z.object({ name: MappingName, columns: ImportColumns }).strict(),
  deleteMapping: z.object({ name: MappingName }).strict(),
} as const;

export const ImportProgress = z.object({ phase: z.enum(['read', 'check', 'write']), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });
export type ImportProgress = z.infer<typeof ImportProgress>;
