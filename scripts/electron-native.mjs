// Builds better-sqlite3 a second time, for Electron's ABI, into build/electron-native/, and leaves the
// copy in node_modules (Node's ABI, used by the CLI and the tests) alone. Electron main passes the
// result to better-sqlite3 as `nativeBinding`. Needs internet access to Electron's header host; on a
// machine without it this fails with the download error and `npm start` cannot open a window anyway.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const outDir = join('build', 'electron-native');
const stamp = join(outDir, 'electron-version.txt');
const target = join(outDir, 'better_sqlite3.node');

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === electronVersion) {
  console.log(`better-sqlite3 for Electron ${electronVersion} is up to date`);
  process.exit(0);
}

const src = join(outDir, 'src');
rmSync(src, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(join('node_modules', 'better-sqlite3'), src, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });

// A machine-wide `nodedir` (set on some build hosts) would silently compile against Node's headers and
// produce a module Electron refuses to load, so the build gets Electron's headers explicitly.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_nodedir$/i.test(k)));
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
const result = spawnSync(
  process.execPath,
  [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', `--arch=${process.arch}`],
  { cwd: src, env, stdio: 'inherit' },
);
if (result.status !== 0) {
  console.error(`could not build better-sqlite3 for Electron ${electronVersion} (needs access to electronjs.org/headers)`);
  process.exit(1);
}
cpSync(join(src, 'build', 'Release', 'better_sqlite3.node'), target);
writeFileSync(stamp, `${electronVersion}\n`);
console.log(`built ${target} for Electron ${electronVersion}`);
