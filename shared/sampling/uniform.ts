// uniform(s) of Rivest's consistent sampler (DESIGN.md §6): H(s) read as an integer, written in decimal,
// left-padded with zeros to at least 64 digits, reversed, prefixed "0.". Sorting needs only the first
// digits of a ticket (the lowest digits of the number), which come cheaply as a number; the full string
// is made only for cases that are printed or tie on those digits.
import { H } from './sha256';

/** 0..999 with their three digits (zero-padded) reversed: 7 → 700, 120 → 21. */
const REVERSED3_VALUE = Int32Array.from({ length: 1000 }, (_, i) => (i % 10) * 100 + (Math.floor(i / 10) % 10) * 10 + Math.floor(i / 100));

// n mod 10^9 by the Chinese remainder theorem: n mod 2^9 is its low 9 bits, and n mod 5^9 comes byte by
// byte with every intermediate below 2^31, so the engine stays in integer arithmetic throughout.
const FIVE9 = 1_953_125;
/** (5^9)^-1 mod 2^9: 5^9 ≡ 357 (mod 512) and 357 · 109 ≡ 1. */
const FIVE9_INVERSE = 109;

/**
 * The first 9 digits after "0." of the ticket of a digest, as an integer: the lowest 9 decimal digits of
 * the number, reversed. Tickets with different keys compare as their keys do; equal keys (a few per
 * hundred thousand) need the full strings.
 */
export function ticketKey(words: Int32Array): number {
  let b = 0;
  for (let i = 0; i < 8; i++) {
    const w = words[i]!;
    b = ((b << 8) | ((w >>> 24) & 0xff)) % FIVE9;
    b = (b * 256 + ((w >>> 16) & 0xff)) % FIVE9;
    b = (b * 256 + ((w >>> 8) & 0xff)) % FIVE9;
    b = (b * 256 + (w & 0xff)) % FIVE9;
  }
  const a = words[7]! & 511;
  const r = b + FIVE9 * ((((a - (b & 511) + 512) & 511) * FIVE9_INVERSE) & 511);
  const low = r % 1000;
  const mid = ((r - low) / 1000) % 1000;
  const high = (r - low - mid * 1000) / 1_000_000;
  return REVERSED3_VALUE[low]! * 1_000_000 + REVERSED3_VALUE[mid]! * 1000 + REVERSED3_VALUE[high]!;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** "0." and the digits of the ticket being made. */
const codes: number[] = [48, 46];

/**
 * The full ticket string of the digest stored as eight big-endian 32-bit words at `words[offset…]`.
 * BigInt's own decimal conversion is faster here than dividing limbs by hand.
 */
export function ticketOf(words: Int32Array, offset = 0): string {
  let hex = '0x';
  for (let i = 0; i < 8; i++) {
    const w = words[offset + i]!;
    hex += HEX[(w >>> 24) & 0xff]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
  }
  const decimal = BigInt(hex).toString();
  // Built from character codes in one go: appending digit by digit would leave a chain of ~80 cons
  // strings per ticket for the garbage collector.
  const length = Math.max(64, decimal.length);
  codes.length = length + 2;
  for (let i = 0; i < length; i++) codes[i + 2] = i < decimal.length ? decimal.charCodeAt(decimal.length - 1 - i) : 48;
  return String.fromCharCode.apply(null, codes);
}

function hexToWords(hex: string): Int32Array {
  const words = new Int32Array(8);
  for (let i = 0; i < 8; i++) words[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16) | 0;
  return words;
}

/** uniform(s) exactly as the design writes it. */
export function uniform(text: string): string {
  return ticketOf(hexToWords(H(text)));
}
