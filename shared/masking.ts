// De-identification for anything that leaves the office: names on public notices, ID numbers and
// phone numbers wherever a person must recognise a record without reading it in full.

export type NameMasking = 'full' | 'middle' | 'surname';

export const nameMaskingLabels: Record<NameMasking, string> = {
  full: '显示全名（张三丰）',
  middle: '隐去中间字（张*丰）',
  surname: '只显示姓（张*）',
};

// Two-character surnames that are common enough to matter on a notice; the rest are one character.
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯',
  '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '百里', '呼延', '万俟', '澹台', '公冶', '太史', '申屠',
]);

/** Splits into characters by code point so names with Extension B characters count correctly. */
function chars(s: string): string[] {
  return Array.from(s.trim());
}

export function surnameOf(name: string): string {
  const c = chars(name);
  const two = c.slice(0, 2).join('');
  return c.length > 2 && COMPOUND_SURNAMES.has(two) ? two : (c[0] ?? '');
}

/**
 * full: 张三丰; middle: 张*丰 (two-character names become 张*); surname: 张*.
 * Names written with a middle dot (minority names, 阿卜杜·热合曼) keep only the first and last character.
 */
export function maskName(name: string, mode: NameMasking): string {
  const c = chars(name);
  if (c.length === 0) return '';
  switch (mode) {
    case 'full':
      return c.join('');
    case 'surname':
      return `${surnameOf(name)}*`;
    case 'middle': {
      const surname = surnameOf(name);
      const rest = c.slice(Array.from(surname).length);
      if (rest.length <= 1) return `${surname}*`;
      return `${surname}*${rest[rest.length - 1]}`;
    }
    default: {
      const never: never = mode;
      throw new Error(`unknown name masking ${String(never)}`);
    }
  }
}

/** 430102199001011234 → 43**************34 style: first 2 and last 3 shown, as local practice does. */
export function maskCitizenId(id: string): string {
  const s = id.trim();
  if (s.length < 6) return '*'.repeat(s.length);
  return `${s.slice(0, 2)}${'*'.repeat(s.length - 5)}${s.slice(-3)}`;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** 望江路12号3栋401室 → 望江路**号*栋***室: the street and building words stay, every number is hidden. */
export function maskAddress(address: string): string {
  return address.replace(/[0-9０-９]/gu, '*');
}
