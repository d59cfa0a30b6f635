// What the log masks before a line is written: ID card and phone numbers in the forms people type them,
// not only the bare digits. Over-masking a log line costs nothing; one number left readable is a leak.
// Case numbers (430188001-202506-001), dates, times, amounts and counts stay readable.

/** Full-width digits, plus, minus, X and the ideographic space, as the ASCII the patterns expect. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF38\uFF58\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** A pattern over the given pieces with at most one space allowed between any two characters. */
function spaced(pieces: readonly string[]): string {
  return pieces.join(' ?');
}

// An 18-character ID, written solid or in groups (110101 19900307 1234, 1101 0119 9003 0712 34): the
// region, a birth date from 1800 on, the sequence and a check character that may be X.
const ID_NUMBER = new RegExp(
  `(?<![0-9])${spaced([
    '[1-9]', '\\d', '\\d', '\\d', '\\d', '\\d',
    '(?:1 ?[89]|2 ?0)', '\\d', '\\d',
    '(?:0 ?[1-9]|1 ?[0-2])',
    '(?:0 ?[1-9]|[12] ?\\d|3 ?[01])',
    '\\d', '\\d', '\\d', '[0-9Xx]',
  ])}(?![0-9])`,
  'g',
);
// The 15-digit IDs issued before 1999, solid only.
const OLD_ID_NUMBER = /(?<![0-9])[1-9]\d{14}(?![0-9])/g;
// A mobile number: 3-4-4 digits run together or split by a space or dash, after +86, 0086 or 86 or not.
const MOBILE = /(?<![0-9])(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?![0-9])/g;
// A landline with its area code (0731-84441234, 010 6512 3456, +86 731 8444 1234): a dash or space after
// the area code, which loses its 0 after +86.
const LANDLINE = /(?<![0-9-])(?:(?:(?:\+|00)?86[ -]?)?0\d{2,3}|(?:\+|00)86[ -]?[1-9]\d{1,2})[ -]\d{3,4}[ -]?\d{4}(?![0-9-])/g;

export function redact(text: string): string {
  return halfWidth(text).replace(ID_NUMBER, '[身份证号]').replace(OLD_ID_NUMBER, '[身份证号]').replace(MOBILE, '[手机号]').replace(LANDLINE, '[电话]');
}
