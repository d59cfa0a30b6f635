// Seeded pseudo-random numbers for the demo generator. The demo must be byte-identical for a given seed
// on every machine, so nothing here touches Math.random, the clock or locale-dependent formatting.
// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) passes PractRand and needs only 32-bit
// integer arithmetic, which JavaScript does exactly.

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32: spreads a small or patterned seed over all state bits before sfc32 starts. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * Streams are named so each part of the district draws from its own sequence: adding a field to
   * one part must not reshuffle every person generated after it.
   */
  constructor(
    private readonly seed: number,
    private readonly stream = 'root',
  ) {
    const mix = splitmix32((seed >>> 0) ^ fnv1a(stream));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  fork(name: string): Rng {
    return new Rng(this.seed, `${this.stream}/${name}`);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new Error(`empty range ${lo}..${hi}`);
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by relative weight; weights need not sum to anything in particular. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    const last = table[table.length - 1];
    if (!last) throw new Error('weighted pick from an empty table');
    return last[0];
  }

  /** Fisher–Yates, in place; returns the same array for chaining. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** `count` distinct items in random order (all of them if there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle([...items]).slice(0, count);
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += hex8(this.nextUint32());
    return out.slice(0, length);
  }

  /**
   * RFC 4122 version-4 layout, so generated ids look like the ones the app creates itself: 32 hex digits
   * of four draws, the 13th digit set to 4 and the 17th to the variant. Built from the words directly, as
   * every generated row has one.
   */
  uuid(): string {
    const a = hex8(this.nextUint32());
    const b = hex8(this.nextUint32());
    const c = this.nextUint32();
    const d = hex8(this.nextUint32());
    const hc = hex8(c);
    const variant = VARIANTS[(c >>> 28) & 3] ?? '8';
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${hc.slice(1, 4)}-${hc.slice(4)}${d}`;
  }
}

const VARIANTS = '89ab';
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** An unsigned 32-bit word as 8 lower-case hex digits. */
function hex8(x: number): string {
  return (BYTE_HEX[x >>> 24] ?? '') + (BYTE_HEX[(x >>> 16) & 255] ?? '') + (BYTE_HEX[(x >>> 8) & 255] ?? '') + (BYTE_HEX[x & 255] ?? '');
}

/** Reads an array element that the surrounding logic guarantees exists. */
export function at<T>(items: readonly T[], index: number): T {
  const value = items[index];
  if (value === undefined) throw new Error(`index ${index} out of range 0..${items.length - 1}`);
  return value;
}
