// Where a request came from. The centre speaks plain HTTP; passwords and tokens may cross the network
// only inside TLS, so without a reverse proxy it answers this machine alone. Behind one (--behind-proxy)
// the proxy ends TLS and says in X-Forwarded-For who the client is and in X-Forwarded-Proto how it came.
import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6 (::ffff:127.x.x.x). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  const family = isIP(plain);
  return family !== 0 && loopback.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

export const HTTPS_REQUIRED = '中心只接受本机或 HTTPS 反向代理转来的请求：请通过 https:// 地址连接中心（部署说明见 README“Deploying the centre”）';

/**
 * Why this request must be refused before its body is read, or null. Without a proxy: anything not
 * from loopback. Behind one: a request the proxy says came over plain HTTP.
 */
export function transportRefusal(req: IncomingMessage, behindProxy: boolean): string | null {
  if (!behindProxy) return isLoopback(req.socket.remoteAddress) ? null : HTTPS_REQUIRED;
  const proto = firstValue(req.headers['x-forwarded-proto']);
  return proto !== null && proto.toLowerCase() !== 'https' ? HTTPS_REQUIRED : null;
}

/**
 * The client's address, for sign-in throttling: the socket's, or behind a proxy the first address of
 * X-Forwarded-For (the proxy must set the header to the client's address, not append to what the
 * client sent). A header that is not an address counts as the proxy's own.
 */
export function clientAddress(req: IncomingMessage, behindProxy: boolean): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (!behindProxy) return socket;
  const forwarded = firstValue(req.headers['x-forwarded-for']);
  return forwarded !== null && isIP(forwarded) !== 0 ? forwarded : socket;
}

/** The first comma-separated value of a header (repeated headers joined), trimmed; null when absent or empty. */
function firstValue(header: string | string[] | undefined): string | null {
  const joined = Array.isArray(header) ? header.join(',') : header;
  const first = joined?.split(',')[0]?.trim();
  return first ? first : null;
}
