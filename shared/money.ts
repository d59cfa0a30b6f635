// Money is integer fen (分) everywhere; 元 exists only at the edges (input fields and printed text).

export type MoneyParseError = { ok: false; code: 'money-empty' | 'money-format' | 'money-too-large'; message: string };

const MAX_FEN = 1_000_000_000_00; // 10 亿元: far beyond any assistance amount, well inside 2^53

/** 123456 → "1,234.56"; negative amounts keep a leading minus. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`amount must be an integer number of fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan.toLocaleString('en-US')}.${cents}`;
}

/** 123456 → "1,234.56 元" */
export function formatYuanWithUnit(fen: number): string {
  return `${formatYuan(fen)} 元`;
}

/**
 * Parses what a person types for an amount in 元 ("1234.5", "1,234.50", "１２３４", "1234元") into fen
 * without going through floating point.
 */
export function parseYuan(input: string): { ok: true; fen: number } | MoneyParseError {
  const s = toHalfWidth(input).replace(/[,\s]/g, '').replace(/元$/, '');
  if (s === '') return { ok: false, code: 'money-empty', message: '请输入金额' };
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return { ok: false, code: 'money-format', message: `“${input}”不是有效金额（最多两位小数，不能为负数）` };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) {
    return { ok: false, code: 'money-too-large', message: '金额过大' };
  }
  return { ok: true, fen };
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
