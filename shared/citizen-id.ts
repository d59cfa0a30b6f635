// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male),
// check character by ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

export type CitizenIdError =
  | 'citizen-id-length'
  | 'citizen-id-characters'
  | 'citizen-id-birth-date'
  | 'citizen-id-checksum';

export type CitizenIdCheck =
  | { ok: true; id: string; birthDate: string; gender: 'male' | 'female'; addressCode: string }
  | { ok: false; code: CitizenIdError; message: string };

/** Check character for the first 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('citizenIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Validates an 18-character ID (lower-case x accepted and normalised to X). `today` bounds the birth
 * date so a typo cannot produce someone born in the future.
 */
export function checkCitizenId(input: string, today = '9999-12-31'): CitizenIdCheck {
  const id = input.trim().toUpperCase();
  if (id.length !== 18) {
    return { ok: false, code: 'citizen-id-length', message: `公民身份号码应为 18 位，实际为 ${id.length} 位` };
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, code: 'citizen-id-characters', message: '公民身份号码前 17 位应为数字，末位为数字或 X' };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1850 || !isRealDate(y, m, d) || birthDate > today) {
    return { ok: false, code: 'citizen-id-birth-date', message: `公民身份号码中的出生日期 ${birthDate} 无效` };
  }
  const expected = citizenIdCheckChar(id.slice(0, 17));
  if (id[17] !== expected) {
    return { ok: false, code: 'citizen-id-checksum', message: '公民身份号码校验码不正确' };
  }
  const gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, id, birthDate, gender, addressCode: id.slice(0, 6) };
}

/** Converts a 15-digit first-generation ID (YYMMDD, 20th century) to 18 characters. */
export function upgradeCitizenId15(id15: string): string {
  const s = id15.trim();
  if (!/^\d{15}$/.test(s)) throw new Error('15 位公民身份号码应全部为数字');
  const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
  return first17 + citizenIdCheckChar(first17);
}

/** Accepts either generation and returns the normalised 18-character form, or the check failure. */
export function normaliseCitizenId(input: string, today?: string): CitizenIdCheck {
  const s = input.trim();
  if (/^\d{15}$/.test(s)) return checkCitizenId(upgradeCitizenId15(s), today);
  return checkCitizenId(s, today);
}
