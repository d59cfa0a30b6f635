// The office behind a region: what a notice, a standing list or a case list prints as its issuer, where
// an objection is brought, and which hotlines it publishes. Kept on the region record at the centre and
// synced, so that each street's documents are signed by that street and every desk prints the same.
import { z } from 'zod';
import { DivisionCodeString, RegionLevel } from './domain';

/** A hotline an office publishes, e.g. 民政服务热线 12349 or 政务服务便民热线 12345. */
export const Hotline = z
  .object({
    label: z.string().trim().min(1, '请填写热线名称').max(20, '热线名称不能超过 20 个字'),
    number: z.string().trim().regex(/^\d{3,12}$/, '热线号码应为 3 至 12 位数字'),
  })
  .strict();
export type Hotline = z.infer<typeof Hotline>;

export const MAX_HOTLINES = 4;

/** An office's details as they are kept on its region. */
export const OfficeDetails = z
  .object({
    /** The name as printed, e.g. 麓山区望江街道办事处 or 莲湖镇人民政府. */
    name: z.string().trim().min(1, '请填写单位名称').max(60, '单位名称不能超过 60 个字'),
    address: z.string().trim().max(120, '地址不能超过 120 个字'),
    phone: z
      .string()
      .trim()
      .max(40, '电话不能超过 40 个字符')
      .regex(/^[\d\s()（）+\-—、/]*$/u, '电话只能含数字、空格、括号、加号和连字符'),
    hotlines: z.array(Hotline).max(MAX_HOTLINES, `热线最多 ${MAX_HOTLINES} 条`),
  })
  .strict()
  .refine((o) => new Set(o.hotlines.map((h) => h.number)).size === o.hotlines.length, { message: '同一热线号码不能重复填写', path: ['hotlines'] });
export type OfficeDetails = z.infer<typeof OfficeDetails>;

/** An office as the 设置 screen shows it, with who changed it last (synced with the region, so every desk knows). */
export const OfficeView = z.object({
  code: DivisionCodeString,
  regionName: z.string(),
  level: RegionLevel,
  /** True when nobody has filled the details in yet and the name shown is the one derived from the region. */
  derived: z.boolean(),
  office: z.object({ name: z.string(), address: z.string(), phone: z.string(), hotlines: z.array(Hotline) }),
  changedBy: z.string().nullable(),
  changedAt: z.string().nullable(),
});
export type OfficeView = z.infer<typeof OfficeView>;

export const OfficeList = z.object({
  /** The signed-in user's own office: their street's, or the district bureau's. */
  own: OfficeView,
  /** Every street office the user may see: their own street, or all streets of the bureau's district. */
  streets: z.array(OfficeView),
  /** Whether this user may change the street offices' details (the district bureau). */
  canEdit: z.boolean(),
});
export type OfficeList = z.infer<typeof OfficeList>;

export const officeArgs = {
  list: z.object({}).strict(),
  update: z.object({ streetCode: z.string().regex(/^\d{9}$/, '请选择一个街道（乡镇）'), office: OfficeDetails }).strict(),
};

/** A town's (镇, township digits 100–199) government or a sub-district's office, by its division code. */
export function isTownCode(code: string): boolean {
  return code.length === 9 && Number(code.slice(6, 9)) >= 100 && Number(code.slice(6, 9)) < 200;
}

/**
 * The printed name when none is kept: 望江街道 → 望江街道办事处, 莲湖镇 → 莲湖镇人民政府, 麓山区 → 麓山区民政局.
 * A region synced before anyone filled in its office still signs with its own name, never another's.
 */
export function derivedOfficeName(region: { code: string; name: string; level: z.infer<typeof RegionLevel> }): string {
  switch (region.level) {
    case 'district':
      return `${region.name}民政局`;
    case 'street':
      if (region.name.endsWith('办事处') || region.name.endsWith('人民政府')) return region.name;
      return isTownCode(region.code) ? `${region.name}人民政府` : `${region.name}办事处`;
    case 'community':
      return region.name.endsWith('村') ? `${region.name}村民委员会` : `${region.name}居民委员会`;
    default: {
      const never: never = region.level;
      throw new Error(`unknown region level ${String(never)}`);
    }
  }
}

export { hotlineClause } from './notice-text';
