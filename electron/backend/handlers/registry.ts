// The handler table behind the contract (as Actual's createApp): each channel registered once,
// arguments validated with the contract's zod schema, every answer an ApiResult envelope.
import { contract, type ParsedArgsOf, type ResultOf } from '../../../shared/api';
import { channelNames, type ChannelName } from '../../../shared/channels';
import { AppError, fail, ok, type ApiResult } from '../../../shared/result';
import type { BackendContext } from '../context';
import { argsErrorMessage, zodMessage } from '../validation';

export type Handler<K extends ChannelName> = (args: ParsedArgsOf<K>, ctx: BackendContext) => Promise<ResultOf<K>>;
export type HandlerMap<K extends ChannelName> = { [P in K]: Handler<P> };

export type InvokeOptions = {
  /** Validate results against the contract too (tests and the harness): a wrong shape is a bug. */
  checkResults?: boolean;
  /** Where unexpected errors are reported; the message returned to the caller stays generic. */
  log?: (message: string, error: unknown) => void;
};

export class HandlerRegistry {
  readonly #handlers = new Map<ChannelName, Handler<ChannelName>>();

  constructor(
    private readonly ctx: BackendContext,
    private readonly options: InvokeOptions = {},
  ) {}

  register<K extends ChannelName>(name: K, handler: Handler<K>): void {
    if (this.#handlers.has(name)) throw new Error(`handler for ${name} registered twice`);
    if (!(channelNames as readonly string[]).includes(name)) throw new Error(`${name} is not a channel of the contract`);
    this.#handlers.set(name, handler as unknown as Handler<ChannelName>);
  }

  registerAll(map: Partial<{ [P in ChannelName]: Handler<P> }>): void {
    for (const name of Object.keys(map) as ChannelName[]) this.register(name, map[name] as Handler<typeof name>);
  }

  /** Throws unless every channel of the contract has a handler: a missing one is a build error, not a runtime surprise. */
  assertComplete(): void {
    const missing = channelNames.filter((n) => !this.#handlers.has(n));
    if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);
  }

  names(): ChannelName[] {
    return [...this.#handlers.keys()];
  }

  async invoke(name: string, rawArgs: unknown): Promise<ApiResult<unknown>> {
    const handler = this.#handlers.get(name as ChannelName);
    if (!handler) return fail('unknown-channel', `未知的接口：${name}`);
    const spec = contract[name as ChannelName];
    const parsed = spec.args.safeParse(rawArgs ?? {});
    if (!parsed.success) return fail('invalid-args', argsErrorMessage(parsed.error));
    try {
      const value = await handler(parsed.data as never, this.ctx);
      if (this.options.checkResults) {
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
