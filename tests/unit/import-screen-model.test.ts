// What the import screen works out itself (renderer/screens/cases/import/model.ts): the size limit before
// reading, the base64 sent, where the column mapping starts, and the refusals listed.
import { describe, expect, it } from 'vitest';
import { importFields, standardColumns, standardHeaders } from '../../shared/import/fields';
import { importArgs } from '../../shared/import/report';
import {
  MAX_FILE_BYTES,
  base64OfDataUrl,
  choiceFor,
  completeColumns,
  fieldLabel,
  formatLabel,
  initialColumns,
  progressPercent,
  progressText,
  refusalsShown,
  refusedRowCount,
  sizeProblem,
  unchosenColumns,
} from '../../renderer/screens/cases/import/model';

describe('the import screen', () => {
  it('refuses a file over 20 MB before reading it, and reads one of exactly 20 MB', () => {
    expect(sizeProblem('a.xlsx', MAX_FILE_BYTES)).toBeNull();
    expect(sizeProblem('大表.xlsx', MAX_FILE_BYTES + 1)).toContain('超过导入上限 20 MB');
  });

  it('takes the base64 of a data: URL, an empty file included', () => {
    const bytes = Buffer.from('社区代码,户主身份证号\n', 'utf8');
    const url = `data:text/csv;base64,${bytes.toString('base64')}`;
    expect(Buffer.from(base64OfDataUrl(url), 'base64').equals(bytes)).toBe(true);
    expect(base64OfDataUrl('data:')).toBe('');
    // A file of exactly 20 MB is within what the contract takes.
    expect(importArgs.check.safeParse({ fileName: 'a.csv', contentBase64: Buffer.alloc(MAX_FILE_BYTES).toString('base64') }).success).toBe(true);
  });

  it('starts each field on its own header, a name the provincial system gives it, or the column a saved mapping names', () => {
    const headers = ['序号', '社区代码', '户主身份证号码', '成员姓名', '公民身份号码', '与户主关系', '救助类别', '事项', '申请日期', '家庭月总收入(元)', '联系电话', '家庭住址'];
    const start = initialColumns(headers);
    // 家庭月总收入(元) is 家庭月总收入（元） to the service: the same header; the others are the provincial names.
    expect(start).toMatchObject({ communityCode: '社区代码', monthlyIncome: '家庭月总收入(元)', headCitizenId: '户主身份证号码', name: '成员姓名', citizenId: '公民身份号码' });
    const unknown = initialColumns(['序号', '甲', '乙', '与户主关系']);
    expect(Object.keys(unchosenColumns(unknown))).toEqual(['communityCode', 'headCitizenId', 'name', 'citizenId', 'category', 'kind', 'appliedOn', 'monthlyIncome', 'phone', 'address']);
    expect(completeColumns(unknown)).toBeNull();
    const saved = { ...standardColumns, headCitizenId: '户主身份证号码', name: '成员姓名', citizenId: '公民身份号码', monthlyIncome: '家庭月总收入(元)' };
    const fromSaved = initialColumns(headers, saved);
    expect(completeColumns(fromSaved)).toEqual(saved);
    expect(completeColumns(initialColumns(standardHeaders))).toEqual(standardColumns);
    // A column the file no longer has is no choice.
    expect(choiceFor({ ...fromSaved, phone: '电话' }, headers).phone).toBe('');
    expect(importFields.map(fieldLabel)).toEqual(standardHeaders);
    expect(fieldLabel('unknown')).toBe('unknown');
  });

  it('lists refusals by row, the first 500, and counts rows not refusals', () => {
    const refused = [
      { row: 9, column: '身份证号', message: 'a' },
      { row: 3, column: '社区代码', message: 'b' },
      { row: 3, column: '申请日期', message: 'c' },
      { row: 0, column: '', message: '整个文件' },
    ];
    expect(refusalsShown(refused).shown.map((r) => r.message)).toEqual(['整个文件', 'b', 'c', 'a']);
    expect(refusedRowCount(refused)).toBe(2);
    const many = Array.from({ length: 1234 }, (_, i) => ({ row: 1234 - i + 1, column: '姓名', message: '请填写姓名' }));
    const list = refusalsShown(many);
    expect(list.shown).toHaveLength(500);
    expect(list.more).toBe(734);
    expect(list.shown[0]!.row).toBe(2);
  });

  it('says the format and the progress in Chinese', () => {
    expect(formatLabel({ format: 'csv', encoding: 'gb18030' })).toBe('CSV 文本（GBK 编码）');
    expect(formatLabel({ format: 'xlsx', encoding: null })).toContain('.xlsx');
    expect(progressText({ phase: 'check', done: 5000, total: 20000 }, false)).toBe('已检查 5,000 / 20,000 行');
    expect(progressText({ phase: 'write', done: 400, total: 400 }, false)).toBe('已导入 400 / 400 行');
    expect(progressText({ phase: 'read', done: 0, total: 0 }, false)).toBe('正在读取文件…');
    expect(progressPercent({ phase: 'check', done: 5000, total: 20000 })).toBe(25);
    expect(progressPercent(null)).toBeNull();
  });
});
