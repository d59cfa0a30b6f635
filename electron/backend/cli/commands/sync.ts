// `sync` and `stats`: one push and pull against the central server from the command line, and the
// counts scripts compare after it. The password comes from a file, never from the command line (where
// other users of the machine could read it in the process list).
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { AppError } from '../../../../shared/result';
import { signIn, syncState } from '../../sync/account';
import { syncNow } from '../../sync/engine';
import { SyncError } from '../../sync/http';
import { PULL_PAGE } from '../../sync/pull';
import { integerOption, parseArgs, requireOption, UsageError } from '../args';
import { openCliBackend } from '../open';
import type { BootOptions } from '../../boot';
import { readUtf8 } from './sample';
import type { Command } from './types';

export const syncCommand: Command = {
  usage: 'sync --db FILE --server URL --username U --password-file FILE [--batch-size N] [--page-size N] [--no-snapshot] [--progress]',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'server', 'username', 'password-file', 'batch-size', 'page-size'], flags: ['progress', 'no-snapshot'] });
    const sizes = { batchSize: integerOption(args, 'batch-size', 100), pageSize: integerOption(args, 'page-size', PULL_PAGE), ...(args.options.has('no-snapshot') ? { snapshot: false as const } : {}) };
    if (sizes.batchSize < 1 || sizes.batchSize > 100) throw new UsageError('--batch-size must be 1 to 100');
    if (sizes.pageSize < 1 || sizes.pageSize > 5000) throw new UsageError('--page-size must be 1 to 5000');
    const server = requireOption(args, 'server');
    const username = requireOption(args, 'username');
    const passwordFile = requireOption(args, 'password-file');
    // --progress reports each batch and page on stderr as it is done.
    const emit: BootOptions['emit'] = args.options.has('progress')
      ? (event, payload) => {
          if (event === 'sync.progress') console.error(`progress ${JSON.stringify(payload)}`);
        }
      : undefined;
    const backend = await openCliBackend(requireOption(args, 'db'), { create: true, ...(emit ? { emit } : {}) });
    try {
      const ctx = backend.ctx;
      const state = await syncState(ctx);
      const signedIn = state.account?.username === username && (await ctx.secrets.get('sync.refreshToken')) !== null;
      if (!signedIn) {
        const password = readUtf8(passwordFile, '密码文件').replace(/\r?\n$/, '');
        try {
          await signIn(ctx, server, username, password, `cli ${hostname()}`);
        } catch (error) {
          if (error instanceof SyncError) throw new AppError('sync-failed', error.message);
          throw error;
        }
      }
      const report = await syncNow(ctx, undefined, sizes);
      out(`pushed ${report.pushed} (rejected ${report.rejected}), pulled ${report.pulledChanges} changes in ${report.pages} pages${report.fullPull ? ' (full)' : ''}`);
    } finally {
      await backend.close();
    }
  },
};

export const statsCommand: Command = {
  usage: 'stats --db FILE [--json]',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db'], flags: ['json'] });
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(backend.ctx.db)).rows[0]?.n ?? 0);
      const state = await syncState(backend.ctx);
      const stats = {
        households: await count('households'),
        cases: await count('cases'),
        decisions: await count('decisions'),
        meetings: await count('meetings'),
        pendingOutbox: await count('outbox'),
        // Refused changes a person has not yet marked as dealt with.
        rejections: Number((await sql<{ n: number }>`SELECT count(*) AS n FROM sync_rejections WHERE resolved_at IS NULL`.execute(backend.ctx.db)).rows[0]?.n ?? 0),
        cursor: state.cursor,
      };
      if (args.options.has('json')) out(JSON.stringify(stats));
      else for (const [k, v] of Object.entries(stats)) out(`${k.padEnd(14)} ${String(v)}`);
    } finally {
      await backend.close();
    }
  },
};
