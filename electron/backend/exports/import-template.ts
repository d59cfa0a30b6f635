// 导入模板: the standard import template, an empty sheet under the standard headers (shared/import/
// fields.ts, exactly) and a second sheet, 填写说明, saying what each column takes and the words allowed.
// ID and code columns are formatted as Text, so an 18-digit ID typed or pasted in keeps every digit;
// the amount column is a number of 元. It holds no example row: a forgotten example would be imported.
import { caseCategoryLabels, caseKindLabels } from '../../../shared/glossary';
import { importFieldHeaders, importFields, standardHeaders, type ImportField } from '../../../shared/import/fields';
import type { SavedFile } from '../../../shared/saved-file';
import { saveWorkbook, type ColumnKind, type Sheet } from '../spreadsheet/xlsx-write';

/** 与户主关系 as the template takes it: the words of a household register (户口簿). */
export const templateRelationWords = ['本人', '配偶', '子女', '父母', '兄弟姐妹', '祖父母', '孙子女', '其他'] as const;

const words = (list: readonly string[]) => list.join('、');

type Guide = { kind: ColumnKind; width: number; rule: string; allowed: string };

// A Record over every field: a field added to the standard template does not compile until it is explained here.
const guide: Record<ImportField, Guide> = {
  communityCode: { kind: 'text', width: 14, rule: '申请人所在社区（村）的 12 位统计用区划代码', allowed: '12 位数字，如 430188001001' },
  headCitizenId: { kind: 'text', width: 21, rule: '这一户户主的身份证号；同一户的每个人都填同一个户主身份证号，表格据此把各行归为一户', allowed: '18 位，最后一位可以是 X' },
  name: { kind: 'text', width: 10, rule: '这一行家庭成员的姓名，与身份证一致', allowed: '如 张三、阿卜杜·热合曼' },
  citizenId: { kind: 'text', width: 21, rule: '这一行家庭成员本人的身份证号；户主本人这一行与“户主身份证号”相同', allowed: '18 位，最后一位可以是 X' },
  relation: { kind: 'text', width: 11, rule: '这一行家庭成员与户主的关系；户主本人填“本人”，每户只有一个“本人”', allowed: words(templateRelationWords) },
  category: { kind: 'text', width: 18, rule: '申请的救助类别；同一户的各行填写相同', allowed: words(Object.values(caseCategoryLabels)) },
  kind: { kind: 'text', width: 13, rule: '申请的事项；同一户的各行填写相同', allowed: words(Object.values(caseKindLabels)) },
  appliedOn: { kind: 'date', width: 12, rule: '受理申请的日期；同一户的各行填写相同', allowed: '2026-11-05 或 2026年11月5日' },
  monthlyIncome: { kind: 'yuan', width: 18, rule: '全家每月总收入，单位元，最多两位小数；同一户的各行填写相同', allowed: '如 1850 或 1850.50，没有收入填 0' },
  phone: { kind: 'text', width: 14, rule: '家庭联系电话；同一户的各行填写相同', allowed: '手机号 11 位，或带区号的固定电话，如 0731-88886666' },
  address: { kind: 'text', width: 30, rule: '家庭住址；同一户的各行填写相同', allowed: '如 望江路 12 号 3 栋 401 室' },
};

export const TEMPLATE_SHEET = '导入数据';
export const GUIDE_SHEET = '填写说明';

export function importTemplateSheets(): Sheet[] {
  const data: Sheet = { name: TEMPLATE_SHEET, columns: importFields.map((f) => ({ header: importFieldHeaders[f], width: guide[f].width, kind: guide[f].kind })), rows: [] };
  if (data.columns.some((c, k) => c.header !== standardHeaders[k])) throw new Error('the template must carry the standard headers in their order');
  const notes: Sheet = {
    name: GUIDE_SHEET,
    columns: [
      { header: '列名', width: 20, kind: 'text' },
      { header: '填写要求', width: 60, kind: 'text' },
      { header: '可以填写的内容', width: 64, kind: 'text' },
    ],
    rows: [
      ['（整张表）', `在“${TEMPLATE_SHEET}”表中每个家庭成员填一行，第一行的列名不要改动、删除或调换顺序；同一户的成员填写相同的户主身份证号`, '每户至少一行（户主本人）'],
      ...importFields.map((f) => [importFieldHeaders[f], guide[f].rule, guide[f].allowed]),
    ],
  };
  return [data, notes];
}

export function writeImportTemplate(path: string): SavedFile {
  return saveWorkbook(path, importTemplateSheets(), '社会救助对象导入模板');
}

export const IMPORT_TEMPLATE_FILE = '导入模板.xlsx';
