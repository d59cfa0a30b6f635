// One cell of an import read as the field it is mapped to, or the Chinese reason it cannot be. A number
// cell standing for an ID is refused unless it is a whole 15-digit number: an 18-digit ID as a number has
// lost its last digits (4.30188E+17), and guessing them back would put a payment on the wrong person.
import { normaliseCitizenId } from '../citizen-id';
import { caseCategoryLabels, caseKindLabels } from '../glossary';
import { parseYuan } from '../money';
import type { CaseCategory, CaseKind, Relation } from '../domain';
import type { SheetCell } from './sheet';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
const refuse = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** The relation words of the template, and the everyday ones people type instead. */
const relationWords: Record<string, Relation> = {
  本人: 'self', 户主: 'self',
  配偶: 'spouse', 妻: 'spouse', 妻子: 'spouse', 夫: 'spouse', 丈夫: 'spouse',
  子女: 'child', 子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child', 长子: 'child', 次子: 'child', 长女: 'child', 次女: 'child',
  父母: 'parent', 父亲: 'parent', 母亲: 'parent', 父: 'parent', 母: 'parent',
  兄弟姐妹: 'sibling', 兄: 'sibling', 弟: 'sibling', 姐: 'sibling', 妹: 'sibling', 哥哥: 'sibling', 弟弟: 'sibling', 姐姐: 'sibling', 妹妹: 'sibling',
  祖父母: 'grandparent', '祖父母/外祖父母': 'grandparent', 外祖父母: 'grandparent', 祖父: 'grandparent', 祖母: 'grandparent', 外祖父: 'grandparent', 外祖母: 'grandparent',
  孙子女: 'grandchild', '孙子女/外孙子女': 'grandchild', 外孙子女: 'grandchild', 孙子: 'grandchild', 孙女: 'grandchild', 外孙子: 'grandchild', 外孙女: 'grandchild',
  其他: 'other',
};

const categoryWords: Record<string, CaseCategory> = {
  ...Object.fromEntries(Object.entries(caseCategoryLabels).map(([k, v]) => [v, k as CaseCategory])),
  特困: 'tekun', 特困供养: 'tekun', 低保: 'dibao', 低保边缘: 'dibao_edge', 刚性支出困难: 'rigid_expense', 防返贫监测对象: 'anti_relapse',
};
const kindWords: Record<string, CaseKind> = Object.fromEntries(Object.entries(caseKindLabels).map(([k, v]) => [v, k as CaseKind]));

export const relationChoices = '本人、配偶、子女、父母、兄弟姐妹、祖父母、孙子女、其他';

/**
 * A cell as text, or why it cannot be read as text: a formula (its cached value may be stale, and an ID
 * made by a formula is not what was keyed in) or an error value. One leading apostrophe, Excel's "this is
 * text" mark that survives in CSV, is dropped.
 */
