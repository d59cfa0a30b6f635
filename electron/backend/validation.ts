import type { z } from 'zod';

/** One readable line per problem: "amountFen: 金额必须是整数（分）". */
export function zodMessage(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('；');
}
