// `notice` prints a batch's or a community's standing notice. `minutes`: renders a closed meeting's minutes again and says whether they match the hash stored when
// the meeting closed (they do unless the installed fonts changed), so anyone can check a printed copy.
import { resolve } from 'node:path';
import { writeMinutes } from '../../meetings/meeting-close';
import { optionalOption, parseArgs, requireOption, UsageError } from '../args';
import { writeBatchNotice, writeStandingNotice } from '../../notices/notice-pdf';
import { actingUser } from '../acting';
import { openCliBackend } from '../open';
import type { Command } from './types';

export const minutesCommand: Command = {
  usage: 'minutes --db FILE --meeting ID --out FILE.pdf [--as USERNAME]',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'meeting', 'out', 'as'], flags: [] });
    const meetingId = requireOption(args, 'meeting');
    const outFile = resolve(requireOption(args, 'out'));
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const pdf = await writeMinutes(backend.ctx, await actingUser(backend.ctx, args), meetingId, outFile);
      out(`${pdf.path}\t${pdf.pages} pages\t${pdf.bytes} bytes\tsha256 ${pdf.sha256}`);
      if (pdf.storedSha256 === null) out('no hash stored: the meeting was recorded elsewhere, not closed in this app');
      else if (pdf.storedSha256 === pdf.sha256) out('matches the hash stored at closing');
      else {
        out(`differs from the hash stored at closing (${pdf.storedSha256}): the fonts installed now differ from those used then`);
        return 1;
      }
    } finally {
      await backend.close();
    }
  },
};

export const noticeCommand: Command = {
  usage: 'notice --db FILE (--batch ID | --standing --community CODE) --out FILE.pdf [--as USERNAME]',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'batch', 'community', 'out', 'as'], flags: ['standing'] });
    const standing = args.options.get('standing') === true;
    const batch = optionalOption(args, 'batch');
    const community = optionalOption(args, 'community');
    if (standing === (batch !== undefined)) throw new UsageError('give either --batch ID or --standing --community CODE');
    if (standing && community === undefined) throw new UsageError('--standing needs --community CODE');
    const outFile = resolve(requireOption(args, 'out'));
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const user = await actingUser(backend.ctx, args);
      const pdf = standing ? await writeStandingNotice(backend.ctx, user, community!, outFile) : await writeBatchNotice(backend.ctx, user, batch!, outFile);
      out(`${pdf.path}\t${pdf.pages} pages\t${pdf.bytes} bytes\tsha256 ${pdf.sha256}`);
    } finally {
      await backend.close();
    }
  },
};
