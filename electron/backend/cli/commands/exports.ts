// `export`: one of the spreadsheet exports, written as the app writes it (same query, same access
// rule, same audit entry), as a named roster user: an export may hold ID numbers, so the CLI does not
// guess who is asking. `import-template`: the standard import template, which holds no one's data.
import { resolve } from 'node:path';
import { exportArgs, exportKinds, type ExportKind } from '../../../../shared/export';
import type { SessionUser } from '../../../../shared/domain';
import type { SavedFile } from '../../../../shared/saved-file';
import type { BackendContext } from '../../context';
import { exportCases } from '../../exports/cases-export';
import { exportDecisions } from '../../exports/decisions-export';
import { writeImportTemplate } from '../../exports/import-template';
import { exportNotice } from '../../exports/notice-export';
import { exportSample } from '../../exports/sample-export';
import { rosterUserNamed } from '../../session/session';
import { argsErrorMessage } from '../../validation';
import { optionalOption, parseArgs, requireOption, UsageError, type ParsedArgs } from '../args';
import { openCliBackend } from '../open';
import type { Command } from './types';

/** The option naming what each export is of; the cases take the grid's filters instead. */
const subjectOption = { cases: null, decisions: 'meeting', notice: 'batch', sample: 'draw' } as const satisfies Record<ExportKind, string | null>;
const caseFilters = ['street', 'community', 'category', 'status', 'search'] as const;

const isKind = (what: string): what is ExportKind => (exportKinds as readonly string[]).includes(what);

/** Refuses options that belong to another export, so a mistyped run never exports something else. */
function checkOptions(args: ParsedArgs, what: ExportKind): void {
  for (const [kind, option] of Object.entries(subjectOption)) {
    if (option === null) continue;
    const given = optionalOption(args, option) !== undefined;
    if (kind === what && !given) throw new UsageError(`--what ${what} needs --${option} ID`);
    if (kind !== what && given) throw new UsageError(`--${option} belongs to --what ${kind}, not ${what}`);
  }
  if (what !== 'cases' && caseFilters.some((f) => optionalOption(args, f) !== undefined)) throw new UsageError(`--${caseFilters.join(', --')} filter --what cases only`);
}

function casesQuery(args: ParsedArgs) {
  const raw = Object.fromEntries(
    (
      [
        ['streetCode', 'street'],
        ['communityCode', 'community'],
        ['category', 'category'],
        ['status', 'status'],
        ['search', 'search'],
      ] as const
    )
      .map(([key, option]) => [key, optionalOption(args, option)] as const)
      .filter(([, v]) => v !== undefined),
  );
  const parsed = exportArgs.cases.safeParse(raw);
  if (!parsed.success) throw new UsageError(argsErrorMessage(parsed.error));
  return parsed.data;
}

function run(ctx: BackendContext, user: SessionUser, what: ExportKind, args: ParsedArgs, outFile: string | undefined): Promise<SavedFile> {
  switch (what) {
    case 'cases':
      return exportCases(ctx, user, casesQuery(args), outFile);
    case 'decisions':
      return exportDecisions(ctx, user, requireOption(args, 'meeting'), outFile);
    case 'notice':
      return exportNotice(ctx, user, requireOption(args, 'batch'), outFile);
    case 'sample':
      return exportSample(ctx, user, requireOption(args, 'draw'), outFile);
    default: {
      const never: never = what;
      throw new UsageError(`unknown export ${String(never)}`);
    }
  }
}

const summaryLine = (file: SavedFile) => `${file.path}\t${file.rows} rows\t${file.bytes} bytes\tsha256 ${file.sha256}`;

export const exportCommand: Command = {
  usage: `export --db FILE --as USERNAME --what ${exportKinds.join('|')} [--meeting ID | --batch ID | --draw ID] [--street CODE] [--community CODE] [--category C] [--status S] [--search TEXT] [--out FILE.xlsx]`,
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'as', 'what', 'meeting', 'batch', 'draw', ...caseFilters, 'out'], flags: [] });
    const what = requireOption(args, 'what');
    if (!isKind(what)) throw new UsageError(`--what must be one of ${exportKinds.join(', ')}, got "${what}"`);
    checkOptions(args, what);
    const as = requireOption(args, 'as');
    const outOption = optionalOption(args, 'out');
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const user = await rosterUserNamed(backend.ctx.db, as);
      out(summaryLine(await run(backend.ctx, user, what, args, outOption === undefined ? undefined : resolve(outOption))));
    } finally {
      await backend.close();
    }
  },
};

export const importTemplateCommand: Command = {
  usage: 'import-template --out FILE.xlsx',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['out'], flags: [] });
    out(summaryLine(writeImportTemplate(resolve(requireOption(args, 'out')))));
  },
};
