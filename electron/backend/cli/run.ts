// The CLI's commands: the same backend as the app, for scripts and checks (main.ts runs them).
import { AppError } from '../../../shared/result';
import { UsageError } from './args';
import { callCommand } from './commands/call';
import { importCommand } from './commands/import';
import { pinResetCommand } from './commands/lock';
import { auditVerifyCommand, casesPdfCommand, fontsCommand, generateCommand, migrateCommand } from './commands/basic';
import { exportCommand, importTemplateCommand } from './commands/exports';
import { minutesCommand, noticeCommand } from './commands/meetings';
import { reportCommand } from './commands/report';
import { rosterCommand } from './commands/roster';
import { sampleCommand } from './commands/sample';
import { statsCommand, syncCommand } from './commands/sync';
import { decryptCommand } from './commands/decrypt';
import type { Command } from './commands/types';

const commands: Record<string, Command> = {
  migrate: migrateCommand,
  decrypt: decryptCommand,
  generate: generateCommand,
  'cases-pdf': casesPdfCommand,
  'audit-verify': auditVerifyCommand,
  fonts: fontsCommand,
  minutes: minutesCommand,
  notice: noticeCommand,
  sample: sampleCommand,
  export: exportCommand,
  'import-template': importTemplateCommand,
  sync: syncCommand,
  stats: statsCommand,
  call: callCommand,
  import: importCommand,
  roster: rosterCommand,
  report: reportCommand,
  'pin-reset': pinResetCommand,
};

function usage(): string {
  return ['usage: npm run cli -- <command> [options]', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

/** Runs one CLI command in this process and resolves to its exit code (tests call it directly). */
export async function runCli(argv: string[], out: (line: string) => void = (line) => console.log(line), err: (line: string) => void = (line) => console.error(line)): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    out(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    err(`unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return (await command.run(rest, out)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${name}: ${error.message}\nusage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (error instanceof AppError) {
      err(`${name}: ${error.message} [${error.code}]`);
      return 1;
    }
    err(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

