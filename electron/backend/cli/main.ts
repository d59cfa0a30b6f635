// `npm run cli -- <command> …`: the same backend as the app, for scripts and checks.
import { runCli } from './run';

// Exit only once stdout and stderr have drained: when they are pipes Node writes them asynchronously, and
// process.exit() would cut a long output (a 60,000-case sample as JSON) short.
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

void runCli(process.argv.slice(2)).then(exitAfterFlush);
