// A first guess at a layout's columns, for the mapping step to start from: the names the provincial
// 社会救助信息系统 and the usual street spreadsheets give each field. The person still looks at every
// choice and saves it; a guess is never used to read a file unconfirmed.
import { importFieldHeaders, importFields, type ImportField } from './fields';
import { headerKey } from './layout';

const otherNames: Record<ImportField, readonly string[]> = {
  communityCode: ['所属社区代码', '社区编码', '所属社区编码', '社区（村）代码', '村（社区）代码', '区划代码', '村居代码'],
  headCitizenId: ['户主证件号码', '户主身份证号码', '户主公民身份号码', '户主身份证'],
  name: ['成员姓名', '家庭成员姓名', '人员姓名', '申请人姓名'],
  citizenId: ['证件号码', '成员证件号码', '身份证号码', '公民身份号码', '成员身份证号', '身份证'],
  relation: ['与户主的关系', '家庭关系', '关系'],
  category: ['保障类别', '人员类别', '救助类型', '对象类别'],
  kind: ['业务类型', '申请事项', '办理事项', '业务事项'],
  appliedOn: ['申请时间', '受理日期', '申请日期（年月日）'],
  monthlyIncome: ['家庭月收入（元）', '家庭月收入', '月总收入（元）', '家庭月总收入', '申报月收入（元）'],
  phone: ['联系方式', '电话', '联系电话号码', '手机号码'],
  address: ['居住地址', '住址', '现住址', '家庭地址'],
};

/** For each field a header of the file that looks like it, each header used once; '' where none does. */
export function suggestColumns(headers: readonly string[]): Record<ImportField, string> {
  const byKey = new Map(headers.map((h) => [headerKey(h), h] as const));
  const used = new Set<string>();
  const out = {} as Record<ImportField, string>;
  for (const f of importFields) {
    const names = [importFieldHeaders[f], ...otherNames[f]];
    const hit = names.map((n) => byKey.get(headerKey(n))).find((h): h is string => h !== undefined && !used.has(h)) ?? '';
    if (hit) used.add(hit);
    out[f] = hit;
  }
  return out;
}
