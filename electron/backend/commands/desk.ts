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
import type { AnyCommand, CommandDefinition } from './command';
import { commandContext } from './context';
import { appendAudits, parseCommandArgs, runBody } from './pipeline';
import { appendAudit } from '../audit/audit-log';

export async function runAtDesk(ctx: BackendContext, command: AnyCommand, rawArgs: unknown, user: SessionUser): Promise<unknown> {
  const args = parseCommandArgs(command, rawArgs);
  const env = { paths: ctx.paths, emit: ctx.emit };
  const { value: result, afterCommit } = await ctx.db.transaction().execute(async (trx) => {
    await setCapturing(trx, true);
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
    await setCapturing(trx, false);
    return { value, afterCommit: trace.afterCommit };
  });
  for (const work of afterCommit) await work((entry) => appendAudit(ctx.db, { actorId: user.id, ...entry }, ctx.clock.now()).then(() => undefined));
  return command.reply ? command.reply(ctx.db, user, result, args) : result;
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
