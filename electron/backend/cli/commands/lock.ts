// pin-reset: the way back for a user who forgot the desk's PIN (see lock-service.ts resetPin).
import { resetPin } from '../../lock/lock-service';
import { parseArgs, requireOption } from '../args';
import { openCliBackend } from '../open';
import type { Command } from './types';

export const pinResetCommand: Command = {
  usage: 'pin-reset --db FILE --user USERNAME',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'user'], flags: [] });
    const username = requireOption(args, 'user');
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const r = await resetPin(backend.ctx, username);
      out(`${r.hadPin ? '已清除' : '本来没有'} ${username} 的本机 PIN；本机现以 ${username} 登录，下次打开程序时由其设置新的 PIN`);
    } finally {
      await backend.close();
    }
  },
};
