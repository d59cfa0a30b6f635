// A file made ready to import: read, its header row and columns found (by the standard headers, a mapping
// named or given, or else any saved mapping that fits), every row read with its field's rule and the
// households grouped. Pure but for the parse: nothing here touches the database.
import { createHash } from 'node:crypto';
import { importFieldHeaders, standardColumns, type ImportColumns, type ImportField, type ImportMapping } from '../../../shared/import/fields';
import { groupHouseholds, type ImportedHousehold } from '../../../shared/import/households';
import { findLayout, type SheetLayout } from '../../../shared/import/layout';
import type { RowRefusal } from '../../../shared/import/report';
import { MAX_IMPORT_ROWS, readPeople } from '../../../shared/import/rows';
import { readSpreadsheet, type SpreadsheetFormat } from '../spreadsheet/workbook-read';
import { AppError } from '../../../shared/result';

export const STANDARD_MAPPING = '标准模板';

export type ImportPlan = {
  fileName: string;
  sha256: string;
  format: SpreadsheetFormat;
  encoding: 'utf-8' | 'gb18030' | null;
  sheet: string;
  layout: SheetLayout;
  mapping: string | null;
  rows: number;
  households: ImportedHousehold[];
  /** Households counted in the file, those refused on their rows included. */
  householdCount: number;
  refused: RowRefusal[];
  labelOf(field: ImportField | null): string;
};

export type MappingChoice = { name: string } | { columns: ImportColumns } | undefined;

function chooseLayout(grid: Parameters<typeof findLayout>[0], choice: MappingChoice, saved: readonly ImportMapping[]): { layout: SheetLayout; mapping: string | null } {
  if (choice && 'columns' in choice) {
    const layout = findLayout(grid, choice.columns);
    if (!layout) throw new AppError('validation', '工作表是空的，没有可导入的内容');
    return { layout, mapping: layout.unmapped.length === 0 ? '（本次选择的对应关系）' : null };
  }
  if (choice) {
    const named = saved.find((m) => m.name === choice.name);
    if (!named) throw new AppError('not-found', `没有名为“${choice.name}”的列对应关系，请先在导入页面保存`);
    const layout = findLayout(grid, named.columns);
    if (!layout) throw new AppError('validation', '工作表是空的，没有可导入的内容');
    return { layout, mapping: layout.unmapped.length === 0 ? named.name : null };
  }
  const standard = findLayout(grid, standardColumns);
  if (!standard) throw new AppError('validation', '工作表是空的，没有可导入的内容');
  if (standard.unmapped.length === 0) return { layout: standard, mapping: STANDARD_MAPPING };
  // A layout mapped once is recognised again: the first saved mapping every column of which is found.
  for (const m of saved) {
    const layout = findLayout(grid, m.columns);
    if (layout && layout.unmapped.length === 0) return { layout, mapping: m.name };
  }
  return { layout: standard, mapping: null };
}

export function planImport(bytes: Uint8Array, fileName: string, choice: MappingChoice, saved: readonly ImportMapping[], today: string): ImportPlan {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const read = readSpreadsheet(bytes);
  const { layout, mapping } = chooseLayout(read.grid, choice, saved);
  const labelOf = (f: ImportField | null) => (f === null ? '' : (layout.labels[layout.columnOf[f] ?? -1] ?? importFieldHeaders[f]));
  const base = { fileName, sha256, format: read.format, encoding: read.encoding, sheet: read.grid.name, layout, mapping, labelOf };
  if (mapping === null) return { ...base, rows: 0, households: [], householdCount: 0, refused: [] };
  const people = readPeople(read.grid, layout, today);
  if (people.rows === 0) throw new AppError('validation', `工作表“${read.grid.name}”在表头（第 ${layout.headerRow} 行）下面没有数据行`);
  if (people.rows > MAX_IMPORT_ROWS) throw new AppError('validation', `工作表“${read.grid.name}”有 ${people.rows.toLocaleString('en-US')} 行人员，一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行；请按社区分成几个文件导入`);
  const grouped = groupHouseholds(people.people, labelOf, people.refusedHeads);
  const refused = [...people.refused, ...grouped.refused].sort((a, b) => a.row - b.row);
  return { ...base, rows: people.rows, households: grouped.households, householdCount: people.heads.size, refused };
}
