// Every local write is a command, queued in the outbox in the same SQLite transaction that made it
// (DESIGN.md §7, see ../commands/desk.ts), so a crash can never leave a change the central database
// will not hear about. An outbox row holds the command's arguments and its context, never rows.
import { QueuedCommand } from '../../../shared/sync';

/** An outbox row's payload, or null if it cannot be read (written by a build that queued rows). */
export function queuedCommand(argsJson: string): QueuedCommand | null {
  let raw: unknown;
  try {
    raw = JSON.parse(argsJson);
  } catch {
    return null;
  }
  const parsed = QueuedCommand.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
