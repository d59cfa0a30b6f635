// Static list, not a directory scan: bundlers and asar archives cannot be globbed at run time.
// Append only; never edit or reorder a migration that has shipped.
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_closed_meeting_guards';
import { migration0003 } from './0003_spot_check_guards';
import { migration0004 } from './0004_sync';
import { migration0005 } from './0005_region_offices';
import { migration0006 } from './0006_intake';
import { migration0007 } from './0007_declared_income';
import { migration0008 } from './0008_close_the_loops';
import { migration0009 } from './0009_household_opening_state';
import { migration0010 } from './0010_case_grid_indexes';
import { migration0011 } from './0011_grid_sort_indexes';
import { migration0012 } from './0012_desk_lock';
import type { Migration } from './types';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012];

export const latestSchemaVersion: number = migrations[migrations.length - 1]?.version ?? 0;

export type { Migration } from './types';
