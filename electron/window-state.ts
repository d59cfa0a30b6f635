// The window's size and place between runs, kept in the user-data folder. A saved place that no longer
// fits a screen (a projector unplugged since) falls back to a centred window on the primary screen.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;
export type Area = { x: number; y: number; width: number; height: number };

/** The saved state, or null for a missing or unreadable file (the window then opens at its default). */
export function loadWindowState(file: string): WindowState | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  const next = `${file}.next`;
  writeFileSync(next, JSON.stringify(state), { mode: 0o600 });
  renameSync(next, file);
}

const MIN_VISIBLE = 120;

/**
 * Where to open the window: the saved bounds if enough of them lies on one of the screens' work areas
 * (made to fit inside it), else `size` centred on the first (primary) work area.
 */
export function placeWindow(saved: WindowState | null, workAreas: Area[], size: { width: number; height: number }): Area & { maximized: boolean } {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: size.width, height: size.height };
  const fallback = {
    width: Math.min(size.width, primary.width),
    height: Math.min(size.height, primary.height),
  };
  const centred = { x: primary.x + Math.round((primary.width - fallback.width) / 2), y: primary.y + Math.round((primary.height - fallback.height) / 2), ...fallback, maximized: false };
  if (!saved) return centred;
  const screen = workAreas.find((a) => overlap(a, saved).width >= MIN_VISIBLE && overlap(a, saved).height >= MIN_VISIBLE);
  if (!screen) return { ...centred, maximized: saved.maximized };
  const width = Math.min(saved.width, screen.width);
  const height = Math.min(saved.height, screen.height);
  const x = Math.min(Math.max(saved.x, screen.x), screen.x + screen.width - width);
  const y = Math.min(Math.max(saved.y, screen.y), screen.y + screen.height - height);
  return { x, y, width, height, maximized: saved.maximized };
}

function overlap(a: Area, b: Area): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}
