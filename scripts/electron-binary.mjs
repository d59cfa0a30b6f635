// Where Electron's binary is, without fetching it: requiring 'electron' downloads it on first use
// (Electron ≥ 42), which machines without internet access cannot do. Null when there is none.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronBinary(root = process.cwd()) {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative || 'electron') : relative ? join(dir, 'dist', relative) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

export const noElectronMessage =
  "no Electron binary (node_modules/electron/dist is empty: Electron fetches it on first use, which needs internet access to Electron's download host)";
