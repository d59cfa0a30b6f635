// Domain enumerations, record types and their zod schemas. The enum values come from the glossary's
// label maps so a value cannot exist in code without a Chinese label.
import { z } from 'zod';
import {
  areaTypeLabels,
  assistanceStatusLabels,
  attendanceLabels,
  caseCategoryLabels,
  caseKindLabels,
  caseStatusLabels,
  committeePositionLabels,
  findingLabels,
  genderLabels,
  inspectionMethodLabels,
  meetingStatusLabels,
  noticeStatusLabels,
  outcomeLabels,
  relationLabels,
  seedSourceLabels,
  userRoleLabels,
} from './glossary';

/** The identifiers of a glossary label map, as a zod enum wants them. */
export function keysOf<T extends Record<string, string>>(labels: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
}

export const CaseCategory = z.enum(keysOf(caseCategoryLabels));
export type CaseCategory = z.infer<typeof CaseCategory>;
export const CaseKind = z.enum(keysOf(caseKindLabels));
export type CaseKind = z.infer<typeof CaseKind>;
export const CaseStatus = z.enum(keysOf(caseStatusLabels));
export type CaseStatus = z.infer<typeof CaseStatus>;
export const AssistanceStatus = z.enum(keysOf(assistanceStatusLabels));
export type AssistanceStatus = z.infer<typeof AssistanceStatus>;
export const CommitteePosition = z.enum(keysOf(committeePositionLabels));
export type CommitteePosition = z.infer<typeof CommitteePosition>;
export const UserRole = z.enum(keysOf(userRoleLabels));
export type UserRole = z.infer<typeof UserRole>;
export const MeetingStatus = z.enum(keysOf(meetingStatusLabels));
export type MeetingStatus = z.infer<typeof MeetingStatus>;
export const Attendance = z.enum(keysOf(attendanceLabels));
export type Attendance = z.infer<typeof Attendance>;
export const Outcome = z.enum(keysOf(outcomeLabels));
export type Outcome = z.infer<typeof Outcome>;
export const NoticeStatus = z.enum(keysOf(noticeStatusLabels));
export type NoticeStatus = z.infer<typeof NoticeStatus>;
export const Finding = z.enum(keysOf(findingLabels));
export type Finding = z.infer<typeof Finding>;
export const InspectionMethod = z.enum(keysOf(inspectionMethodLabels));
export type InspectionMethod = z.infer<typeof InspectionMethod>;
export const SeedSource = z.enum(keysOf(seedSourceLabels));
export type SeedSource = z.infer<typeof SeedSource>;
export const Relation = z.enum(keysOf(relationLabels));
export type Relation = z.infer<typeof Relation>;
export const AreaType = z.enum(keysOf(areaTypeLabels));
export type AreaType = z.infer<typeof AreaType>;
export const Gender = z.enum(keysOf(genderLabels));
export type Gender = z.infer<typeof Gender>;

/** Cases a leading group still has to decide: new, or deferred at an earlier meeting. */
export const pendingCaseStatuses: readonly CaseStatus[] = ['pending', 'deferred'];

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '应为“年-月-日”格式的日期，如 2026-11-22')
  // 2026-02-30 has the form of a date but is none: refused, not rolled over to March.
  // Only a string of the right form is checked for the day, so a malformed one gets one message, not two.
  .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || (!Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)), '没有这一天，请检查年月日');
export const IsoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为“年-月”格式的月份，如 2026-11');
export const DivisionCodeString = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '区划代码应为 6、9 或 12 位数字');
export const Fen = z.number().int('金额必须是整数（分）').nonnegative('金额不能为负数');

export const RegionLevel = z.enum(['district', 'street', 'community']);
export type RegionLevel = z.infer<typeof RegionLevel>;

export const Region = z.object({
  code: DivisionCodeString,
  name: z.string().min(1),
  level: RegionLevel,
  parentCode: DivisionCodeString.nullable(),
});
export type Region = z.infer<typeof Region>;

export const SessionUser = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  name: z.string().min(1),
  role: UserRole,
  regionCode: DivisionCodeString,
  regionName: z.string(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** One row of the cases grid. Deliberately carries no ID number, phone or address. */
export const CaseRow = z.object({
  id: z.string(),
  caseNo: z.string(),
  streetCode: DivisionCodeString,
  streetName: z.string(),
  communityCode: DivisionCodeString,
  communityName: z.string(),
  headName: z.string(),
  /** When a search matched another member of the household, not the head: that member's name. */
  matchedMemberName: z.string().nullable(),
  householdSize: z.number().int().nonnegative(),
  category: CaseCategory,
  kind: CaseKind,
  status: CaseStatus,
  appliedOn: IsoDate,
  proposedAmountFen: Fen.nullable(),
  decidedOn: IsoDate.nullable(),
  decidedAmountFen: Fen.nullable(),
  closeRelative: z.boolean(),
  complaint: z.boolean(),
});
export type CaseRow = z.infer<typeof CaseRow>;

export const CaseListQuery = z
  .object({
    /** Narrows a district user's list to one street; never widens a street user's. */
    streetCode: z.string().regex(/^\d{9}$/, '街道代码应为 9 位数字').optional(),
    communityCode: DivisionCodeString.optional(),
    category: CaseCategory.optional(),
    status: CaseStatus.optional(),
    /** Any member's name, a case number, or a whole ID or mobile number; full-width digits count. */
    search: z.string().max(50, '搜索内容不能超过 50 个字').optional(),
  })
  .strict();
export type CaseListQuery = z.infer<typeof CaseListQuery>;

