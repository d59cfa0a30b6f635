// The process boundaries as the files state them (eslint enforces the same rules while editing; this
// proves them in CI on every file): the backend never loads Electron, shared/ uses neither Node nor the
// DOM, the renderer reaches only shared/ and itself, only the shell's entry files load Electron, the
// centre (server/) reaches only shared/, migrations/ and the backend, and no module imports itself
// round a cycle.
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

/** Module specifiers a file imports for types only. */
function typeImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+type\s+[^'";]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

/** The source file an import resolves to, or null (a package, a JSON file). */
function resolveModule(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
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

  it('server/ imports only shared/, migrations/, the backend, itself and packages: never tests/ or the shell', () => {
    expect(sources('server').length).toBeGreaterThan(5);
    for (const f of sources('server')) {
      for (const spec of runtimeImports(f).concat(typeImports(f))) {
        if (!spec.startsWith('.')) {
          expect(spec, f).not.toBe('electron');
          continue;
        }
        const target = join(f, '..', spec);
        expect(/^(server|shared|migrations|electron\/backend)\//.test(target) || target === 'migrations', `${f} imports ${spec}`).toBe(true);
      }
    }
  });

  it('no import cycles among the project’s own modules', () => {
    const files = ['shared', 'electron', 'server', 'migrations', 'templates', 'renderer'].flatMap(sources);
    const resolved = new Map(files.map((f) => [f, runtimeImports(f).filter((s) => s.startsWith('.')).map((s) => resolveModule(join(f, '..', s))).filter((t): t is string => t !== null)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const t of resolved.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('renderer/ imports only shared/, itself and its libraries', () => {
    // ECharts only through its tree-shakable entry points (renderer/screens/statistics/echarts.ts), never the whole 'echarts'.
    const allowed = /^(react|react-dom|react-dom\/client|@tanstack\/react-table|@tanstack\/react-virtual|echarts\/(core|charts|components|renderers|features))$/;
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
