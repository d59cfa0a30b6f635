// `cli decrypt --db FILE --key-file KEY --out PLAIN.sqlite`: a plain copy of an encrypted database for
// inspection (sqlite3, DB Browser) and for scripts that read the demo. The copy is consistent even in
// WAL mode (VACUUM INTO), then its encryption is removed (rekey to nothing); the original is untouched.
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { isPlainSqlite, openKeyed, readKeyFile, restrictToOwner, keyFileFor } from '../../db/at-rest';
import { optionalOption, parseArgs, requireOption, UsageError } from '../args';
import type { Command } from './types';

export const decryptCommand: Command = {
  usage: 'decrypt --db FILE [--key-file KEY (default: the key file beside it, demo.sqlite → demo.key)] --out PLAIN.sqlite',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'key-file', 'out'], flags: [] });
    const db = resolve(requireOption(args, 'db'));
    const target = resolve(requireOption(args, 'out'));
    if (target === db) throw new UsageError('--out must be another file than --db');
    if (existsSync(target)) throw new UsageError(`--out ${target} exists; choose a new file`);
    if (!existsSync(db)) throw new UsageError(`--db ${db} does not exist`);
    if (isPlainSqlite(db)) throw new UsageError(`${db} is not encrypted (a database from before issue 21); it is readable as it is`);
    const key = readKeyFile(resolve(optionalOption(args, 'key-file') ?? keyFileFor(db)));
    const source = openKeyed(db, key, { readonly: true, fileMustExist: true });
    try {
      source.prepare('VACUUM INTO ?').run(target);
    } finally {
      source.close();
    }
    try {
      // The copy carries the source's encryption; rekeying to an empty key writes it out plain.
      const copy = openKeyed(target, key);
      try {
        copy.pragma(`rekey = ''`);
      } finally {
        copy.close();
      }
      restrictToOwner(target);
    } catch (error) {
      rmSync(target, { force: true });
      throw error;
    }
    process.stderr.write(
      `警告：${target} 是未加密的明文副本，含有个人信息（身份证号、电话、住址等）。请妥善保管，用完立即删除，不要复制到其他设备。\n` +
        `WARNING: ${target} is a plain, unencrypted copy holding personal information. Keep it safe and delete it when done.\n`,
    );
    out(target);
  },
};
