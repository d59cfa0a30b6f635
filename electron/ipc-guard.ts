// IPC is answered only for the app's own page: the main frame of the window, showing app://desk/index.html
// (app-protocol.ts); the scheme, the host and the path must all match, so a file:// page does not pass.
// A frame inside it, another window, or the page after a navigation (which is denied anyway) gets nothing.
import { fail } from '../shared/result';

/** The one answer to any other sender, on the contract's channels and the shell's alike. */
export const refusedSender = fail('forbidden', '拒绝来自未知页面的请求');

/** What Electron's WebFrameMain tells about the sender, as far as the check needs. */
export type SenderFrame = { url: string; parent: unknown };

export function isAppFrame(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const sender = new URL(frame.url);
    const app = new URL(appUrl);
    return sender.protocol === app.protocol && sender.host === app.host && decodeURIComponent(sender.pathname) === decodeURIComponent(app.pathname);
  } catch {
    return false;
  }
}

/** Navigation away from the app's page is never allowed (links, drag and drop, window.location). */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppFrame({ url, parent: null }, appUrl);
}

/**
 * will-frame-navigate: the main frame only to the app's page; a subframe never (the app has none, so one
 * is an injected iframe, and letting it load anything would give it our origin's frame tree).
 */
export function isAllowedFrameNavigation(url: string, isMainFrame: boolean, appUrl: string): boolean {
  return isMainFrame && isAllowedNavigation(url, appUrl);
}
