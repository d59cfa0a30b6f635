// One way to write: a command is a name, a Chinese label, a zod argument schema, an access rule from
// shared/access.ts and a body that runs in one transaction on the handle it is given. Defining one
// registers it: the desk's handler table answers its channel, the outbox queues it, the centre runs it
// again for whoever pushed it, the CLI's `call` reaches it, and its label names it on the 同步 screen.
// (Actual Budget's `app.method(name, mutator(fn))` and Replicache's mutators are the models.)
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Actor, Denial } from '../../../shared/access';
import type { SessionUser } from '../../../shared/domain';
import type { Settings } from '../../../shared/settings';
import type { SyncedEntity } from '../../../shared/sync';
import type { BackendContext } from '../context';
import type { Database } from '../db/schema';

/** What a body may use besides its transaction: the folders and event sink PDFs need. */
export type CommandEnv = Pick<BackendContext, 'paths' | 'emit'>;

export type Scalar = string | number | boolean | null;

/** Where a command runs: at the desk first (optimistically), then at the centre (authoritatively). */
export type CommandSite = 'desk' | 'centre';

/** Everything a body is given. The same body runs at the desk and at the centre. */
export type CommandContext = {
  trx: Transaction<Database>;
  /** The acting user, resolved once for the call (at the centre: the account that pushed it). */
  user: SessionUser;
  /** When the person did it: the desk's clock, carried to the centre with the command. */
  at: string;
  /** `at` as a China calendar day. */
  today: string;
  site: CommandSite;
  env: CommandEnv;
  settings(): Promise<Settings>;
  /** A new row's id, the same at the desk and at the centre: derived from the command's key and `parts`. */
  id(...parts: string[]): string;
  /** This command rests on the row as it is now: if the centre's row has another version, it is a conflict. */
  expect(entity: SyncedEntity, id: string): Promise<void>;
  /** A value the desk chose that nobody typed (a random seed): made at the desk, reused at the centre. */
  chosen(name: string, make: () => string, valid: (value: string) => boolean): string;
  /** A value both sides derive (a minutes hash, a sample): the centre refuses when its own differs. */
  claim(name: string, value: Scalar, refusal: string): void;
  /** The claim the desk recorded, if any (the centre compares what it can, e.g. only with the same fonts). */
  claimed(name: string): Scalar | undefined;
  /** Refuses a command timed before what it follows (an instant the database holds). */
  notBefore(instant: string | null | undefined, what: string): void;
  audit(entry: AuditDraft): void;
  /**
   * Work once the transaction has committed. At the desk it is awaited before the caller is answered
   * (writing the minutes' file); at the centre it runs in the background, off the request and its lock
   * (rendering the minutes again to compare). It may write nothing but audit entries, through `audit`.
   */
  afterCommit(work: (audit: (entry: AuditDraft) => Promise<void>) => void | Promise<void>): void;
};

export type AuditDraft = { action: string; entity: string; entityId: string | null; details?: Record<string, unknown> };

export type CommandDefinition<A extends z.ZodType = z.ZodType, L = unknown, R = unknown, V = R> = {
  name: string;
  label: string;
  args: A;
  /** Reads what access is decided on, inside the transaction; a missing record is `not-found` here. */
  load: (cx: CommandContext, args: z.output<A>) => Promise<L>;
  access: (user: Actor, loaded: L, args: z.output<A>) => Denial | null;
  run: (cx: CommandContext, args: z.output<A>, loaded: L) => Promise<R>;
  /** What the desk answers its caller, read after the commit; the centre never computes it. */
  reply?: (db: Kysely<Database>, user: SessionUser, result: R, args: z.output<A>) => Promise<V>;
  /** Changes only this copy (its local settings): never queued, and refused if pushed. */
  local?: true;
};

export type AnyCommand = CommandDefinition<z.ZodType, unknown, unknown, unknown>;

const registry = new Map<string, AnyCommand>();

/** Defines a command and registers it everywhere at once; a second definition of a name throws. */
export function defineCommand<A extends z.ZodType, L, R, V = R>(definition: CommandDefinition<A, L, R, V>): CommandDefinition<A, L, R, V> {
  if (registry.has(definition.name)) throw new Error(`command ${definition.name} defined twice`);
  if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(definition.name)) throw new Error(`command name ${definition.name} is not domain.verb`);
  registry.set(definition.name, definition as unknown as AnyCommand);
  return definition;
}

export function commandNamed(name: string): AnyCommand | undefined {
  return registry.get(name);
}

export function allCommands(): AnyCommand[] {
  return [...registry.values()];
}

/** A queued or refused command's name as a person reads it (names from other builds are shown as they are). */
export function commandLabel(name: string): string {
  return registry.get(name)?.label ?? name;
}

/** A loader for commands that need nothing loaded. */
export const nothing = async (): Promise<null> => null;
