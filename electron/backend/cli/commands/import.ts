// `import --db FILE --as USERNAME --file F [--mapping NAME] [--dry-run] [--progress] --json`: a
// spreadsheet's applications checked and (unless --dry-run) imported, all or nothing, as that user. Exit 0
// when every row is good (and written), 1 when any is refused (nothing written).
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ImportProgress } from '../../../../shared/import/report';
import { AppError } from '../../../../shared/result';
import { planImport } from '../../imports/import-plan';
import { runImport } from '../../imports/import-run';
import { savedMappings } from '../../imports/mappings';
import { MAX_IMPORT_BYTES } from '../../spreadsheet/workbook-read';
import { rosterUserNamed } from '../../session/session';
import { optionalOption, parseArgs, requireOption } from '../args';
import { openCliBackend } from '../open';
import type { Command } from './types';

const phaseWords: Record<ImportProgress['phase'], string> = { read: '读取', check: '已检查', write: '已写入' };

export const importCommand: Command = {
  usage: 'import --db FILE --as USERNAME --file F [--mapping NAME] [--dry-run] [--progress] [--json]',
  async run(argv, out) {
    const args = parseArgs(argv, { values: ['db', 'as', 'file', 'mapping'], flags: ['dry-run', 'progress', 'json'] });
    const file = resolve(requireOption(args, 'file'));
    const size = statSync(file, { throwIfNoEntry: false })?.size;
    if (size === undefined) throw new AppError('not-found', `文件不存在：${file}`);
    if (size > MAX_IMPORT_BYTES) throw new AppError('validation', `文件有 ${(size / 1024 / 1024).toFixed(1)} MB，超过导入上限 20 MB；请按社区分成几个文件导入`);
    const mapping = optionalOption(args, 'mapping');
    const progress = args.options.has('progress');
    const backend = await openCliBackend(requireOption(args, 'db'));
    try {
      const ctx = backend.ctx;
      const user = await rosterUserNamed(ctx.db, requireOption(args, 'as'));
      const plan = planImport(readFileSync(file), basename(file), mapping ? { name: mapping } : undefined, await savedMappings(ctx.db), ctx.clock.today());
      const report = await runImport(ctx, user, plan, {
        write: !args.options.has('dry-run'),
        token: randomUUID(),
        onProgress: progress ? (p) => process.stderr.write(`${phaseWords[p.phase]} ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} 行\n`) : undefined,
      });
      if (report.unmapped.length > 0) {
        report.refused.push({ row: report.headerRow, column: '', message: `找不到这些列：${report.unmapped.join('、')}；请用 --mapping 指定在导入页面保存的列对应关系` });
      }
      const { rows, households, accepted, refused, ...rest } = report;
      if (args.options.has('json')) out(JSON.stringify({ rows, households, accepted, refused, unchanged: rest.unchanged, added: rest.added, written: rest.written, mapping: rest.mapping, sheet: rest.sheet, format: rest.format, encoding: rest.encoding, sha256: rest.sha256 }));
      else {
        out(`${rows} 行，${households} 户；可导入 ${accepted} 行，不能导入 ${refused.length} 处；${rest.written ? `已写入：新增 ${rest.added.households} 户、${rest.added.cases} 件申请` : '未写入'}`);
        for (const r of refused) out(`  第 ${r.row} 行 ${r.column}：${r.message}`);
      }
      return refused.length === 0 ? 0 : 1;
    } finally {
      await backend.close();
    }
  },
};
