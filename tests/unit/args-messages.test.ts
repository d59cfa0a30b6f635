// Every refusal of a call's arguments reaches the person in Chinese, naming the field as the form calls
// it. The schemas are walked, not listed: a new command or field is covered the day it is added.
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { allCommands } from '../../electron/backend/commands/all';
import { argsErrorMessage, parseArgs } from '../../electron/backend/validation';
import { contract } from '../../shared/api';
import { desktopContract } from '../../shared/desktop';
import { fieldLabelOf, fieldLabels } from '../../shared/field-labels';

type Def = { type: string; [key: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every object path in a schema (["quorum","kind"], ["seed","digits"], …), unions and wrappers looked through. */
function objectPaths(schema: z.ZodType, prefix: string[] = [], seen = new Set<z.ZodType>()): string[][] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const d = defOf(schema);
  switch (d.type) {
    case 'object':
      return Object.entries(d['shape'] as Record<string, z.ZodType>).flatMap(([k, v]) => [[...prefix, k], ...objectPaths(v, [...prefix, k], seen)]);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return objectPaths(d['innerType'] as z.ZodType, prefix, seen);
    case 'pipe':
      return [...objectPaths(d['in'] as z.ZodType, prefix, seen), ...objectPaths(d['out'] as z.ZodType, prefix, seen)];
    case 'array':
      return objectPaths(d['element'] as z.ZodType, prefix, seen);
    case 'union':
      return (d['options'] as z.ZodType[]).flatMap((o) => objectPaths(o, prefix, seen));
    case 'intersection':
      return [...objectPaths(d['left'] as z.ZodType, prefix, seen), ...objectPaths(d['right'] as z.ZodType, prefix, seen)];
    default:
      return [];
  }
}

const schemas: [string, z.ZodType][] = [
  ...Object.entries(contract).map(([name, c]) => [name, c.args] as [string, z.ZodType]),
  ...allCommands().map((c) => [`${c.name} (command)`, c.args] as [string, z.ZodType]),
  ...Object.entries(desktopContract).map(([name, c]) => [name, c.args] as [string, z.ZodType]),
];

// What a forged or mistyped call sends: wrong types, empties, the absurdly long, the negative, the fractional.
const badValues: unknown[] = [1e20, -1, 1.5, '', ' ', 'x', '9'.repeat(30), '字'.repeat(10_001), {}, [], [1, 2], null, true, { a: 1 }];

function nest(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function refusal(schema: z.ZodType, raw: unknown): string | null {
  const parsed = parseArgs(schema, raw);
  return parsed.success ? null : argsErrorMessage(parsed.error);
}

describe('argument refusals', () => {
  test('every argument field of every channel, command and desktop channel has a Chinese name', () => {
    const missing = new Set<string>();
    for (const [name, schema] of schemas) for (const path of objectPaths(schema)) if (fieldLabelOf(path) === 'unknown') missing.add(`${name}: ${path.join('.')}`);
    expect([...missing]).toEqual([]);
    for (const { label } of Object.values(fieldLabels)) expect(label).toMatch(/^[\u3400-\u9fff“”（）]+$/u);
  });

  test('no refusal of any schema shows a Latin letter: zod English and programme names never reach a person', () => {
    let checked = 0;
    const leaks: string[] = [];
    for (const [name, schema] of schemas) {
      const inputs: unknown[] = [{}, 'abc', [], 42, { unexpectedField: 1 }];
      for (const path of objectPaths(schema)) for (const value of badValues) inputs.push(nest(path, value));
      for (const input of inputs) {
        const message = refusal(schema, input);
        if (message === null) continue;
        checked += 1;
        if (/[A-Za-z]/.test(message) || !/[\u3400-\u9fff]/u.test(message)) leaks.push(`${name} ${JSON.stringify(input).slice(0, 60)} → ${message}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });

  test('the decision dialog’s 30-digit amount is refused as too long, in the field’s own words', () => {
    const args = { meetingId: 'm', itemId: 'i', outcome: 'approve', reason: '', amountYuan: '9'.repeat(30), votesFor: 5, votesAgainst: 0, votesAbstain: 0, notes: '' };
    expect(refusal(contract['meetings.recordDecision'].args, args)).toBe('金额过长：最多 20 位');
  });

  test('a missing field, a wrong type and a stray key each get their own sentence', () => {
    const schema = contract['notices.recordObjection'].args;
    expect(refusal(schema, {})).toMatch(/^缺少公示批次/);
    expect(refusal(contract['meetings.setAttendance'].args, { meetingId: 'm', attendanceId: 'a', attendance: 'asleep' })).toBe('出席情况不是可选的值之一');
    expect(refusal(contract['meetings.recordDecision'].args, { meetingId: 'm', itemId: 'i', outcome: 'approve', votesFor: '5', votesAgainst: 0, votesAbstain: 0 })).toBe('赞成票数的格式不对，应为数字');
    const stray = refusal(contract['cases.list'].args, { extra: 1 });
    expect(stray).toBe('提交的内容含有这项操作不接受的项目');
    expect(stray).not.toContain('extra');
  });

  test('a schema’s own Chinese message keeps its words and gains the field’s name where it lacks one', () => {
    expect(refusal(contract['meetings.removeItem'].args, { meetingId: 'm', itemId: 'i', reason: '理'.repeat(201) })).toBe('移出议程的理由不能超过 200 个字');
    expect(refusal(contract['notices.recordObjection'].args, { batchId: 'b', caseId: 'c', receivedOn: '2026-11-22', objector: '', channel: 'visit', content: ' ' })).toBe('请填写异议内容');
    expect(refusal(contract['notices.setPeriod'].args, { batchId: 'b', startDate: '2026-11-23', endDate: '2026-11-2x' })).toBe('公示结束日期应为“年-月-日”格式的日期，如 2026-11-22');
  });

  test('a forged call with many faults is told the first three and how many more', () => {
    const message = refusal(contract['meetings.recordDecision'].args, { meetingId: 1, itemId: 2, outcome: 3, reason: 4, amountYuan: 5, votesFor: 'a', votesAgainst: 'b', votesAbstain: 'c', notes: 6 });
    expect(message).toMatch(/^[^；]+；[^；]+；[^；]+；另有 \d+ 处不符合要求$/);
  });
});
