// 受理: an application taken in by street staff, for a household already on file or a new one with its
// members. The rules here are the service's (the desk and the centre both run them through the command):
// every citizen ID checked to GB 11643 (a 15-digit one upgraded to 18), sex and birth date derived from
// it, exactly one 户主, no ID twice; and a new household applies only for what a new household can.
import { z } from 'zod';
import { normaliseCitizenId } from './citizen-id';
import { AreaType, CaseCategory, CaseKind, IsoDate, keysOf, Relation, type Gender } from './domain';
import { caseDocumentLabels, relativesDeclarationLabels } from './glossary';

export const CaseDocumentKind = z.enum(keysOf(caseDocumentLabels));
export type CaseDocumentKind = z.infer<typeof CaseDocumentKind>;
export const RelativesDeclaration = z.enum(keysOf(relativesDeclarationLabels));
export type RelativesDeclaration = z.infer<typeof RelativesDeclaration>;

const Id = z.string().min(1).max(64);
const Text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const Required = (what: string, max: number) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);

export const IntakeMember = z
  .object({
    name: Required('姓名', 20),
    /** As typed: 18 characters, or a first-generation 15-digit number. */
    citizenId: z.string().trim().min(15, '身份证号码应为 18 位（或第一代的 15 位）').max(18, '身份证号码应为 18 位（或第一代的 15 位）'),
    relation: Relation,
    occupation: Text(40).default(''),
    health: Text(60).default(''),
    disability: Text(40).default(''),
  })
  .strict();
export type IntakeMember = z.infer<typeof IntakeMember>;

/** The most members a household is registered with, at 受理 and in an import. */
export const MAX_HOUSEHOLD_MEMBERS = 20;

export const NewHousehold = z
  .object({
    areaType: AreaType,
    address: Required('家庭住址', 120),
    phone: z.string().trim().regex(/^[0-9-]{7,20}$/, '联系电话只能含数字和“-”，7 至 20 位'),
    members: z.array(IntakeMember).min(1, '请至少登记一位家庭成员').max(MAX_HOUSEHOLD_MEMBERS, `一户最多登记 ${MAX_HOUSEHOLD_MEMBERS} 位成员`),
  })
  .strict();

export const intakeArgs = {
  apply: z
    .object({
      communityCode: z.string().regex(/^\d{12}$/, '请选择申请人所在的社区（村）'),
      kind: CaseKind,
      category: CaseCategory,
      appliedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为“年-月-日”格式的日期，如 2026-11-22'),
      reason: Required('申请事由', 300),
      /** The checklist of documents received, each with the day it came in. */
      documents: z.array(z.object({ kind: CaseDocumentKind, receivedOn: IsoDate }).strict()).max(20, '材料最多登记 20 项').default([]),
      /** The applicant's declaration of close relatives among staff or committee members (art. 11). */
      relativesDeclaration: RelativesDeclaration,
      relativesDeclarationNote: Text(200).default(''),
      /** 家庭月总收入 as the applicant declared it (the investigation finds the real figure), in fen. */
      declaredIncomeFen: z.number().int('金额必须是整数（分）').nonnegative('金额不能为负数').max(10_000_000_000, '金额过大').nullable().default(null),
      household: z.discriminatedUnion('on', [
        z.object({ on: z.literal('file'), householdId: Id }).strict(),
        z.object({ on: z.literal('new'), ...NewHousehold.shape }).strict(),
      ]),
    })
    .strict(),
} as const;
export type IntakeArgs = { [K in keyof typeof intakeArgs]: z.output<(typeof intakeArgs)[K]> };

/** What one application needs, however it arrived: typed at 受理, or a household of an import (which has no declaration to record). */
export type IntakeInput = Omit<IntakeArgs['apply'], 'relativesDeclaration'> & { relativesDeclaration: RelativesDeclaration | null };

/** A member as stored: the normalised ID and what it says about the person. */
export type CheckedMember = IntakeMember & { citizenId: string; gender: Gender; birthDate: string };

export type IntakeProblem = { field: string; message: string };

/** Kinds a household can apply for before it is on file: the others change an existing assistance. */
export const newHouseholdKinds: readonly CaseKind[] = ['new_application', 'temporary'];

/**
 * Checks the members of a new household (or ones joining a household on file, which has its 户主) against
 * the ID standard and each other, `today` bounding the birth dates. Either every member, normalised, or every problem, each naming the member and field.
 */
export function checkMembers(members: readonly IntakeMember[], today: string, options: { household: 'whole' | 'joining' } = { household: 'whole' }): { ok: true; members: CheckedMember[] } | { ok: false; problems: IntakeProblem[] } {
  const problems: IntakeProblem[] = [];
  const checked: CheckedMember[] = [];
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    const who = `第 ${i + 1} 位成员（${m.name}）`;
    const id = normaliseCitizenId(m.citizenId, today);
    if (!id.ok) {
      problems.push({ field: `members.${i}.citizenId`, message: `${who}的身份证号码有误：${id.message}` });
      return;
    }
    const twice = seen.get(id.id);
    if (twice !== undefined) problems.push({ field: `members.${i}.citizenId`, message: `${who}的身份证号码与第 ${twice + 1} 位成员相同` });
    seen.set(id.id, i);
    checked.push({ ...m, citizenId: id.id, gender: id.gender, birthDate: id.birthDate });
  });
  const heads = members.flatMap((m, i) => (m.relation === 'self' ? [i] : []));
  if (heads.length === 0 && options.household === 'whole') problems.push({ field: 'members', message: '请指定一位户主（与户主关系为“户主”的成员）' });
  if (heads.length > 1) problems.push({ field: `members.${heads[1]!}.relation`, message: `户主只能有一位：第 ${heads.map((h) => h + 1).join('、')} 位成员都登记为户主` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, members: checked };
}

export const IntakeResult = z.object({ caseId: z.string(), caseNo: z.string(), householdId: z.string(), householdNo: z.string() });
export type IntakeResult = z.infer<typeof IntakeResult>;
