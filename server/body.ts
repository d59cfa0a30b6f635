// What the centre accepts as a request body: JSON only, at most MAX_BODY_BYTES, nested at most
// MAX_DEPTH deep (checked on the text before parsing, so a hostile body cannot exhaust the parser).
import type { IncomingMessage } from 'node:http';

/** A push of 100 commands is a few hundred KB; a draw of 60,000 cases names each row it wrote (about 5 MB). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
export const MAX_DEPTH = 32;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** The deepest nesting of arrays and objects in a JSON text, ignoring brackets inside strings. */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > stopAt) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return Promise.reject(new BodyError(415, '请求须为 JSON（Content-Type: application/json）'));
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.reject(new BodyError(413, `请求过大（上限 ${MAX_BODY_BYTES / 1024 / 1024} MB）`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        chunks.length = 0;
        reject(new BodyError(413, `请求过大（上限 ${MAX_BODY_BYTES / 1024 / 1024} MB）`));
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (jsonDepth(text, MAX_DEPTH) > MAX_DEPTH) return reject(new BodyError(400, `请求的 JSON 嵌套超过 ${MAX_DEPTH} 层`));
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new BodyError(400, '请求不是有效的 JSON'));
      }
    });
    req.on('error', reject);
  });
}
