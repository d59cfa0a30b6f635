// `npm run central -- accounts add|disable|enable|reset-password|list …`: the centre's accounts, for its
// administrator, on the SQLite centre (`--data DIR`) or on PostgreSQL (`--database-url …`), the server's
// own flags. Exit 0 done, 1 refused (nothing changed), 2 the command line is wrong. A password comes from
// a file readable by its owner only, or is generated and printed once; it is never written anywhere else.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { optionalOption, parseArgs, requireOption, UsageError, type ParsedArgs } from '../electron/backend/cli/args';
import { AccountRefusal, addAccount, generatePassword, listAccounts, resetPassword, setAccountActive, type AccountListing } from './accounts';
import { openCentralStore, type CentralStore } from './store';

const USAGE = `用法：
  npm run central -- accounts add --username U --name 姓名 --role street_staff|group_member|bureau_inspector|bureau_chief --region 区划代码 [--password-file F] (--data DIR | --database-url postgres://…)
  npm run central -- accounts reset-password --username U [--password-file F] (--data DIR | --database-url …)
  npm run central -- accounts disable --username U (--data DIR | --database-url …)
  npm run central -- accounts enable --username U (--data DIR | --database-url …)
  npm run central -- accounts list [--json] (--data DIR | --database-url …)`;

const store = ['data', 'database-url'];
const known: Record<string, { values: string[]; flags: string[] }> = {
  add: { values: [...store, 'username', 'name', 'role', 'region', 'password-file'], flags: [] },
  'reset-password': { values: [...store, 'username', 'password-file'], flags: [] },
  disable: { values: [...store, 'username'], flags: [] },
  enable: { values: [...store, 'username'], flags: [] },
  list: { values: store, flags: ['json'] },
};

/** args.ts speaks English to the desk's developer CLI; an administrator reads this one in Chinese. */
const translations: [RegExp, (option: string) => string][] = [
  [/^unknown option (--\S+)$/, (o) => `不认识的选项 ${o}`],
  [/^(--\S+) takes no value$/, (o) => `选项 ${o} 不带值`],
  [/^(--\S+) needs a value$/, (o) => `选项 ${o} 需要一个值`],
  [/^(--\S+) is required$/, (o) => `缺少选项 ${o}`],
];

function inChinese(error: UsageError): string {
  for (const [pattern, say] of translations) {
    const option = pattern.exec(error.message)?.[1];
    if (option) return say(option);
  }
  return error.message;
}

/** Opens the centre named by the flags; a SQLite centre must exist already (a typo must not make a new one). */
async function openStore(args: ParsedArgs): Promise<CentralStore> {
  const databaseUrl = optionalOption(args, 'database-url');
  const data = optionalOption(args, 'data');
  if (databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('--database-url 应为 postgres://USER@HOST:PORT/DB');
    return openCentralStore(resolve(data ?? '.'), { databaseUrl });
  }
  const dataDir = resolve(data ?? '.');
  if (!existsSync(join(dataDir, 'central.sqlite'))) throw new AccountRefusal(`中心数据库不存在：${join(dataDir, 'central.sqlite')}。请检查 --data，或先启动一次中心（npm run central -- --data DIR）`);
  return openCentralStore(dataDir);
}

/** The first line of the file, which only its owner may read. */
function passwordFrom(file: string): string {
  let text: string;
  try {
    const mode = statSync(file).mode;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0)
      throw new AccountRefusal(`密码文件 ${file} 除所有者外他人也能访问（权限 ${(mode & 0o777).toString(8)}）：请先执行 chmod 600 ${file}`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof AccountRefusal) throw error;
    throw new AccountRefusal(`读不到密码文件 ${file}：${(error as { code?: string }).code ?? String(error)}`);
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

const statusLabel = (a: AccountListing) => (a.active ? '启用' : '停用');

function printList(accounts: AccountListing[], json: boolean): void {
  if (json) {
    console.log(JSON.stringify(accounts, null, 1));
    return;
  }
  console.log(['用户名', '姓名', '角色', '区划', '状态', '密码'].join('\t'));
  for (const a of accounts) console.log([a.username, a.name, a.role, a.regionCode, statusLabel(a), a.hasPassword ? '已设' : '未设'].join('\t'));
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help') {
    if (command === undefined) throw new UsageError('缺少子命令');
    console.log(USAGE);
    return;
  }
  const options = known[command];
  if (!options) throw new UsageError(`不认识的子命令“${command}”`);
  const args = parseArgs(rest, options);
  if (args.positionals.length > 0) throw new UsageError(`多余的参数：${args.positionals.join(' ')}`);
  const username = command === 'list' ? '' : requireOption(args, 'username');
  const passwordFile = optionalOption(args, 'password-file');
  const add = command === 'add' ? { name: requireOption(args, 'name'), role: requireOption(args, 'role'), regionCode: requireOption(args, 'region') } : null;
  if (!optionalOption(args, 'data') && !optionalOption(args, 'database-url'))
    throw new UsageError('须用 --data DIR（SQLite 中心）或 --database-url postgres://…（PostgreSQL 中心）指明中心的数据库');
  // The password is read (and checked, by the functions below) before the database is opened.
  const generated = passwordFile === undefined && (add !== null || command === 'reset-password');
  const password = passwordFile !== undefined ? passwordFrom(passwordFile) : generated ? generatePassword() : '';
  const db = await openStore(args);
  try {
    const now = new Date();
    if (add) {
      const id = await addAccount(db, { username, password, ...add }, now);
      console.log(`已创建账号 ${username}（${add.role}，${add.regionCode}），id ${id}`);
    } else if (command === 'reset-password') {
      await resetPassword(db, username, password, now);
      console.log(`已重设账号 ${username} 的密码；它此前的登录均已注销`);
    } else if (command === 'disable' || command === 'enable') {
      const changed = await setAccountActive(db, username, command === 'enable', now);
      if (!changed) console.log(`账号 ${username} 本已${command === 'enable' ? '启用' : '停用'}，未作改动`);
      else console.log(command === 'enable' ? `已启用账号 ${username}；须重新登录` : `已停用账号 ${username}；它的登录均已注销`);
    } else printList(await listAccounts(db), args.options.has('json'));
    // Printed once, after the commit, and never kept: the administrator hands it over.
    if (generated) console.log(`password: ${password}`);
  } finally {
    await db.close();
  }
}

/** The PostgreSQL module (and pg) is loaded only when it is needed, as store.ts does. */
async function setupErrorOf(error: unknown): Promise<Error | null> {
  const { DatabaseSetupError } = await import('./postgres/store');
  return error instanceof DatabaseSetupError ? error : null;
}

/** Runs `accounts …`; sets the exit code rather than exiting, so that stdout drains first. */
export async function runAccountsCli(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`central accounts：${inChinese(error)}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    const refusal = error instanceof AccountRefusal ? error : await setupErrorOf(error);
    if (refusal) {
      console.error(`central accounts：${refusal.message}；未作任何改动`);
      process.exitCode = 1;
    } else {
      console.error('central accounts：出错了，未作任何改动', error);
      process.exitCode = 1;
    }
  }
}
