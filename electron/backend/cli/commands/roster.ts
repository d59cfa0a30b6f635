// `roster`: the monthly payment roster (花名册) of a street or the district as PDF or .xlsx, and with
// --json its summary exactly as issue 17 gives it. It acts as --as USERNAME, else as the district's serving
// bureau chief: the roster is the bureau's to send to finance, and the database's signed-in user (often
// a street's caseworker) would be refused the district's. The same access and month rules as the desk
// apply to whoever that is.
import { extname, resolve } from 'node:path';
import type { SessionUser } from '../../../../shared/domain';
import { rosterArgs, type RosterArgs } from '../../../../shared/roster';
import type { Clock } from '../../clock';
import type { BackendContext } from '../../context';
import { exportRosterXlsx, writeRosterPdf } from '../../roster/roster-files';
import { rosterData } from '../../roster/roster';
import { rosterUserNamed } from '../../session/session';
import { argsErrorMessage } from '../../validation';
import { bureauChief } from '../acting';
import { optionalOption, parseArgs, requireOption, UsageError, type ParsedArgs } from '../args';
import { openCliBackend } from '../open';
import type { Command } from './types';

async function acting(ctx: BackendContext, args: ParsedArgs, scope: string): Promise<SessionUser> {
  const as = optionalOption(args, 'as');
  if (as !== undefined) return rosterUserNamed(ctx.db, as);
  return bureauChief(ctx, scope.slice(0, 6));
}

function rosterArgsOf(args: ParsedArgs): RosterArgs {
  const street = optionalOption(args, 'street');
  const district = optionalOption(args, 'district');
  if ((street === undefined) === (district === undefined)) throw new UsageError('give exactly one of --street CODE or --district CODE');
  const parsed = rosterArgs.summary.safeParse({ month: requireOption(args, 'month'), scope: street ?? district });
  if (!parsed.success) throw new UsageError(argsErrorMessage(parsed.error));
  if (street !== undefined && parsed.data.scope.length !== 9) throw new UsageError('--street takes a 9-digit street code');
  if (district !== undefined && parsed.data.scope.length !== 6) throw new UsageError('--district takes a 6-digit district code');
  return parsed.data;
}

/** The command's body over an open backend, so tests can give it a fixed clock. */
export async function runRoster(argv: string[], out: (line: string) => void, clock?: Clock): Promise<number> {
  const args = parseArgs(argv, { values: ['db', 'street', 'district', 'month', 'out', 'as'], flags: ['json'] });
  const roster = rosterArgsOf(args);
  const outOption = optionalOption(args, 'out');
  const json = args.options.has('json');
  if (outOption === undefined && !json) throw new UsageError('give --out FILE.pdf|FILE.xlsx, or --json');
  const ext = outOption === undefined ? null : extname(outOption).toLowerCase();
  if (ext !== null && ext !== '.pdf' && ext !== '.xlsx') throw new UsageError('--out must end in .pdf or .xlsx');
  const backend = await openCliBackend(requireOption(args, 'db'), clock ? { clock } : {});
  try {
    const { ctx } = backend;
    const user = await acting(ctx, args, roster.scope);
    if (outOption !== undefined) {
      const file = resolve(outOption);
      if (ext === '.pdf') {
        const pdf = await writeRosterPdf(ctx, user, roster, file);
        if (!json) out(`${pdf.path}\t${pdf.pages} pages\t${pdf.bytes} bytes\tsha256 ${pdf.sha256}`);
      } else {
        const saved = await exportRosterXlsx(ctx, user, roster, file);
        if (!json) out(`${saved.path}\t${saved.rows} rows\t${saved.bytes} bytes\tsha256 ${saved.sha256}`);
      }
    }
    // --json prints the summary alone on stdout, so a script can parse it whatever else was written.
    if (json) out(JSON.stringify((await rosterData(ctx.db, user, roster, ctx.clock.today())).view.summary));
    return 0;
  } finally {
    await backend.close();
  }
}

export const rosterCommand: Command = {
  usage: 'roster --db FILE --street CODE|--district CODE --month YYYY-MM [--out FILE.pdf|FILE.xlsx] [--json] [--as USERNAME]',
  run: (argv, out) => runRoster(argv, out),
};
