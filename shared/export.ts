// Exports to .xlsx: the cases grid as filtered, a meeting's decisions in the layout staff re-enter into the
// provincial system, a notice batch, and a spot-check sample with its findings and corrections.
import { z } from 'zod';
import { CaseListQuery } from './domain';

const Id = z.string().min(1).max(64);

export const exportArgs = {
  cases: CaseListQuery,
  decisions: z.object({ meetingId: Id }).strict(),
  notice: z.object({ batchId: Id }).strict(),
  sample: z.object({ drawId: Id }).strict(),
  template: z.object({}).strict(),
} as const;

export const exportKinds = ['cases', 'decisions', 'notice', 'sample'] as const;
export type ExportKind = (typeof exportKinds)[number];
