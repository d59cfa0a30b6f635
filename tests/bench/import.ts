// Spreadsheet import (issue 16): 20,000 people (8,000 households) in the standard template, as .xlsx and
// as CSV, each checked and imported in a fresh process on a fresh database; medians of 3 runs, with the
// child's peak RSS (node, tsx and the backend included).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateCsv, templateRows, templateXlsx } from '../helpers/import-file';

const RUNS = 3;
const ROWS = 20_000;

type ChildResult = { bytes: number; rows: number; households: number; readMs: number; checkMs: number; writeMs: number; maxRssBytes: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

export function benchImport(dir: string): void {
  const rows = templateRows(ROWS);
  const files = { xlsx: join(dir, 'import-20000.xlsx'), csv: join(dir, 'import-20000.csv') };
  writeFileSync(files.xlsx, templateXlsx(rows));
  writeFileSync(files.csv, templateCsv(rows));
  for (const [format, file] of Object.entries(files)) {
    const results: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/import-child.ts', file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      if (child.status !== 0) throw new Error(`import bench child failed: ${child.stderr}`);
      results.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildResult);
    }
    const r = results[0]!;
    const label = `import ${r.rows.toLocaleString('en-US')} rows / ${r.households.toLocaleString('en-US')} households, ${format} (${mb(r.bytes)})`;
    console.log(
      `${label.padEnd(64)} read ${ms(median(results.map((x) => x.readMs)))}, check ${ms(median(results.map((x) => x.checkMs)))}, import ${ms(median(results.map((x) => x.writeMs)))}; peak RSS ${mb(median(results.map((x) => x.maxRssBytes)))}  (${RUNS} runs)`,
    );
  }
}
