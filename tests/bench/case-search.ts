// The cases query on the bureau's copy of a large district (46,300 households, about 100,000 cases, the
// size a bureau desk holds after a full pull): the whole district as the grid first loads it, one street,
// and searches (a member who is not the household head, a case number typed in full-width digits).
import { join } from 'node:path';
import { openDatabase } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { listCases } from '../../electron/backend/cases/case-list';
import type { CaseListQuery } from '../../shared/domain';

const HOUSEHOLDS = 46_300;
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchCaseSearch(dir: string): Promise<void> {
  const h = openDatabase(join(dir, 'search.sqlite'));
  await migrateToLatest(h);
  const t0 = performance.now();
  generateDistrict(h, { households: HOUSEHOLDS });
  console.log(`${`cases query: generate ${HOUSEHOLDS.toLocaleString('en')} households`.padEnd(64)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const member = h.sqlite.prepare("SELECT m.name FROM members m JOIN cases c ON c.household_id = m.household_id WHERE m.relation = 'child' LIMIT 1").pluck().get() as string;
  const caseNo = h.sqlite.prepare("SELECT case_no FROM cases WHERE street_code = '430188003' LIMIT 1").pluck().get() as string;
  const fullWidth = caseNo.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const queries: [string, CaseListQuery][] = [
    ['whole district', {}],
    ['one street (430188003)', { streetCode: '430188003' }],
    [`search a member's name (${member})`, { search: member }],
    ['search a case number in full-width digits', { search: fullWidth }],
  ];
  for (const [label, query] of queries) {
    const ms: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      rows = (await listCases(h.db, '430188', query)).length;
      ms.push(performance.now() - s);
    }
    console.log(`${`cases query, ${label}`.padEnd(64)} median ${median(ms).toFixed(1).padStart(8)} ms  (${RUNS} runs, ${rows} rows)`);
  }
  await h.close();
}
