import { join } from 'node:path';
import type { DbHandle } from '../../electron/backend/db/open';
import type { BackendContext } from '../../electron/backend/context';
import { fixedClock } from '../../electron/backend/clock';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { MemorySecretStore } from '../../electron/backend/sync/secret-store';

export const NOW = '2026-11-20T02:00:00.000Z';

/** The smallest world a handler needs: one district, street, community and a signed-in street user. */
export function seedMinimal(handle: DbHandle): { userId: string } {
  const db = handle.sqlite;
  const region = db.prepare('INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES (?, ?, ?, ?, 2024, ?)');
  region.run('430188', '麓山区', 'district', null, NOW);
  region.run('430188001', '望江街道', 'street', '430188', NOW);
  region.run('430188001001', '江边社区', 'community', '430188001', NOW);
  db.prepare("INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-staff', 'staff', '王经办', 'street_staff', '430188001', ?)").run(NOW);
  db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('session.userId', '\"u-staff\"', ?)").run(NOW);
  return { userId: 'u-staff' };
}

export function testContext(handle: DbHandle, dir: string): BackendContext {
  return {
    db: handle.db,
    sqlite: handle.sqlite,
    secrets: new MemorySecretStore(),
    databaseFile: handle.file,
    clock: fixedClock(NOW),
    appVersion: 'test',
    paths: { dataDir: dir, exportDir: join(dir, 'exports'), bundledFontsDir: bundledFontsDir(), systemFontDirs: [] },
    emit: () => undefined,
  };
}
