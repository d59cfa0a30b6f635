// Checking and importing a planned file. Both run every part through cases.import in one transaction at
// the desk: a check keeps nothing, an import keeps everything or, if any row is refused, nothing. So the
// check is the import's own rules, not a second copy of them, and a file that checked clean imports clean
// unless the data changed in between (then the import refuses, with the rows).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { HOUSEHOLDS_PER_PART, type ImportCommandArgs, type ImportPartResult } from '../../../shared/import/command-args';
import type { ImportProgress, ImportReport, RowRefusal } from '../../../shared/import/report';
import type { SessionUser } from '../../../shared/domain';
import { canWriteStreet } from '../../../shared/access';
import { assertAllowed } from '../session/access';
import type { BackendContext } from '../context';
import { runPartsAtDesk } from '../commands/desk';
import type { AnyCommand } from '../commands/command';
import { importApplications, type PartRefusal } from './import-command';
import type { ImportPlan } from './import-plan';

export type RunOptions = { write: boolean; token: string; onProgress?: (p: ImportProgress) => void };

function partsOf(plan: ImportPlan, streetCode: string): ImportCommandArgs[] {
  const parts: ImportCommandArgs['households'][] = [];
  for (let i = 0; i < plan.households.length; i += HOUSEHOLDS_PER_PART) parts.push(plan.households.slice(i, i + HOUSEHOLDS_PER_PART));
  return parts.map((households, i) => ({ streetCode, fileName: plan.fileName, sha256: plan.sha256, part: i + 1, parts: parts.length, households }));
}

function rowsIn(part: ImportCommandArgs): number {
  return part.households.reduce((n, h) => n + h.members.length, 0);
}

export async function runImport(ctx: BackendContext, user: SessionUser, plan: ImportPlan, options: RunOptions): Promise<ImportReport> {
  const report: ImportReport = {
    fileName: plan.fileName, sha256: plan.sha256, format: plan.format, encoding: plan.encoding, sheet: plan.sheet, headerRow: plan.layout.headerRow,
    headers: plan.layout.labels.filter(Boolean), mapping: plan.mapping, unmapped: plan.mapping === null ? plan.layout.unmapped.map(String) : [],
    rows: plan.rows, households: plan.householdCount, accepted: 0, unchanged: 0, refused: [...plan.refused],
    added: { households: 0, members: 0, cases: 0 }, written: false, token: options.token,
  };
  if (plan.mapping === null) return report;
  // A bureau account has no street to import into: refused as a whole, before a row is checked.
  assertAllowed(canWriteStreet(user, user.regionCode, '导入申请'));
  const parts = partsOf(plan, user.regionCode);
  const phase = options.write ? 'write' : 'check';
  let done = 0;
  options.onProgress?.({ phase, done, total: plan.rows });
  const { outcomes, committed } = await runPartsAtDesk(ctx, importApplications as unknown as AnyCommand, parts, user, {
    commit: options.write && plan.refused.length === 0,
    between: async (n) => {
      done += rowsIn(parts[n - 1]!);
      options.onProgress?.({ phase, done, total: plan.rows });
      // Lets the progress event out while the transaction is open.
      await nextTurn();
    },
  });
  // Rows refused before the parts (their households never ran) are checked too: the count ends at the total.
  if (done < plan.rows) options.onProgress?.({ phase, done: plan.rows, total: plan.rows });
  for (const o of outcomes) {
    if (o.ok) {
      const r = o.value as ImportPartResult;
      report.unchanged += r.unchanged;
      if (committed) {
        report.added.households += r.added.households;
        report.added.members += r.added.members;
        report.added.cases += r.added.cases;
      }
    } else {
      const refusals = (o.error.details as { refusals?: PartRefusal[] } | undefined)?.refusals;
      const rows: RowRefusal[] = refusals ? refusals.map((r) => ({ row: r.row, column: plan.labelOf(r.field), message: r.message })) : [{ row: 0, column: '', message: o.error.message }];
      report.refused.push(...rows);
    }
  }
  report.refused.sort((a, b) => a.row - b.row);
  report.accepted = Math.max(0, plan.rows - new Set(report.refused.filter((r) => r.row > 0).map((r) => r.row)).size);
  report.written = committed;
  return report;
}
