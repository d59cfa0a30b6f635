// SHA-256 (FIPS 180-4) in plain TypeScript: shared/ may use neither node:crypto nor WebCrypto (which is
// asynchronous), and anyone re-verifying a draw must get the same bytes whatever runs it. The sampler
// hashes one short string per case, so there is also a "prefix" form that compresses a fixed first
// block once and reuses that state.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** Scratch message schedule; the functions here never re-enter, so one is enough. */
const W = new Int32Array(64);

/** Compresses the 64-byte block of `bytes` at `offset` into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** Room for the padded tail of a message: at most two blocks. */
const tail = new Uint8Array(128);

/**
 * Finishes a message whose first `done` bytes (a multiple of 64) are already in `state`: compresses
 * `bytes` up to `end`, pads, and leaves the digest in `state` as eight big-endian words.
 */
function finish(state: Int32Array, bytes: Uint8Array, end: number, done: number): void {
  let offset = 0;
  while (end - offset >= 64) {
    compress(state, bytes, offset);
    offset += 64;
  }
  const rest = end - offset;
  tail.fill(0);
  for (let i = 0; i < rest; i++) tail[i] = bytes[offset + i]!;
  tail[rest] = 0x80;
  const blocks = rest < 56 ? 1 : 2;
  // Message length in bits, big-endian in the last 8 bytes; messages here stay far below 2^53 bits.
  const bits = (done + end) * 8;
  const last = blocks * 64;
  const high = Math.floor(bits / 0x100000000);
  tail[last - 8] = high >>> 24;
  tail[last - 7] = (high >>> 16) & 0xff;
  tail[last - 6] = (high >>> 8) & 0xff;
  tail[last - 5] = high & 0xff;
  tail[last - 4] = (bits >>> 24) & 0xff;
  tail[last - 3] = (bits >>> 16) & 0xff;
  tail[last - 2] = (bits >>> 8) & 0xff;
  tail[last - 1] = bits & 0xff;
  compress(state, tail, 0);
  if (blocks === 2) compress(state, tail, 64);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function wordsToHex(words: Int32Array): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    const w = words[i]!;
    out += HEX[(w >>> 24) & 0xff]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;
  }
  return out;
}

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[n++] = 0xf0 | (cp >>> 18);
        out[n++] = 0x80 | ((cp >>> 12) & 0x3f);
        out[n++] = 0x80 | ((cp >>> 6) & 0x3f);
        out[n++] = 0x80 | (cp & 0x3f);
        continue;
      }
      c = 0xfffd;
    }
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >>> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xe0 | (c >>> 12);
      out[n++] = 0x80 | ((c >>> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, n);
}

/** Lower-case hex SHA-256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  const state = new Int32Array(INITIAL);
  finish(state, bytes, bytes.length, 0);
  return wordsToHex(state);
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes: the design's H(s). */
export function H(text: string): string {
  return sha256Hex(utf8(text));
}

/** Writes the UTF-8 bytes of `text` into `out` from 0 (which must have room for 3 bytes per unit); returns the length. */
function encodeInto(text: string, out: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return utf8Into(text, out);
    out[n++] = c;
  }
  return n;
}

function utf8Into(text: string, out: Uint8Array): number {
  const bytes = utf8(text);
  out.set(bytes, 0);
  return bytes.length;
}

/**
 * SHA-256 of `prefix + suffix` for one fixed 64-byte prefix and many short suffixes: the prefix block is
 * compressed once, and suffixes are encoded into a buffer that is reused. `digest` returns the hash as
 * eight big-endian words in a buffer it also reuses.
 */
export class Sha256WithPrefix {
  readonly #midstate = new Int32Array(INITIAL);
  readonly #state = new Int32Array(8);
  #buffer = new Uint8Array(256);

  constructor(prefix: Uint8Array) {
    if (prefix.length !== 64) throw new Error('Sha256WithPrefix needs a prefix of exactly one block (64 bytes)');
    compress(this.#midstate, prefix, 0);
  }

  digest(suffix: string): Int32Array {
    if (this.#buffer.length < suffix.length * 3 + 64) this.#buffer = new Uint8Array(suffix.length * 3 + 64);
    const buffer = this.#buffer;
    const length = encodeInto(suffix, buffer);
    this.#state.set(this.#midstate);
    if (length > 55) {
      finish(this.#state, buffer, length, 64);
      return this.#state;
    }
    // The usual case: the suffix and its padding fit one block, built in place.
    buffer[length] = 0x80;
    buffer.fill(0, length + 1, 60);
    const bits = (64 + length) * 8;
    buffer[60] = bits >>> 24;
    buffer[61] = (bits >>> 16) & 0xff;
    buffer[62] = (bits >>> 8) & 0xff;
    buffer[63] = bits & 0xff;
    compress(this.#state, buffer, 0);
    return this.#state;
  }
}
