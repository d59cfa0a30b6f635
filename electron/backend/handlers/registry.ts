// The handler table behind the contract (as Actual's createApp): each channel registered once,
// arguments validated with the contract's zod schema, every answer an ApiResult envelope. A write is a
// command (see ../commands): registering the commands gives each its channel. The acting user is
// resolved once per call, from the session or from the caller (the CLI's --as), and passed in. Where the
// backend has a lock (Electron main, the browser harness), a locked desk refuses every channel but the
// lock's own here, before any handler runs: no screen, however written, can read cases through it.
import { contract, type ParsedArgsOf, type ResultOf } from '../../../shared/api';
import { channelNames, type ChannelName } from '../../../shared/channels';
import { lockedMessage, openWhileLocked } from '../../../shared/lock';
import type { SessionUser } from '../../../shared/domain';
import { AppError, fail, ok, type ApiResult } from '../../../shared/result';
import { allCommands, type AnyCommand } from '../commands/command';
import { runAtDesk } from '../commands/desk';
import type { BackendContext } from '../context';
import { sessionUser } from '../session/session';
import { argsErrorMessage, argsProblems, parseArgs, zodMessage } from '../validation';

/** Who is calling. `user` is null where nobody is signed in; `signedIn()` refuses that with no-session. */
export type Caller = { readonly user: SessionUser | null; signedIn(): SessionUser };

export type Handler<K extends ChannelName> = (args: ParsedArgsOf<K>, ctx: BackendContext, caller: Caller) => Promise<ResultOf<K>>;
export type HandlerMap<K extends ChannelName> = { [P in K]: Handler<P> };

export type InvokeOptions = {
  /** Validate results against the contract too (tests and the harness): a wrong shape is a bug. */
  checkResults?: boolean;
  /** Where unexpected errors are reported; the message returned to the caller stays generic. */
  log?: (message: string, error: unknown) => void;
};

export type CallOptions = { as?: SessionUser };

function callerOf(user: SessionUser | null): Caller {
  return {
    user,
    signedIn() {
      if (!user) throw new AppError('no-session', '尚未选择登录用户');
      return user;
    },
  };
}

/** The contract's schemas for a channel, if the contract names it. */
function specOf(name: string): (typeof contract)[ChannelName] | undefined {
  return Object.hasOwn(contract, name) ? contract[name as ChannelName] : undefined;
}

type Entry = { kind: 'query'; handler: Handler<ChannelName> } | { kind: 'command'; command: AnyCommand };

export class HandlerRegistry {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly ctx: BackendContext,
    private readonly options: InvokeOptions = {},
  ) {}

  #add(name: string, entry: Entry): void {
    if (this.#entries.has(name)) throw new Error(`handler for ${name} registered twice`);
    this.#entries.set(name, entry);
  }

  register<K extends ChannelName>(name: K, handler: Handler<K>): void {
    if (!(channelNames as readonly string[]).includes(name)) throw new Error(`${name} is not a channel of the contract`);
    this.#add(name, { kind: 'query', handler: handler as unknown as Handler<ChannelName> });
  }

  registerAll(map: Partial<{ [P in ChannelName]: Handler<P> }>): void {
    for (const name of Object.keys(map) as ChannelName[]) this.register(name, map[name] as Handler<typeof name>);
  }

  /**
   * A command's channel. A command the renderer calls is in the contract, with the very same argument
   * schema; one only scripts call (through the CLI's `call`) need not be.
   */
  registerCommand(command: AnyCommand): void {
    const spec = specOf(command.name);
    if (spec && spec.args !== command.args) throw new Error(`command ${command.name} and the contract disagree on its arguments`);
    this.#add(command.name, { kind: 'command', command });
  }

  registerCommands(commands: readonly AnyCommand[] = allCommands()): void {
    for (const c of commands) this.registerCommand(c);
  }

  /** Throws unless every channel of the contract has a handler: a missing one is a build error, not a runtime surprise. */
  assertComplete(): void {
    const missing = channelNames.filter((n) => !this.#entries.has(n));
    if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);
  }

  names(): string[] {
    return [...this.#entries.keys()];
  }

  async invoke(name: string, rawArgs: unknown, options: CallOptions = {}): Promise<ApiResult<unknown>> {
    const entry = this.#entries.get(name);
    if (!entry) return fail('unknown-channel', `未知的接口：${name}`);
    const spec = specOf(name);
    try {
      const user = options.as ?? (await sessionUser(this.ctx.db));
      // The CLI's --as acts for a named user at the machine's own shell; it has no lock screen to pass.
      if (!options.as && this.ctx.lock && !(openWhileLocked as readonly string[]).includes(name) && (await this.ctx.lock.isLocked(this.ctx.db, user?.id ?? null))) {
        return fail('locked', lockedMessage);
      }
      const caller = callerOf(user);
      let value: unknown;
      if (entry.kind === 'command') {
        value = await runAtDesk(this.ctx, entry.command, rawArgs, caller.signedIn());
      } else {
        const parsed = parseArgs(spec!.args, rawArgs);
        if (!parsed.success) return fail('invalid-args', argsErrorMessage(parsed.error), argsProblems(parsed.error));
        value = await entry.handler(parsed.data as never, this.ctx, caller);
      }
      if (this.options.checkResults && spec) {
        const checked = spec.result.safeParse(value);
        if (!checked.success) throw new Error(`result of ${name} breaks the contract: ${zodMessage(checked.error)}`);
      }
      return ok(value);
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.details);
      this.options.log?.(`handler ${name} failed`, error);
      return fail('internal', `内部错误：${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
