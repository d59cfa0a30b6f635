// Running a command at the desk: its arguments checked with its schema, its access rule asserted for the
// acting user, its body run in one transaction with every write to a synced table captured, and, in the
// same transaction, the command queued in the outbox with its context and its audit entries appended.
// A refused command throws before its transaction commits, so nothing is ever half-recorded.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { SessionUser } from '../../../shared/domain';
import type { QueuedCommand } from '../../../shared/sync';
import type { BackendContext } from '../context';
import { captureIsEmpty, setCapturing, takeChanges } from '../sync/capture';
import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';
import type { AnyCommand, CommandDefinition } from './command';
import { commandContext, type AfterCommit } from './context';
import { appendAudits, parseCommandArgs, runBody } from './pipeline';
import { appendAudit } from '../audit/audit-log';
import { withWriteTurn } from '../db/write-lock';

type Env = { paths: BackendContext['paths']; emit: BackendContext['emit'] };
type Ran = { value: unknown; afterCommit: AfterCommit[] };

/** One command's run inside the caller's transaction, with capture on: its body, its outbox row, its audits. */
async function runInTransaction(trx: Transaction<Database>, ctx: BackendContext, env: Env, command: AnyCommand, args: unknown, user: SessionUser): Promise<Ran> {
  const trace = commandContext(trx, user, env, { site: 'desk', key: randomUUID(), at: ctx.clock.now() });
  const value = await runBody(command, trace.cx, args);
  if (command.local) {
    if (!(await captureIsEmpty(trx))) throw new Error(`local command ${command.name} wrote synced rows`);
  } else {
    const written = await takeChanges(trx);
    const queued: QueuedCommand = { args, context: trace.record(written.map(({ entity, id }) => ({ entity, id }))) };
    await trx.insertInto('outbox').values({ name: command.name, args_json: JSON.stringify(queued), created_at: trace.cx.at }).execute();
  }
  await appendAudits(trx, user, trace);
  return { value, afterCommit: trace.afterCommit };
}

async function finish(ctx: BackendContext, user: SessionUser, afterCommit: readonly AfterCommit[]): Promise<void> {
  for (const work of afterCommit) await work((entry) => appendAudit(ctx.db, { actorId: user.id, ...entry }, ctx.clock.now()).then(() => undefined));
}

export async function runAtDesk(ctx: BackendContext, command: AnyCommand, rawArgs: unknown, user: SessionUser): Promise<unknown> {
  const args = parseCommandArgs(command, rawArgs);
  const env = { paths: ctx.paths, emit: ctx.emit };
  const { value: result, afterCommit } = await withWriteTurn(ctx.sqlite, () =>
    ctx.db.transaction().execute(async (trx) => {
      await setCapturing(trx, true);
      const ran = await runInTransaction(trx, ctx, env, command, args, user);
      await setCapturing(trx, false);
      return ran;
    }),
  );
  await finish(ctx, user, afterCommit);
  return command.reply ? command.reply(ctx.db, user, result, args) : result;
}

/** What became of each of several commands run together: its value, or the refusal that stopped it. */
export type PartOutcome = { ok: true; value: unknown } | { ok: false; error: AppError };

class Discard extends Error {}

/**
 * Several commands as one change (an import's parts): each queued as its own command, all committed
 * together or none. Every part runs even after one is refused, so the caller learns all refusals at
 * once; `commit: false` (a check) runs them all and keeps nothing. `between` runs after each part.
 */
export async function runPartsAtDesk(
  ctx: BackendContext,
  command: AnyCommand,
  rawArgs: readonly unknown[],
  user: SessionUser,
  options: { commit: boolean; between?: (done: number) => Promise<void> },
): Promise<{ outcomes: PartOutcome[]; committed: boolean }> {
  const parts = rawArgs.map((a) => parseCommandArgs(command, a));
  const env = { paths: ctx.paths, emit: ctx.emit };
  const outcomes: PartOutcome[] = [];
  const afterCommit: AfterCommit[] = [];
  try {
    await withWriteTurn(ctx.sqlite, () => ctx.db.transaction().execute(async (trx) => {
      await setCapturing(trx, true);
      for (const [i, args] of parts.entries()) {
        try {
          const ran = await runInTransaction(trx, ctx, env, command, args, user);
          outcomes.push({ ok: true, value: ran.value });
          afterCommit.push(...ran.afterCommit);
        } catch (error) {
          if (!(error instanceof AppError) || error.code === 'forbidden') throw error;
          outcomes.push({ ok: false, error });
        }
        await options.between?.(i + 1);
      }
      await setCapturing(trx, false);
      if (!options.commit || outcomes.some((o) => !o.ok)) throw new Discard();
    }));
  } catch (error) {
    if (error instanceof Discard) return { outcomes, committed: false };
    throw error;
  }
  await finish(ctx, user, afterCommit);
  return { outcomes, committed: true };
}

/** Commands run at this desk as one user, typed: the demo, the CLI and tests drive the app through it. */
export type Desk = {
  readonly user: SessionUser;
  run<A extends z.ZodType, L, R, V>(command: CommandDefinition<A, L, R, V>, args: z.input<A>): Promise<V>;
};

export function deskAs(ctx: BackendContext, user: SessionUser): Desk {
  return {
    user,
    run: (command, args) => runAtDesk(ctx, command as unknown as AnyCommand, args, user) as never,
  };
}
