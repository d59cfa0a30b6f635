// A long notice table is laid out a column at a time, with its rules drawn once per page by the footer
// (templates/notice-rules.ts), instead of a pdfmake row per household ruled per cell. The printed page
// must not change: the same notice rendered both ways, with uncompressed page streams, has on every page
// the same text drawn in the same places (in another order: column by column) and the same rules (each
// rule's segments joined, compared to 0.01 pt), and the same notice renders to the same bytes twice. The fixture is the benchmark's street file: communities on their own pages, long names that
// wrap inside their cell.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../../electron/backend/pdf/render';
import { bundledFontsDir } from '../../electron/backend/app-root';
import { noticeDocumentDefinition, type NoticeLayoutOptions } from '../../templates/notice';
import { standingNotice } from '../bench/notice-fixture';

const fonts = { bundledDir: bundledFontsDir(), systemDirs: [] };

/** The notice with pdfkit's stream compression off, so that the page content can be read. */
async function plain(rows: number, sections: 1 | 10, options: NoticeLayoutOptions = {}): Promise<{ streams: string[]; pages: string[] }> {
  const def: TDocumentDefinitions = { ...noticeDocumentDefinition(standingNotice(rows, sections), options), compress: false };
  const pdf = await renderPdf(def, fonts);
  const text = pdf.buffer.toString('latin1');
  // Each page's content stream, in page order (pdfkit writes a page's content just before the next page).
  const streams = [...text.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]!).filter((s) => /\bBT\b/.test(s));
  expect(streams.length).toBe(pdf.pages);
  return { streams, pages: pageTexts(pdf.buffer) };
}

type Interval = [number, number];
/** A page's rules: for each line (orientation, position, width), its segments joined where they meet. */
function rules(stream: string): Map<string, Interval[]> {
  const found = new Map<string, Interval[]>();
  let width = '1';
  let from: [number, number] | null = null;
  for (const op of stream.split('\n')) {
    const p = op.trim().split(/\s+/);
    const name = p[p.length - 1];
    if (name === 'w') width = p[0]!;
    else if (name === 'm') from = [Number(p[0]), Number(p[1])];
    else if (name === 'l' && from) {
      const [x, y] = [Number(p[0]), Number(p[1])];
      const key = from[1] === y ? `h ${y.toFixed(2)} ${width}` : from[0] === x ? `v ${x.toFixed(2)} ${width}` : `d ${op}`;
      const span: Interval = from[1] === y ? [Math.min(from[0], x), Math.max(from[0], x)] : [Math.min(from[1], y), Math.max(from[1], y)];
      found.set(key, [...(found.get(key) ?? []), span]);
    }
  }
  for (const [key, spans] of found) {
    spans.sort((a, b) => a[0] - b[0]);
    const joined: Interval[] = [];
    for (const [a, b] of spans) {
      const last = joined[joined.length - 1];
      if (last && a <= last[1] + 0.01) last[1] = Math.max(last[1], b);
      else joined.push([a, b]);
    }
    found.set(key, joined.map(([a, b]) => [Number(a.toFixed(2)), Number(b.toFixed(2))]));
  }
  return found;
}

/**
 * Where a page's lines of text sit: for each baseline, the leftmost place text starts on it. The glyphs
 * themselves are numbered by the font subset in the order they are first drawn, which differs when the
 * table is drawn column by column, and a name pdfmake wraps comes in pieces where the column layout
 * draws it a line at a time; what the page reads is compared through pdftotext.
 */
function textBlocks(stream: string): string[] {
  const lines = new Map<string, number>();
  for (const m of stream.matchAll(/BT\n1 0 0 1 ([\d.-]+) ([\d.-]+) Tm/g)) {
    const [x, y] = [Number(m[1]), Number(m[2]).toFixed(2)];
    lines.set(y, Math.min(lines.get(y) ?? Infinity, x));
  }
  return [...lines].map(([y, x]) => `${y} ${x.toFixed(2)}`).sort();
}

/** What each page reads, through poppler. */
function pageTexts(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'jrd-notice-'));
  try {
    writeFileSync(join(dir, 'n.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'n.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('long notice tables laid out a column at a time, ruled once per page', () => {
  it.each([
    ['the street file, ten communities of 100', 1000, 10],
    ['one table of 1,200 rows', 1200, 1],
  ] as const)('%s: the same text and the same rules on every page as ruled per cell', async (_label, rows, sections) => {
    const columns = await plain(rows, sections);
    const cells = await plain(rows, sections, { longTableFrom: Infinity });
    expect(columns.pages).toEqual(cells.pages);
    const [perPage, perCell] = [columns.streams, cells.streams];
    expect(perPage.length).toBe(perCell.length);
    let ruled = 0;
    for (let i = 0; i < perPage.length; i++) {
      expect(textBlocks(perPage[i]!), `page ${i + 1}`).toEqual(textBlocks(perCell[i]!).sort());
      const a = rules(perPage[i]!);
      const b = rules(perCell[i]!);
      expect(Object.fromEntries(a), `page ${i + 1}`).toEqual(Object.fromEntries(b));
      ruled += a.size;
      // Once per page: one segment per rule, where pdfmake draws one per cell (13 a row).
      const segments = (s: string) => s.split('\n').filter((op) => / l$/.test(op)).length;
      expect(segments(perPage[i]!), `page ${i + 1}`).toBe([...a.values()].reduce((n, s) => n + s.length, 0));
      // (The last page may hold only how to object and the signature.)
      if (a.size > 0) expect(segments(perPage[i]!) * 5, `page ${i + 1}`).toBeLessThan(segments(perCell[i]!));
    }
    // Every page has a ruled table (header, rows and seven column edges).
    expect(ruled).toBeGreaterThan(perPage.length * 10);
  }, 60_000);

  it('renders the same bytes for the same notice', async () => {
    const doc = standingNotice(600, 10);
    const first = await renderPdf(noticeDocumentDefinition(doc), fonts);
    const second = await renderPdf(noticeDocumentDefinition(doc), fonts);
    expect(first.pages).toBeGreaterThan(10);
    expect(second.sha256).toBe(first.sha256);
    expect(Buffer.compare(first.buffer, second.buffer)).toBe(0);
  });
});
