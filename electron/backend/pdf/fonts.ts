// Font resolution: the official fonts when the office has them installed, else the bundled
// open-licensed ones. A font is used only if it has a glyph for every character of the document.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import * as fontkit from 'fontkit';
import { bundledFonts, officialFontCandidates, type FontRoleName } from '../../../templates/fonts';

export type ResolvedFont = { role: FontRoleName; family: string; source: 'official' | 'bundled'; file: string };
export type ResolvedFonts = Record<FontRoleName, ResolvedFont>;

const roles: FontRoleName[] = ['title', 'body', 'heading'];

export function systemFontDirs(): string[] {
  const home = homedir();
  const dirs = [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(home, '.local/share/fonts'),
    join(home, '.fonts'),
    '/Library/Fonts',
    join(home, 'Library/Fonts'),
  ];
  if (process.env.WINDIR) dirs.push(join(process.env.WINDIR, 'Fonts'));
  if (process.env.LOCALAPPDATA) dirs.push(join(process.env.LOCALAPPDATA, 'Microsoft/Windows/Fonts'));
  return dirs;
}

const indexCache = new Map<string, Map<string, string>>();

/** Lower-cased file name → full path, for every font file under the given folders (4 levels deep). */
function indexFontFiles(dirs: string[]): Map<string, string> {
  const key = dirs.join('\n');
  const cached = indexCache.get(key);
  if (cached) return cached;
  const found = new Map<string, string>();
  indexCache.set(key, found);
  const walk = (dir: string, depth: number): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = join(dir, name);
      let isDir = false;
      try {
        isDir = statSync(full).isDirectory();
      } catch {
        continue;
      }
      if (isDir) {
        if (depth < 4) walk(full, depth + 1);
      } else if (/\.(ttf|otf)$/i.test(name) && !found.has(name.toLowerCase())) {
        found.set(name.toLowerCase(), full);
      }
    }
  };
  for (const d of dirs) walk(d, 0);
  return found;
}

// A CJK font file is 7–10 MB. Each is read once per process and its bytes kept: the coverage check
// parses them here, and pdfmake gets the same Buffer for every render (render.ts puts it in pdfmake's
// virtual file system), instead of reading the three files into fresh Buffers for each PDF.
const bytesCache = new Map<string, Buffer>();
export function fontBytes(file: string): Buffer {
  let bytes = bytesCache.get(file);
  if (!bytes) {
    bytes = readFileSync(file);
    bytesCache.set(file, bytes);
  }
  return bytes;
}

/** What the coverage check asks of a parsed font. */
export type GlyphCoverage = { hasGlyphForCodePoint(codePoint: number): boolean };
/** Opens a font file for the coverage check; render.ts passes the parse pdfkit then draws with. */
export type FontOpener = (file: string) => GlyphCoverage;

const coverageCache = new Map<string, fontkit.Font>();
function openFont(file: string): GlyphCoverage {
  let font = coverageCache.get(file);
  if (!font) {
    font = fontkit.create(fontBytes(file)) as fontkit.Font;
    coverageCache.set(file, font);
  }
  return font;
}

/** Characters of `text` the font has no glyph for (whitespace and controls ignored). */
export function missingGlyphs(file: string, chars: Iterable<string>, open: FontOpener = openFont): string[] {
  const font = open(file);
  const missing: string[] = [];
  for (const ch of chars) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || ch === '\u3000') continue;
    if (!font.hasGlyphForCodePoint(cp)) missing.push(ch);
  }
  return missing;
}

export type FontSearch = {
  bundledDir: string;
  /** Folders searched for official fonts; [] forces the bundled fonts (tests use this for stable output). */
  systemDirs?: string[];
};

/** Which official fonts exist and which bundled fallbacks would stand in, without looking at text. */
export function resolveFonts(search: FontSearch, chars: Iterable<string> = [], open: FontOpener = openFont): { fonts: ResolvedFonts; officialMissing: string[] } {
  const needed = [...new Set(chars)];
  const index = indexFontFiles(search.systemDirs ?? systemFontDirs());
  const officialMissing: string[] = [];
  const fonts = {} as ResolvedFonts;
  for (const role of roles) {
    let chosen: ResolvedFont | null = null;
    for (const candidate of officialFontCandidates[role]) {
      const file = candidate.files.map((f) => index.get(f.toLowerCase())).find((f): f is string => !!f);
      if (file && missingGlyphs(file, needed, open).length === 0) {
        chosen = { role, family: candidate.family, source: 'official', file };
        break;
      }
    }
    if (!chosen) {
      officialMissing.push(officialFontCandidates[role][0]!.family);
      const bundled = bundledFonts[role];
      const file = join(search.bundledDir, bundled.file);
      if (!existsSync(file)) throw new Error(`bundled font missing: ${file}`);
      chosen = { role, family: bundled.family, source: 'bundled', file };
    }
    fonts[role] = chosen;
  }
  return { fonts, officialMissing };
}

/** Which font each role used, e.g. "body=Noto Serif SC/bundled/NotoSerifSC-Regular.otf;…": two renders of
 *  one document with the same signature give the same bytes. */
export function fontSignature(fonts: ResolvedFonts): string {
  return roles.map((r) => `${r}=${fonts[r].family}/${fonts[r].source}/${basename(fonts[r].file)}`).join(';');
}

export function fontLabel(f: ResolvedFont): string {
  return `${f.family} (${f.source === 'official' ? '系统字体' : '内置字体'} ${basename(f.file)})`;
}
