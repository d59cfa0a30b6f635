// The provincial exchange's standard template (导入模板): one row per person, these headers exactly. Rows
// with the same 户主身份证号 are one household. Other layouts are read through a saved mapping (列对应),
// which names, for each field here, the header of the column that holds it in that layout.
import { z } from 'zod';

export const importFieldHeaders = {
  communityCode: '社区代码',
  headCitizenId: '户主身份证号',
  name: '姓名',
  citizenId: '身份证号',
  relation: '与户主关系',
  category: '救助类别',
  kind: '事项',
  appliedOn: '申请日期',
  monthlyIncome: '家庭月总收入（元）',
  phone: '联系电话',
  address: '家庭住址',
} as const;

export type ImportField = keyof typeof importFieldHeaders;
export const importFields = Object.keys(importFieldHeaders) as ImportField[];
export const standardHeaders: readonly string[] = importFields.map((f) => importFieldHeaders[f]);

/** A layout's columns: for each field, the header text of the column holding it. */
export const ImportColumns = z.object(Object.fromEntries(importFields.map((f) => [f, z.string().trim().min(1, `请为“${importFieldHeaders[f]}”选择一列`).max(60)])) as Record<ImportField, z.ZodString>).strict();
export type ImportColumns = Record<ImportField, string>;

export const MappingName = z.string().trim().min(1, '请给这个对应关系起个名字').max(40, '名字不能超过 40 个字');

export const ImportMapping = z.object({ name: MappingName, columns: ImportColumns, savedAt: z.string(), savedBy: z.string() });
export type ImportMapping = z.infer<typeof ImportMapping>;

/**
 * A new household's area from its community: the template has no column for it, and a 村 (village
 * committee) is rural, a 社区 (residents' committee) urban. The record shows it and it can be edited.
 */
export function areaTypeOfCommunity(communityName: string): 'urban' | 'rural' {
  return communityName.endsWith('村') ? 'rural' : 'urban';
}

/** The standard template's own mapping: every field under its standard header. */
export const standardColumns: ImportColumns = Object.fromEntries(importFields.map((f) => [f, importFieldHeaders[f]])) as ImportColumns;
