// The process boundaries as the files state them (eslint enforces the same rules while editing; this
// proves them in CI on every file): the backend never loads Electron, shared/ uses neither Node nor the
// DOM, the renderer reaches only shared/ and itself, and only the shell's entry files load Electron.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Module specifiers a file loads at run time (type-only imports are erased and do not count). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) if (!m[2]) specs.push(m[3]!);
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) specs.push(m[1]!);
  for (const m of text.matchAll(/(?:require|import)\(\s*'([^']+)'\s*\)/g)) specs.push(m[1]!);
  return specs;
}

describe('process boundaries', () => {
  it('found the sources', () => {
    expect(sources('electron/backend').length).toBeGreaterThan(50);
    expect(sources('renderer').length).toBeGreaterThan(20);
  });

  it('electron/backend never imports electron', () => {
    const offenders = sources('electron/backend').filter((f) => /from\s+'electron'|require\('electron'\)|import\('electron'\)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('only the shell’s entry files load electron at run time', () => {
    const loaders = sources('electron')
      .filter((f) => runtimeImports(f).includes('electron'))
      .map((f) => relative('electron', f))
      .sort();
    expect(loaders).toEqual(['desktop.ts', 'main.ts', 'preload.ts', 'safe-secret-store.ts']);
  });

  it('shared/ imports neither Node nor the DOM', () => {
    for (const f of sources('shared')) {
      for (const spec of runtimeImports(f)) expect(spec.startsWith('.') || spec === 'zod', `${f} imports ${spec}`).toBe(true);
      // Code, not comments: a comment may well mention window.api.
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, f).not.toMatch(/\b(document|window|localStorage|process\.env|Buffer)\b/);
    }
  });

  it('renderer/ imports only shared/, itself and its libraries', () => {
    const allowed = /^(react|react-dom|react-dom\/client|@tanstack\/react-table|@tanstack\/react-virtual)$/;
    // vite.config.ts is the renderer's build script, run by Node, not part of the page.
    for (const f of sources('renderer').filter((f) => !f.endsWith('vite.config.ts'))) {
      for (const spec of runtimeImports(f)) {
        if (spec.startsWith('.')) {
          const target = join(f, '..', spec);
          expect(target.startsWith('renderer') || target.startsWith('shared'), `${f} imports ${spec}`).toBe(true);
        } else {
          expect(spec, f).toMatch(allowed);
        }
      }
    }
  });
});
