// One window of the cases grid (issue 20): the service filters, searches and sorts in SQLite and answers
// only the rows asked for, with the counts the footer shows, so the renderer never holds the district.
import { z } from 'zod';
import { CaseListQuery, CaseRow } from './domain';

/** The grid's sortable columns, each sorted at the service (names and streets in pinyin order). */
export const CaseSortColumn = z.enum(['caseNo', 'streetName', 'communityCode', 'headName', 'householdSize', 'category', 'kind', 'status', 'appliedOn', 'amount']);
export type CaseSortColumn = z.infer<typeof CaseSortColumn>;

export const CaseSort = z.object({ column: CaseSortColumn, direction: z.enum(['asc', 'desc']) }).strict();
export type CaseSort = z.infer<typeof CaseSort>;

/** Most rows one answer may hold; a window of 500 rows is about 200 KB of JSON, well under the 1 MB cap. */
export const CASE_WINDOW_MAX = 500;
/** No one answer over this many bytes of JSON: the service sends fewer rows rather than more bytes. */
export const CASE_WINDOW_MAX_BYTES = 1_000_000;

export const CaseWindowArgs = z
  .object({
    query: CaseListQuery,
    sort: CaseSort,
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(CASE_WINDOW_MAX),
    /** A case whose place in this order is wanted (the selected row, kept across a filter or a sort). */
    locate: z.string().max(100).optional(),
  })
  .strict();
export type CaseWindowArgs = z.infer<typeof CaseWindowArgs>;

export const CaseWindow = z.object({
  /** Cases matching the whole query. */
  total: z.number().int().nonnegative(),
  /** Cases of the street (or the jurisdiction) before community, category, status and search: "显示 total / scopeTotal". */
  scopeTotal: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  /** From `offset` on, in order; fewer than asked at the end, or when the byte cap is reached. */
  rows: z.array(CaseRow),
  /** Where `locate` stands in this order, or null when it does not match (or none was asked). */
  position: z.number().int().nonnegative().nullable(),
});
export type CaseWindow = z.infer<typeof CaseWindow>;
