// The generated demo district as a test world: generated once per test file into a template database,
// then copied for each test, so every test starts from the same rows without paying for generation.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DbHandle } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { generateDistrict, type GenerateOptions } from '../../electron/backend/demo/generator';
import { setCurrentUserByUsername } from '../../electron/backend/session/session';
import type { BackendContext } from '../../electron/backend/context';
import { fixedClock } from '../../electron/backend/clock';
import { NOW, testContext } from './minimal';
import { keyFileFor } from '../../electron/backend/db/at-rest';

export type DistrictWorld = { handle: DbHandle; dir: string; ctx: BackendContext; signIn(username: string): Promise<void>; cleanup(): Promise<void> };

export function districtTemplate(options: GenerateOptions = {}) {
  let template: { dir: string; file: string } | null = null;
  return {
    async world(now = NOW): Promise<DistrictWorld> {
      if (!template) {
        const dir = mkdtempSync(join(tmpdir(), 'jrd-district-'));
        const handle = openDatabase(join(dir, 'template.sqlite'));
        await migrateToLatest(handle);
        generateDistrict(handle, options);
        handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
        await handle.close();
        template = { dir, file: join(dir, 'template.sqlite') };
      }
      const dir = mkdtempSync(join(tmpdir(), 'jrd-world-'));
      copyFileSync(template.file, join(dir, 'world.sqlite'));
      // The template is encrypted (issue 21): its copy goes with its key.
      copyFileSync(keyFileFor(template.file), keyFileFor(join(dir, 'world.sqlite')));
      const handle = openDatabase(join(dir, 'world.sqlite'));
      const ctx = { ...testContext(handle, dir), clock: fixedClock(now) };
      return {
        handle,
        dir,
        ctx,
        signIn: (username) => setCurrentUserByUsername(handle.db, username, now),
        cleanup: async () => {
          await handle.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    dispose(): void {
      if (template) rmSync(template.dir, { recursive: true, force: true });
    },
  };
}
