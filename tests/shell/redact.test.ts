// The log's masking (issue 21, item 6): phone numbers in every form people write them, ID numbers in
// groups and with X, full-width digits; and what must stay readable for the technician reading the log.
import { describe, expect, it } from 'vitest';
import { redact } from '../../electron/redact';

describe('redact: phone numbers', () => {
  it.each([
    ['13812345678', '[手机号]'],
    ['+86 138 1234 5678', '[手机号]'],
    ['+86-138-1234-5678', '[手机号]'],
    ['+8613812345678', '[手机号]'],
    ['+86 13812345678', '[手机号]'],
    ['0086 138 1234 5678', '[手机号]'],
    ['008613812345678', '[手机号]'],
    ['86-13812345678', '[手机号]'],
    ['138-1234-5678', '[手机号]'],
    ['138 1234 5678', '[手机号]'],
    ['１３８１２３４５６７８', '[手机号]'],
    ['＋８６ １３８ １２３４ ５６７８', '[手机号]'],
    ['１３８－１２３４－５６７８', '[手机号]'],
    ['电话:19912345678。', '电话:[手机号]。'],
    ['tel13812345678x', 'tel[手机号]x'],
    ['0731-84441234', '[电话]'],
    ['010 6512 3456', '[电话]'],
    ['+86 731 8444 1234', '[电话]'],
  ])('%s', (input, masked) => {
    expect(redact(`联系 ${input} 核实`)).toBe(`联系 ${masked} 核实`);
    expect(redact(input)).not.toMatch(/\d{4}/);
  });
});

describe('redact: ID numbers', () => {
  it.each([
    '110101199003071234',
    '11010119900307123X',
    '11010119900307123x',
    '110101 19900307 1234',
    '110101 19900307 123X',
    '1101 0119 9003 0712 34',
    '1101 0119 9003 0712 3x',
    '110 101 199 003 071 234',
    '１１０１０１１９９００３０７１２３４',
    '１１０１０１　１９９００３０７　１２３Ｘ',
    '110101900307123',
  ])('%s', (id) => {
    expect(redact(`身份证 ${id}，户主`)).toBe('身份证 [身份证号]，户主');
  });

  it('masks an ID run into letters on either side', () => {
    expect(redact('id=110101199003071234&x')).toBe('id=[身份证号]&x');
  });
});

describe('redact: what stays readable', () => {
  it.each([
    'case 430188001-202506-001 saved',
    'cases 430188001-202506-001, 430188001-202506-002',
    'at 2026-11-30T01:02:03.000Z',
    'meeting on 2026-11-30 (2026年11月30日)',
    'amount 1234.56 yuan, 12,345.00 total',
    '496632 rows, schema 4, 1200 households',
    'pushed 100 (rejected 0), pulled 2000 changes in 3 pages',
    'user 008f816d-12e1-41f4-a23f-b7d4a70d637e',
    'street 430188001 community 430188001002',
    'took 1733212345678 ms',
    'version 0.1.0, port 4620',
    'sequence 20261130 0001',
  ])('%s', (text) => {
    expect(redact(text)).toBe(text);
  });
});
