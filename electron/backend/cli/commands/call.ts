// `call --db FILE --as USERNAME CHANNEL [JSON]`: any channel of the handler table, as that roster user,
// answered with its {ok, value | error} envelope as JSON on stdout (exit 0 when ok, 1 when refused).
// Scripts, support staff and checks drive every capability the app has through it.
import { parseArgs, requireOption, UsageError } from '../args';
import { openCliBackend } from '../open';
import { rosterUserNamed } from '../../session/session';
import type { Command } from './types';

export const callCommand: Command = {
  usage: 'call --db FILE --as USERNAME CHANNEL [JSON]',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'as'], flags: [] });
    const [channel, json, ...extra] = args.positionals;
    if (!channel) throw new UsageError('name the channel to call, e.g. meetings.list');
    if (extra.length > 0) throw new UsageError('give the arguments as one JSON text (quote it)');
    let callArgs: unknown = {};
    if (json !== undefined) {
      try {
        callArgs = JSON.parse(json);
      } catch {
        throw new UsageError(`the arguments are not valid JSON: ${json.slice(0, 80)}`);
      }
    }
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const user = await rosterUserNamed(backend.ctx.db, requireOption(args, 'as'));
      const answer = await backend.registry.invoke(channel, callArgs, { as: user });
      out(JSON.stringify(answer));
      return answer.ok ? 0 : 1;
    } finally {
      await backend.close();
    }
  },
};
