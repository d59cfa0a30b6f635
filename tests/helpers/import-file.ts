// Spreadsheets of any size in the standard import template, for the large-file tests and the benchmark:
// households of one to four people in the minimal world's street, every ID valid and distinct.
import * as XLSX from '@e965/xlsx';
import { citizenIdCheckChar } from '../../shared/citizen-id';
import { standardHeaders } from '../../shared/import/fields';
import { NOW } from './minimal';

const relations = ['本人', '配偶', '子女', '子女'];
const surnames = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗';
const given = '建国秀英志强丽娟海燕文华玉兰明辉桂芳德胜春梅';

/** The p-th person's ID: birth dates walk from 1940 a day at a time, the sequence number takes the rest. */
export function personId(p: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + (p % 24_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `430188${birth}${String(100 + Math.floor(p / 24_000)).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17);
}

/** `people` rows (header not included), households of 1–4 people, `from` numbering the first person. */
export function templateRows(people: number, from = 0): string[][] {
  const rows: string[][] = [];
  const appliedOn = NOW.slice(0, 10);
  let p = from;
  let h = 0;
  while (rows.length < people) {
    const size = Math.min(1 + (h % 4), people - rows.length);
    const head = personId(p);
    const community = h % 3 === 0 ? '430188001002' : '430188001001';
    for (let i = 0; i < size; i++, p++) {
      const name = surnames[p % surnames.length]! + given[(p * 7) % given.length]! + given[(p * 3 + 1) % given.length]!;
      rows.push([community, head, name, personId(p), relations[i]!, '低保对象', '新申请', appliedOn, String(300 + (h % 900)), `1380013${String(h % 10000).padStart(4, '0')}`, `望江路${h}号`]);
    }
    h += 1;
  }
  return rows;
}

export function templateCsv(rows: readonly string[][]): string {
  return [standardHeaders.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

/** The rows as an .xlsx whose every cell is text, as a careful export writes IDs. */
export function templateXlsx(rows: readonly string[][]): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([standardHeaders as string[], ...rows.map((r) => [...r])], { cellDates: false });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '导入模板');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
