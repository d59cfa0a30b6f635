// `minutes`: renders a closed meeting's minutes again and says whether they match the hash stored when
// the meeting closed (they do unless the installed fonts changed), so anyone can check a printed copy.
import { resolve } from 'node:path';
import { writeMinutes } from '../../meetings/meeting-close';
import { parseArgs, requireOption } from '../args';
import { openCliBackend } from '../open';
import type { Command } from './types';

export const minutesCommand: Command = {
  usage: 'minutes --db FILE --meeting ID --out FILE.pdf',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'meeting', 'out'], flags: [] });
    const meetingId = requireOption(args, 'meeting');
    const outFile = resolve(requireOption(args, 'out'));
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const pdf = await writeMinutes(backend.ctx, meetingId, outFile);
      out(`${pdf.path}\t${pdf.pages} pages\t${pdf.bytes} bytes\tsha256 ${pdf.sha256}`);
      if (pdf.storedSha256 === null) out('no hash stored: the meeting was recorded elsewhere, not closed in this app');
      else if (pdf.storedSha256 === pdf.sha256) out('matches the hash stored at closing');
      else {
        out(`differs from the hash stored at closing (${pdf.storedSha256}): the fonts installed now differ from those used then`);
        process.exitCode = 1;
      }
    } finally {
      await backend.close();
    }
  },
};
