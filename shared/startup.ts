// How the app started: ready, or in recovery because its database could not be opened. The recovery
// screen explains the problem and where the data and its backups are; it never offers to delete anything.
import { z } from 'zod';

export const recoveryCodes = ['db-newer-version', 'db-migration-failed', 'db-damaged', 'db-unreadable', 'db-locked', 'startup-failed'] as const;
export const RecoveryCode = z.enum(recoveryCodes);
export type RecoveryCode = z.infer<typeof RecoveryCode>;

/** The recovery screen's heading per problem. */
export const recoveryTitles: Record<RecoveryCode, string> = {
  'db-newer-version': '数据文件来自更新版本的程序',
  'db-migration-failed': '数据文件升级未完成',
  'db-damaged': '数据文件已损坏',
  'db-unreadable': '数据文件无法读取',
  'db-locked': '数据文件正被占用',
  'startup-failed': '程序未能启动',
};

export const StartupState = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('ready'),
    /** Set when this start upgraded the database: the schema it had, and the copy made first. */
    upgradedFrom: z.number().int().nullable(),
    backupFile: z.string().nullable(),
  }),
  z.object({
    mode: z.literal('recovery'),
    code: RecoveryCode,
    message: z.string(),
    databaseFile: z.string(),
    backupsDir: z.string(),
  }),
]);
export type StartupState = z.infer<typeof StartupState>;
