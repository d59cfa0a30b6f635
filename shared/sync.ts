// The sync protocol with the central database (DESIGN.md §7): the REST bodies both sides read and
// write, validated with zod on arrival, and the context a queued command carries. The centre in server/
// and the client in electron/backend/sync both use these.
import { z } from 'zod';
import { UserRole } from './domain';

export const SYNC_API = '/api/v1';

/** Tables that sync, in an order where every table comes after the tables it refers to. */
export const syncedEntities = [
  'regions',
  'users',
  'committee_members',
  'households',
  'members',
  'close_relative_filings',
  'cases',
  'investigations',
  'case_documents',
  'complaints',
  'meetings',
  'meeting_attendance',
  'agenda_items',
  'decisions',
  'recusals',
  'notice_batches',
  'notice_items',
  'objections',
  'spot_check_draws',
  'spot_check_items',
  'spot_check_findings',
  'corrections',
  'correction_answers',
  'standards',
  'roster_sends',
] as const;
export const SyncedEntity = z.enum(syncedEntities);
export type SyncedEntity = z.infer<typeof SyncedEntity>;

/** The primary key column of a synced table: regions are keyed by their division code, the rest by id. */
export function keyOf(entity: SyncedEntity): string {
  return entity === 'regions' ? 'code' : 'id';
}

const Row = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

/** A row by table and key. */
export const RowKey = z.object({ entity: SyncedEntity, id: z.string().min(1).max(64) }).strict();
export type RowKey = z.infer<typeof RowKey>;

/** A value a command recorded beside its arguments: scalars only, so nothing nests. */
const Scalar = z.union([z.string().max(20_000), z.number(), z.boolean(), z.null()]);

/**
 * What a command carries besides its arguments, for the centre to run it again exactly as the desk did:
 * - `key`: the seed of the ids it gave new rows (the same ids come out at the centre);
 * - `at`: when the person did it (the centre checks it is not in the future);
 * - `basis`: the versions of the rows its decision rested on (a row changed since is a conflict);
 * - `chosen`: values the desk chose that nobody typed (a seed from the OS CSPRNG);
 * - `claims`: what the desk derived (a sample, a minutes hash), which the centre derives again and compares;
 * - `touched`: the rows the desk wrote, so a refusal can put each back as the centre has it.
 */
export const CommandContextRecord = z
  .object({
    key: z.string().uuid(),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/),
    basis: z.array(z.object({ entity: SyncedEntity, id: z.string().min(1).max(64), version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict()).max(5_000),
    chosen: z.record(z.string().max(64), Scalar),
    claims: z.record(z.string().max(64), Scalar),
    touched: z.array(RowKey).max(200_000),
  })
  .strict();
export type CommandContextRecord = z.infer<typeof CommandContextRecord>;

/** An outbox row's payload: the command's arguments as it ran them, and its context. */
export const QueuedCommand = z.object({ args: z.unknown(), context: CommandContextRecord }).strict();
export type QueuedCommand = z.infer<typeof QueuedCommand>;

export const Account = z.object({ id: z.string(), username: z.string(), name: z.string(), role: UserRole, regionCode: z.string() });
export type Account = z.infer<typeof Account>;

export const LoginRequest = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256), deviceName: z.string().max(100) }).strict();
export const RefreshRequest = z.object({ refreshToken: z.string().min(16).max(200) }).strict();

export const TokenResponse = z
  .object({
    accessToken: z.string().min(16),
    /** ISO instant. */
    accessExpiresAt: z.string(),
    refreshToken: z.string().min(16),
    user: Account,
  })
  .strict();
export type TokenResponse = z.infer<typeof TokenResponse>;

/** A pushed command: `{id, name, args}` and its context; never rows. */
export const PushMutation = z.object({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), name: z.string().min(1).max(100), args: z.unknown(), context: CommandContextRecord }).strict();
export const PushRequest = z
  .object({ clientId: z.string().uuid(), schemaVersion: z.number().int().positive(), mutations: z.array(PushMutation).max(100) })
  .strict();
export type PushRequest = z.infer<typeof PushRequest>;


export const PulledChange = z
  .object({ entity: SyncedEntity, op: z.enum(['upsert', 'delete']), id: z.string().min(1), version: z.number().int().positive(), data: Row.nullable() })
  .strict()
  .refine((c) => (c.op === 'upsert') === (c.data !== null), { message: 'an upsert carries data, a delete none' });
export type PulledChange = z.infer<typeof PulledChange>;

/**
 * A refused mutation. `current` holds the centre's rows as they are for every row the mutation touched
 * (a delete where the centre has none), so the client can put its copy back as the centre has it.
 */
export const Rejection = z.object({ id: z.number().int().positive(), code: z.string(), message: z.string(), current: z.array(PulledChange).optional() }).strict();
export type Rejection = z.infer<typeof Rejection>;

/**
 * `restored`: rows a command the centre accepted wrote at the desk but not at the centre (its run there
 * found a different state), as the centre has them, so the desk does not keep what the centre never wrote.
 */
export const PushResponse = z
  .object({ lastMutationId: z.number().int().nonnegative(), rejected: z.array(Rejection), restored: z.array(PulledChange).optional() })
  .strict();
export type PushResponse = z.infer<typeof PushResponse>;

export const PullResponse = z
  .object({
    changes: z.array(PulledChange),
    nextCursor: z.string().min(1),
    hasMore: z.boolean(),
    /** On a pull from the beginning only: about how many changes there are in all, for a progress bar. */
    estimatedTotal: z.number().int().nonnegative().optional(),
  })
  .strict();
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * A new copy's first pull in bulk (GET /sync/snapshot, NDJSON): a header line `{format, version, cursor}`,
 * per table `{table, columns}` then lines of `{rows: [[…], …]}`, and a trailer `{end: true, counts}`.
 */
export const SNAPSHOT_FORMAT = 'jrd-snapshot';
export const SNAPSHOT_VERSION = 1;

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The error codes the central server answers with, beside the HTTP status. */
export const syncErrorCodes = {
  unauthorized: 'unauthorized',
  invalidCredentials: 'invalid-credentials',
  refreshRevoked: 'refresh-revoked',
  upgradeRequired: 'upgrade-required',
  cursorUnknown: 'cursor-unknown',
  mutationGap: 'mutation-gap',
  badRequest: 'bad-request',
  forbidden: 'forbidden',
  throttled: 'throttled',
} as const;
