// The proof document of the PDF engine: a community's case list, read back with poppler.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict } from '../../electron/backend/demo/generator';
import { writeCommunityCaseList } from '../../electron/backend/pdf/community-cases';
import { renderPdf, documentCharacters } from '../../electron/backend/pdf/render';
import { resolveFonts } from '../../electron/backend/pdf/fonts';
import { listCases } from '../../electron/backend/cases/case-list';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { gbDocument } from '../../templates/page';
import { AppError } from '../../shared/result';
import { freshDatabase } from '../helpers/db';
import { testContext } from '../helpers/minimal';
import { pdfFonts, pdfPages, pdfText } from '../helpers/pdf';

let t: Awaited<ReturnType<typeof freshDatabase>>;
let file: string;
let community: string;
beforeAll(async () => {
  t = await freshDatabase();
  generateDistrict(t.handle, { households: 1500, seed: 7 });
  const ctx = testContext(t.handle, t.dir);
  // The community with the most cases, so the list runs over several pages.
  const row = t.handle.sqlite
    .prepare("SELECT community_code AS code FROM cases WHERE street_code = '430188001' GROUP BY community_code ORDER BY count(*) DESC LIMIT 1")
    .get() as { code: string };
  community = row.code;
  file = (await writeCommunityCaseList(ctx, 'tester', '430188001', community, join(t.dir, 'list.pdf'))).path;
});
afterAll(async () => t.cleanup());

describe('community case list PDF', () => {
  it('has extractable Chinese text: title, every case number and household head', async () => {
    const text = pdfText(file);
    const name = t.handle.sqlite.prepare('SELECT name FROM regions WHERE code = ?').pluck().get(community) as string;
    expect(text).toContain(`${name}社会救助个案清单`);
    expect(text).toContain('内部工作资料');
    const cases = await listCases(t.handle.db, '430188001', { communityCode: community });
    expect(cases.length).toBeGreaterThan(40);
    const flat = text.replace(/\s+/g, '');
    for (const c of cases) {
      expect(flat).toContain(c.caseNo);
      expect(flat).toContain(c.headName);
    }
  });

  it('embeds only subset CJK fonts, no Type 3 and nothing unembedded', () => {
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) {
      expect(f, f.name).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(f.name).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)CJKsc-/);
      expect(f.type).not.toMatch(/Type 3/);
    }
  });

  it('numbers its pages "第 x 页 共 y 页" and repeats the header row on each page', () => {
    const pages = pdfPages(file);
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(file);
    // poppler drops the thin spaces between CJK glyphs, so compare without whitespace.
    const flat = text.replace(/\s+/g, '');
    for (let p = 1; p <= pages; p++) expect(flat).toContain(`第${p}页共${pages}页`);
    expect(flat).not.toContain(`第${pages + 1}页`);
    expect(text.match(/案件编号/g)?.length).toBe(pages);
  });

  it('is A4 landscape with the GB/T 9704 margins turned with the sheet', () => {
    const bytes = readFileSync(file).toString('latin1');
    expect(bytes).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it('refuses a community outside the jurisdiction or a code that is not a community', async () => {
    const ctx = testContext(t.handle, t.dir);
    await expect(writeCommunityCaseList(ctx, 'tester', '430188001', '430188002001')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(writeCommunityCaseList(ctx, 'tester', '430188001', '430188001')).rejects.toMatchObject({ code: 'validation' });
  });

  it('writes the print to the audit log without names', () => {
    const rows = t.handle.sqlite.prepare("SELECT action, entity_id, details_json FROM audit_log WHERE action = 'pdf.print'").all() as { entity_id: string; details_json: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.entity_id).toBe(community);
    expect(rows[0]!.details_json).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('font resolution', () => {
  it('falls back to the bundled fonts and names what official fonts are missing', () => {
    const { fonts, officialMissing } = resolveFonts({ bundledDir: bundledFontsDir(), systemDirs: [] });
    expect(Object.values(fonts).every((f) => f.source === 'bundled')).toBe(true);
    expect(officialMissing).toEqual(['方正小标宋简体', '仿宋_GB2312', '黑体']);
  });

  it('refuses to make a PDF with tofu and says which characters are missing', async () => {
    const doc = gbDocument({ title: 't', content: [{ text: '户主：王\u{1F600}明' }], footer: 'gongwen' });
    expect(documentCharacters(doc).has('\u{1F600}')).toBe(true);
    const error = await renderPdf(doc, { bundledDir: bundledFontsDir(), systemDirs: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('font-missing');
    expect((error as AppError).message).toContain('\u{1F600}');
  });

  it('renders rare name characters from CJK Extension A and B with the bundled fonts', async () => {
    const out = join(t.dir, 'rare.pdf');
    const doc = gbDocument({ title: 't', content: [{ text: '王䶮、李㛃、陈𠀾' }], footer: 'gongwen' });
    const pdf = await renderPdf(doc, { bundledDir: bundledFontsDir(), systemDirs: [] });
    (await import('node:fs')).writeFileSync(out, pdf.buffer);
    expect(pdfText(out)).toContain('王䶮、李㛃、陈𠀾');
    expect(pdfText(out).replace(/\s+/g, '')).toContain('—1—');
  });
});
