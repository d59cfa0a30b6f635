import type { z } from 'zod';

/** One readable line per problem: "amountFen: 金额必须是整数（分）". */
export function zodMessage(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('；');
}

// The schemas' own messages are written in Chinese for the person at the form ("请填写异议内容");
// zod's defaults are English and only make sense with the field they concern.
const CJK = /[\u3400-\u9fff]/u;

/**
 * What a person should read when their input is refused: the schemas' Chinese messages alone, or, where
 * zod fell back to its own wording, "参数无效：" with the fields.
 */
export function argsErrorMessage(error: z.ZodError): string {
  const own = [...new Set(error.issues.map((i) => i.message).filter((m) => CJK.test(m)))];
  return own.length === error.issues.length ? own.join('；') : `参数无效：${zodMessage(error)}`;
}
