// A 复核 or 停保 case opened in one step from what fell due (the calendar, 到期) or from a correction the
// bureau ordered (整改): it goes straight onto the street's next agenda. `openedFor` names the source so
// the same due item or correction cannot open two cases while one is pending.
import { z } from 'zod';

export const OpenedFor = z
  .string()
  .regex(/^(due|correction):[A-Za-z0-9:_.-]{1,160}$/, '来源标识无效');

export const reviewCaseArgs = {
  open: z
    .object({
      householdId: z.string().min(1).max(64),
      kind: z.enum(['re_review', 'termination']),
      reason: z.string().trim().min(1, '请写明事由').max(300, '事由不能超过 300 个字'),
      openedFor: OpenedFor,
    })
    .strict(),
} as const;
export type ReviewCaseArgs = z.output<(typeof reviewCaseArgs)['open']>;

export const ReviewCaseResult = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  /** The draft meeting it was put on, when the street has one; else it waits for the next meeting's agenda. */
  meetingId: z.string().nullable(),
  meetingLabel: z.string().nullable(),
});
export type ReviewCaseResult = z.infer<typeof ReviewCaseResult>;
