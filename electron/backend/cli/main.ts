// `npm run cli -- <command> …`: the same backend as the app, for scripts and checks.
import { AppError } from '../../../shared/result';
import { UsageError } from './args';
import { callCommand } from './commands/call';
import { auditVerifyCommand, casesPdfCommand, fontsCommand, generateCommand, migrateCommand } from './commands/basic';
import { minutesCommand, noticeCommand } from './commands/meetings';
import { sampleCommand } from './commands/sample';
import { statsCommand, syncCommand } from './commands/sync';
import type { Command } from './commands/types';

const commands: Record<string, Command> = {
  migrate: migrateCommand,
  generate: generateCommand,
  'cases-pdf': casesPdfCommand,
  'audit-verify': auditVerifyCommand,
  fonts: fontsCommand,
  minutes: minutesCommand,
  notice: noticeCommand,
  sample: sampleCommand,
  sync: syncCommand,
  stats: statsCommand,
  call: callCommand,
};

function usage(): string {
  return ['usage: npm run cli -- <command> [options]', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    await command.run(rest, (line) => console.log(line));
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${name}: ${error.message}\nusage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (error instanceof AppError) {
      console.error(`${name}: ${error.message} [${error.code}]`);
      return 1;
    }
    console.error(`${name} failed:`, error);
    return 1;
  }
}

// Exit only once stdout and stderr have drained: when they are pipes Node writes them asynchronously, and
// process.exit() would cut a long output (a 60,000-case sample as JSON) short.
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitAfterFlush);
