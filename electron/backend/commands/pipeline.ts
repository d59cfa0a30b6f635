// The steps of a command's run that are the same at the desk and at the centre: its arguments parsed
// with its own schema, then load, access and body, then its audit entries appended in its transaction.
import type { Transaction } from 'kysely';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/audit-log';
import type { Database } from '../db/schema';
import { assertAllowed } from '../session/access';
import { argsErrorMessage, argsProblems, parseArgs } from '../validation';
import type { AnyCommand, CommandContext } from './command';
import type { RunTrace } from './context';

/** Parses a command's arguments; a refusal names the fields in the schema's own Chinese. */
export function parseCommandArgs(command: AnyCommand, raw: unknown): unknown {
  const parsed = parseArgs(command.args, raw);
  if (!parsed.success) throw new AppError('invalid-args', argsErrorMessage(parsed.error), argsProblems(parsed.error));
  return parsed.data;
}

/** Load, access, body: the part of a run that is the same at the desk and at the centre. */
export async function runBody(command: AnyCommand, cx: CommandContext, args: unknown): Promise<unknown> {
  const loaded = await command.load(cx, args);
  assertAllowed(command.access(cx.user, loaded, args));
  return command.run(cx, args, loaded);
}

export async function appendAudits(trx: Transaction<Database>, user: SessionUser, trace: RunTrace): Promise<void> {
  for (const entry of trace.audits) await appendAudit(trx, { actorId: user.id, ...entry }, trace.cx.at);
}
