// Saved column mappings (列对应): a layout's columns mapped once, by a name, reused for every file of that
// layout. They belong to this copy (kept with its local settings), never to the centre.
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { ImportMapping } from '../../../shared/import/fields';
import { importArgs } from '../../../shared/import/report';
import { AppError } from '../../../shared/result';
import { canImportApplications } from '../../../shared/access';
import { defineCommand, nothing } from '../commands/command';
import type { Database } from '../db/schema';

const KEY = 'import.mappings';
const MAX_MAPPINGS = 50;

export async function savedMappings(db: Kysely<Database> | Transaction<Database>): Promise<ImportMapping[]> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', KEY).executeTakeFirst();
  if (!row) return [];
  const parsed = z.array(ImportMapping).safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data : [];
}

async function store(trx: Transaction<Database>, mappings: ImportMapping[], at: string): Promise<void> {
  const value = JSON.stringify(mappings);
  await trx.insertInto('settings').values({ key: KEY, value_json: value, updated_at: at }).onConflict((oc) => oc.column('key').doUpdateSet({ value_json: value, updated_at: at })).execute();
}

export const saveMapping = defineCommand({
  name: 'imports.saveMapping',
  label: '保存列对应关系',
  args: importArgs.saveMapping,
  local: true,
  load: nothing,
  access: (user) => canImportApplications(user),
  async run({ trx, at, user, audit }, args) {
    const current = await savedMappings(trx);
    const others = current.filter((m) => m.name !== args.name);
    if (others.length >= MAX_MAPPINGS) throw new AppError('validation', `最多保存 ${MAX_MAPPINGS} 个列对应关系，请先删除不用的`);
    const next = [...others, { name: args.name, columns: args.columns, savedAt: at, savedBy: user.name }].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    await store(trx, next, at);
    audit({ action: 'import.mapping.save', entity: 'settings', entityId: null, details: { name: args.name, replaced: others.length < current.length } });
    return next;
  },
});

export const deleteMapping = defineCommand({
  name: 'imports.deleteMapping',
  label: '删除列对应关系',
  args: importArgs.deleteMapping,
  local: true,
  load: nothing,
  access: (user) => canImportApplications(user),
  async run({ trx, at, audit }, args) {
    const current = await savedMappings(trx);
    if (!current.some((m) => m.name === args.name)) throw new AppError('not-found', `没有名为“${args.name}”的列对应关系`);
    const next = current.filter((m) => m.name !== args.name);
    await store(trx, next, at);
    audit({ action: 'import.mapping.delete', entity: 'settings', entityId: null, details: { name: args.name } });
    return next;
  },
});
