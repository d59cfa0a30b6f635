import type { z } from 'zod';
import { fieldLabelOf } from '../../shared/field-labels';
import { missingCase } from '../../shared/result';

/** One readable line per problem: "amountFen: 金额必须是整数（分）". For logs and broken contracts, not people. */
export function zodMessage(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('；');
}

// The schemas' own messages are written in Chinese for the person at the form ("请填写异议内容");
// zod's defaults are English and name the field by its programme name, so those are rewritten here.
const CJK = /[\u3400-\u9fff]/u;
// A refused forged call may carry hundreds of issues; a person reads the first few.
const MAX_SHOWN = 3;

/** Parses a call's arguments so that a refusal can tell a missing field from a wrong one. */
export function parseArgs<S extends z.ZodType>(schema: S, raw: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(raw ?? {}, { reportInput: true });
}

/**
 * What a person reads when their input is refused: one Chinese sentence per problem, naming the field as
 * the form calls it ("金额过长：最多 20 位"), never a programme name or zod's English.
 */
export function argsErrorMessage(error: z.ZodError): string {
  const lines = [...new Set(error.issues.map(issueMessage))];
  const shown = lines.slice(0, MAX_SHOWN).join('；');
  return lines.length > MAX_SHOWN ? `${shown}；另有 ${lines.length - MAX_SHOWN} 处不符合要求` : shown;
}

/**
 * The same refusal field by field, for a form to show each message at its field: `field` is the path
 * of the argument ("household.members.1.citizenId"), as the form names its inputs.
 */
export function argsProblems(error: z.ZodError): { problems: FieldProblem[] } {
  return { problems: error.issues.slice(0, 50).map((i) => ({ field: i.path.map(String).join('.'), message: issueMessage(i) })) };
}

export type FieldProblem = { field: string; message: string };

type Issue = z.core.$ZodIssue;

function issueMessage(issue: Issue): string {
  const field = fieldLabelOf(issue.path);
  const known = typeof field === 'object' ? field : null;
  if (CJK.test(issue.message)) return withField(issue.message, known?.label ?? null);
  const name = known?.label ?? (field === 'top' ? '提交的内容' : '其中一项');
  const unit = known?.unit ?? '个字';
  // reportInput makes every issue carry what was given: nothing at all is a missing field, whatever it should have been.
  if ('input' in issue && issue.input === undefined && issue.code !== 'custom') return `缺少${name}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${name}的格式不对，应为${expectedText(issue.expected)}`;
    case 'too_big':
      switch (issue.origin) {
        case 'string':
          return `${name}过长：最多 ${String(issue.maximum)} ${unit}`;
        case 'number':
        case 'int':
        case 'bigint':
          return issue.inclusive === false ? `${name}应小于 ${String(issue.maximum)}` : `${name}不能大于 ${String(issue.maximum)}`;
        case 'array':
        case 'set':
          return `${name}最多 ${String(issue.maximum)} 项`;
        default:
          return `${name}过大`;
      }
    case 'too_small':
      switch (issue.origin) {
        case 'string':
          return Number(issue.minimum) <= 1 ? `请填写${name}` : `${name}过短：至少 ${String(issue.minimum)} ${unit}`;
        case 'number':
        case 'int':
        case 'bigint':
          return issue.inclusive === false ? `${name}应大于 ${String(issue.minimum)}` : `${name}不能小于 ${String(issue.minimum)}`;
        case 'array':
        case 'set':
          return `${name}至少要有 ${String(issue.minimum)} 项`;
        default:
          return `${name}过小`;
      }
    case 'invalid_format':
      return `${name}的格式不对`;
    case 'not_multiple_of':
      return `${name}应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      // The keys are the caller's own words (a forged or outdated call): not repeated to a person.
      return field === 'top' ? '提交的内容含有这项操作不接受的项目' : `${name}含有这项操作不接受的项目`;
    case 'invalid_union':
      return `${name}填写有误`;
    case 'invalid_value':
      return `${name}不是可选的值之一`;
    case 'invalid_key':
    case 'invalid_element':
      return `${name}中有一项不符合要求`;
    case 'custom':
      return `${name}不符合要求`;
    default:
      return missingCase(issue, 'zod issue');
  }
}

/** A schema's own Chinese message, with its field named first where the message does not name it. */
function withField(message: string, label: string | null): string {
  if (!label || message.includes(label) || message.startsWith('请')) return message;
  return /^[不应须必只最至]/u.test(message) ? `${label}${message}` : `${label}：${message}`;
}

function expectedText(expected: string): string {
  switch (expected) {
    case 'string':
      return '文字';
    case 'number':
    case 'int':
    case 'bigint':
      return '数字';
    case 'boolean':
      return '“是”或“否”';
    case 'array':
      return '一组选项';
    case 'object':
      return '一组内容';
    case 'null':
      return '空';
    default:
      return '其他格式';
  }
}
