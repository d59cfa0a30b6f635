// Calls through the real handler table (zod on the way in, contract check on the way out), as the
// renderer does over IPC: `call` expects success, `refused` an error with the given code.
import { expect } from 'vitest';
import type { ArgsOf, ResultOf } from '../../shared/api';
import type { ChannelName } from '../../shared/channels';
import type { ErrorCode } from '../../shared/result';
import { createHandlerTable } from '../../electron/backend/handlers';
import type { BackendContext } from '../../electron/backend/context';

export function api(ctx: BackendContext) {
  const registry = createHandlerTable(ctx, { checkResults: true, log: (m, e) => console.error(m, e) });
  return {
    async call<K extends ChannelName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
      const r = await registry.invoke(name, args);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as ResultOf<K>;
    },
    async refused<K extends ChannelName>(name: K, args: ArgsOf<K>, code: ErrorCode, message?: RegExp): Promise<void> {
      const r = await registry.invoke(name, args);
      if (r.ok) throw new Error(`${name} should have been refused`);
      expect(r.error.code).toBe(code);
      if (message) expect(r.error.message).toMatch(message);
    },
  };
}
