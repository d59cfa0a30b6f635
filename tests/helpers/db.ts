import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DbHandle } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';

/** A real database file in a fresh temporary folder, migrated to the latest schema. */
export async function freshDatabase(name = 'test.sqlite'): Promise<{ handle: DbHandle; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'jrd-'));
  const handle = openDatabase(join(dir, name));
  await migrateToLatest(handle);
  return {
    handle,
    dir,
    cleanup: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
