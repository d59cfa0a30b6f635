// `npm run central -- --port N --data DIR [--database-url postgres://…] [--households N] [--as-of YYYY-MM-DD]
// [--empty] [--host ADDR] [--behind-proxy] [--shutdown-timeout SECONDS]`: the reference central server, seeded
// with the generated district on first start. Prints one line per account as
// `account: <username> <password> <role> <regionCode>` (scripts read these), then the address, on stdout; its
// log goes to stderr as JSON lines (log.ts). SIGTERM or SIGINT drains it (server.ts) and exits 0; past the
// shutdown timeout (default 30 s) it exits 1. `npm run central -- accounts …` keeps the centre's accounts
// instead (accounts-cli.ts).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { integerOption, optionalOption, parseArgs, requireOption, UsageError } from '../electron/backend/cli/args';
import { runAccountsCli } from './accounts-cli';
import { log } from './log';
import { DatabaseSetupError } from './postgres/store';

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'accounts') return runAccountsCli(argv.slice(1));
  const args = parseArgs(argv, { values: ['port', 'data', 'households', 'as-of', 'access-ttl', 'database-url', 'host', 'shutdown-timeout'], flags: ['empty', 'behind-proxy'] });
  const dataDir = resolve(requireOption(args, 'data'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const asOf = optionalOption(args, 'as-of');
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of must be YYYY-MM-DD');
  const databaseUrl = optionalOption(args, 'database-url');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('--database-url must be postgres://USER@HOST:PORT/DB');
  const network = { host: optionalOption(args, 'host') ?? '127.0.0.1', behindProxy: args.options.has('behind-proxy') };
  const shutdownSeconds = integerOption(args, 'shutdown-timeout', 30);
  // Loaded here, not above: the accounts command needs neither the HTTP server nor the generator.
  const [{ startCentralServer }, { seedCentral }] = await Promise.all([import('./server'), import('./seed')]);
  const server = await startCentralServer({ dataDir, port: integerOption(args, 'port', 0), accessTtlSeconds: integerOption(args, 'access-ttl', 900), ...network, ...(databaseUrl ? { databaseUrl } : {}) });
  const accounts = args.options.has('empty') ? [] : await seedCentral(server.store, dataDir, { households: integerOption(args, 'households', 5000), ...(asOf ? { asOf } : {}) });
  for (const a of accounts) console.log(`account: ${a.username} ${a.password} ${a.role} ${a.regionCode}`);
  console.log(`central listening on ${server.url}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return process.exit(1); // a second signal: stop now
    stopping = true;
    log.info('signal received', { signal, shutdownTimeoutSeconds: shutdownSeconds });
    setTimeout(() => {
      log.error('shutdown timed out: requests still under way were cut off', undefined, { shutdownTimeoutSeconds: shutdownSeconds });
      process.exit(1);
    }, shutdownSeconds * 1000);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`central: ${error.message}\nusage: npm run central -- --port N --data DIR [--database-url postgres://USER@HOST:PORT/DB] [--households N] [--as-of YYYY-MM-DD] [--empty] [--host ADDR] [--behind-proxy]`);
  else if (error instanceof DatabaseSetupError) console.error(`central: ${error.message}`);
  else log.error('the centre could not start', error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
