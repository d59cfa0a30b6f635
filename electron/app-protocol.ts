// The renderer is served from app://desk/, a privileged scheme of our own, and not from file://: the CSP
// then travels as a response header (a file:// page gets no headers, so webRequest's CSP never applied),
// the page's origin is one we own rather than the whole disk's, and the grantFileProtocolExtraPrivileges
// fuse can be off. No runtime import of 'electron', so tests can serve requests without the binary.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { contentSecurityPolicy } from './window-options';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const appOrigin = `${APP_SCHEME}://${APP_HOST}`;
export const appPageUrl = `${appOrigin}/index.html`;

/**
 * Standard (relative URLs resolve, the page gets a real origin), secure (like https: no mixed-content
 * downgrade) and fetch for the page's own files. Not bypassCSP, not corsEnabled, no service workers:
 * nothing the page does not need.
 */
export const appScheme: CustomScheme = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an app:// URL names, or null for anything else: another host or scheme, a
 * path that leaves `root` once decoded (`..`, `%2e%2e`, `%2f`, a backslash), a NUL byte or bad escapes.
 */
export function appFileFor(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // Decoded, a backslash is a separator on Windows and `..` a step out wherever it came from.
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((segment) => segment === '..')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

/** Every answer carries the CSP; nosniff so a file is never run as another type than its extension's. */
function headers(contentType: string): Headers {
  return new Headers({ 'Content-Type': contentType, 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' });
}

function refusal(status: 400 | 404 | 405, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

/** protocol.handle's handler for app://: the built renderer's files, read-only, and nothing else. */
export async function serveAppRequest(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
  const file = appFileFor(request.url, root);
  if (file === null) return refusal(400, 'refused');
  try {
    if (!(await stat(file)).isFile()) return refusal(404, 'not found');
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, { status: 200, headers: headers(mimeTypeOf(file)) });
  } catch {
    return refusal(404, 'not found');
  }
}
