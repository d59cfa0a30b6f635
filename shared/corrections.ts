// Corrections (整改) both ways (issue 17 item 2): the bureau orders one on a case it found wrong in a spot
// check; the street receives it (the kind of finding and the requirement, never the inspectors' notes),
// answers with what it did (text, and the case it opened or the decision it made), and the bureau's chief
// accepts the answer (the correction is done) or returns it with a note (the correction is open again).
import { z } from 'zod';
import { Finding, IsoDate } from './domain';
import { correctionStatusLabels } from './glossary';
import { keysOf } from './domain';
import { missingCase } from './result';

const Id = z.string().min(1).max(64);
export const CorrectionStatus = z.enum(keysOf(correctionStatusLabels));
export type CorrectionStatus = z.infer<typeof CorrectionStatus>;
export const AnswerReview = z.enum(['pending', 'accepted', 'returned']);
export type AnswerReview = z.infer<typeof AnswerReview>;
export const answerReviewLabels: Record<AnswerReview, string> = { pending: '待审核', accepted: '已通过', returned: '已退回' };
export const AskedCaseKind = z.enum(['re_review', 'termination']);
export type AskedCaseKind = z.infer<typeof AskedCaseKind>;

export const correctionArgs = {
  list: z.object({}).strict(),
  answer: z
    .object({
      correctionId: Id,
      answeredOn: IsoDate,
      answer: z.string().trim().min(1, '请写明整改情况').max(1000, '整改情况不能超过 1000 字'),
      caseId: Id.nullable().optional(),
      decisionId: Id.nullable().optional(),
    })
    .strict(),
  review: z
    .object({
      answerId: Id,
      verdict: z.enum(['accepted', 'returned']),
      note: z.string().trim().max(500, '审核意见不能超过 500 字'),
    })
    .strict()
    .refine((r) => r.verdict === 'accepted' || r.note.length > 0, { message: '退回时请写明退回的理由', path: ['note'] }),
} as const;
export type CorrectionArgs = { [K in keyof typeof correctionArgs]: z.output<(typeof correctionArgs)[K]> };

export const CorrectionAnswerView = z.object({
  id: z.string(),
  answeredOn: IsoDate,
  /** The day the answer was recorded at the desk (answeredOn is the day the street gives, which may be earlier). */
  recordedOn: IsoDate,
  answer: z.string(),
  answeredBy: z.string(),
  /** The case it names (opened for the correction, or the one it decided on), shown by its number. */
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  decisionId: z.string().nullable(),
  /** e.g. "2026年12月第1期会议：同意". */
  decisionLabel: z.string().nullable(),
  review: AnswerReview,
  reviewNote: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedOn: IsoDate.nullable(),
});
export type CorrectionAnswerView = z.infer<typeof CorrectionAnswerView>;

/** A correction as the street office sees it: what it must do and by when, never how the bureau found it. */
export const StreetCorrection = z.object({
  id: z.string(),
  streetCode: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  householdId: z.string(),
  householdHead: z.string(),
  communityName: z.string(),
  finding: Finding,
  findingLabel: z.string(),
  requirement: z.string(),
  orderedOn: IsoDate,
  deadline: IsoDate,
  asksCaseKind: AskedCaseKind.nullable(),
  status: CorrectionStatus,
  overdue: z.boolean(),
  result: z.string(),
  closedOn: IsoDate.nullable(),
  /** The 复核/停保 case opened from it (`opened_for = correction:<id>`), if any. */
  openedCase: z
    .object({
      caseId: z.string(),
      caseNo: z.string(),
      status: z.string(),
      /** The decision a closed meeting made on it, which the answer may name. */
      decision: z.object({ id: z.string(), label: z.string() }).nullable(),
    })
    .nullable(),
  answers: z.array(CorrectionAnswerView),
});
export type StreetCorrection = z.infer<typeof StreetCorrection>;

/**
 * Overdue on both sides: not done, and the street is late. While an answer awaits the bureau's review the
 * street has done its part, so it is late only if that answer reached the bureau after the deadline: the
 * later of the day the street gives and the day it was recorded, so a backdated answer is still late. An
 * open one (never answered, or returned) is late once the deadline has passed.
 */
export function isOverdue(c: { deadline: string; status: CorrectionStatus; answers: readonly { answeredOn: string; recordedOn: string }[] }, today: string): boolean {
  switch (c.status) {
    case 'done':
      return false;
    case 'answered': {
      const last = c.answers[c.answers.length - 1];
      if (last === undefined) return c.deadline < today;
      return (last.recordedOn > last.answeredOn ? last.recordedOn : last.answeredOn) > c.deadline;
    }
    case 'open':
      return c.deadline < today;
    default:
      return missingCase(c.status, 'correction status');
  }
}

/** The `openedFor` a 复核/停保 case opened from a correction carries (shared/review-case.ts). */
export const correctionSource = (correctionId: string) => `correction:${correctionId}`;

/** The correction an `openedFor` names, or null when it names none (a due item, or another shape). */
export const correctionOfSource = (openedFor: string): string | null => /^correction:([^:]+)$/.exec(openedFor)?.[1] ?? null;