export function textOf(cell: SheetCell): Read<string> {
  switch (cell.kind) {
    case 'empty':
      return { ok: true, value: '' };
    case 'text': {
      const t = cell.text.replace(/^'/, '').trim();
      if (/^[=＝]/.test(t)) return refuse(`单元格内容“${t.slice(0, 20)}”以等号开头，像是公式；请填写数值或文字本身`);
      return { ok: true, value: t };
    }
    case 'number':
      return { ok: true, value: Number.isSafeInteger(cell.value) ? String(cell.value) : cell.shown.trim() };
    case 'date':
      return { ok: true, value: cell.iso };
    case 'bool':
      return { ok: true, value: cell.value ? 'TRUE' : 'FALSE' };
    case 'formula':
      return refuse(`单元格是公式（=${cell.formula.slice(0, 30)}），导入只接受数值或文字；请在表格中复制该列，“选择性粘贴为数值”后再导入`);
    case 'error':
      return refuse(`单元格显示错误值 ${cell.shown}，请先在表格中改正`);
    default: {
      const never: never = cell;
      return never;
    }
  }
}

const sciNotation = /^\d+(\.\d+)?E\+?\d+$/i;

function idDigitsLost(shown: string): string {
  return `身份证号被存成了数字，显示为科学计数法 ${shown}，后几位已经丢失，无法还原；请在原表中把这一列设为“文本”后重新导出，或在号码前加英文单引号 ' 再导入`;
}

/** A citizen ID cell, normalised to 18 characters (a 15-digit one upgraded), `today` bounding the birth date. */
export function citizenIdOf(cell: SheetCell, today: string): Read<string> {
  if (cell.kind === 'number') {
    if (!(Number.isSafeInteger(cell.value) && String(cell.value).length === 15)) return refuse(idDigitsLost(cell.shown || String(cell.value)));
  }
  const text = textOf(cell);
  if (!text.ok) return text;
  const raw = text.value.normalize('NFKC').replace(/\s+/g, '');
  if (raw === '') return refuse('请填写身份证号');
  if (sciNotation.test(raw)) return refuse(idDigitsLost(raw));
  const id = normaliseCitizenId(raw, today);
  // The number itself stays out of the message: the refusal list is a file that travels.
  return id.ok ? { ok: true, value: id.id } : refuse(`身份证号有误：${id.message}`);
}

function required(cell: SheetCell, what: string): Read<string> {
  const t = textOf(cell);
  if (!t.ok) return t;
  return t.value === '' ? refuse(`请填写${what}`) : t;
}

export function relationOf(cell: SheetCell): Read<Relation> {
  const t = required(cell, '与户主关系');
  if (!t.ok) return t;
  const r = relationWords[t.value.normalize('NFKC').replace(/\s+/g, '')];
  return r ? { ok: true, value: r } : refuse(`与户主关系“${t.value}”不在可选范围内，应为${relationChoices}之一`);
}

export function categoryOf(cell: SheetCell): Read<CaseCategory> {
  const t = required(cell, '救助类别');
  if (!t.ok) return t;
  const c = categoryWords[t.value.replace(/\s+/g, '')];
  return c ? { ok: true, value: c } : refuse(`救助类别“${t.value}”不是可选的类别，应为${Object.values(caseCategoryLabels).join('、')}之一`);
}

export function kindOf(cell: SheetCell): Read<CaseKind> {
  const t = required(cell, '事项');
  if (!t.ok) return t;
  const k = kindWords[t.value.normalize('NFKC').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）')];
  return k ? { ok: true, value: k } : refuse(`事项“${t.value}”不是可选的事项，应为${Object.values(caseKindLabels).join('、')}之一`);
}

function isoOf(y: number, m: number, d: number): string | null {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(iso) ? iso : null;
}

/** 2026-11-05, 2026/11/5, 2026.11.5, 2026年11月5日 or a date cell. */
export function dateOf(cell: SheetCell, what = '申请日期'): Read<string> {
  if (cell.kind === 'date') return { ok: true, value: cell.iso };
  if (cell.kind === 'number') return refuse(`${what}是一个数字（${cell.shown}），不是日期；请写成 2026-11-05 或 2026年11月5日，或设为日期格式`);
  const t = required(cell, what);
  if (!t.ok) return t;
  const s = t.value.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
  const iso = m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!m) return refuse(`${what}“${t.value}”看不懂，请写成 2026-11-05 或 2026年11月5日`);
  return iso ? { ok: true, value: iso } : refuse(`${what}“${t.value}”没有这一天，请检查年月日`);
}

/** An amount in 元 (a number cell or text such as 1,234.50), in fen; at most two decimals, never negative. */
export function yuanOf(cell: SheetCell, what = '家庭月总收入'): Read<number> {
  const bad = (shown: string, why: string) => refuse(`${what}的金额“${shown}”${why}：应为不小于 0 的数字（元），最多两位小数`);
  if (cell.kind === 'number') {
    const fen = Math.round(cell.value * 100);
    if (cell.value < 0) return bad(cell.shown, '是负数');
    if (Math.abs(cell.value * 100 - fen) > 1e-6) return bad(cell.shown, '超过两位小数');
    if (fen > 100_000_000_00) return bad(cell.shown, '过大');
    return { ok: true, value: fen };
  }
  const t = required(cell, what);
  if (!t.ok) return t;
  if (/^[-－]/.test(t.value.trim())) return bad(t.value, '是负数');
  const parsed = parseYuan(t.value);
  if (!parsed.ok) return bad(t.value, parsed.code === 'money-too-large' ? '过大' : '无效');
  if (parsed.fen > 100_000_000_00) return bad(t.value, '过大');
  return { ok: true, value: parsed.fen };
}

/** A 12-digit community code (a number cell of 12 digits is exact and accepted). */
export function communityCodeOf(cell: SheetCell): Read<string> {
  const t = required(cell, '社区代码');
  if (!t.ok) return t;
  const s = t.value.normalize('NFKC').replace(/\s+/g, '');
  return /^\d{12}$/.test(s) ? { ok: true, value: s } : refuse(`社区代码“${t.value}”应为 12 位数字的区划代码`);
}

export { required as requiredText };
