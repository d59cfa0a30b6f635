// pdfmake 0.3 on the Node side only. pdfmake is a process-wide singleton, so fonts and access policies
// are set per render and renders are serialised.
import { createHash } from 'node:crypto';
import * as pdfmakeNamespace from 'pdfmake';
import type { TDocumentDefinitions, DynamicContent } from 'pdfmake/interfaces';
import { fontFamilies, type FontRoleName } from '../../../templates/fonts';
import { AppError } from '../../../shared/result';
import { fontBytes, missingGlyphs, resolveFonts, type FontSearch, type ResolvedFonts } from './fonts';
import { batchPdfkitContentWrites } from './pdfkit-content';
import { fastPdfmakeStyleLookups } from './pdfmake-style';
import { explicitLineEnds } from './pdfmake-line-ends';
import { linearPdfmakeInlines } from './pdfmake-inlines';
import { parsedFont, sharedPdfkitFonts } from './pdfkit-shared-fonts';

batchPdfkitContentWrites();
fastPdfmakeStyleLookups();
explicitLineEnds();
linearPdfmakeInlines();
sharedPdfkitFonts();

// pdfmake's CommonJS export is an instance; Node's ESM loader puts it on `default`, esbuild's CJS bundle
// on the namespace itself.
type PdfMake = typeof pdfmakeNamespace;
function loadPdfMake(): PdfMake {
  return ((pdfmakeNamespace as unknown as { default?: PdfMake }).default ?? pdfmakeNamespace) as PdfMake;
}

export type RenderedPdf = { buffer: Buffer; pages: number; sha256: string; fonts: ResolvedFonts };

// Keys whose string values are layout settings, not printed text.
const NON_TEXT_KEYS = new Set([
  'style', 'font', 'alignment', 'color', 'fillColor', 'layout', 'pageSize', 'pageOrientation', 'decoration',
  'decorationStyle', 'decorationColor', 'id', 'pageBreak', 'width', 'widths', 'heights', 'image', 'svg', 'link',
  'linkToDestination', 'background', 'markerColor', 'listType', 'separator', 'type', 'lineColor', 'info',
]);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** XML text with its entities (&amp; &#39; &#x4e2d; …) replaced by the characters they stand for. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The text an SVG prints: what its <text> elements (and their <tspan>s) hold, entities decoded. */
export function svgTextContent(svg: string): string {
  const texts = svg.match(/<text\b[^>]*>[\s\S]*?<\/text>/g) ?? [];
  return texts.map((t) => decodeXmlEntities(t.replace(/<[^>]*>/g, ''))).join('');
}

/** Every character the document prints (templates' footers add only digits, dashes and 第页共). */
export function documentCharacters(doc: unknown): Set<string> {
  const chars = new Set<string>('第页共—0123456789 ');
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const ch of node) chars.add(ch);
    } else if (typeof node === 'number') {
      for (const ch of String(node)) chars.add(ch);
    } else if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        // An SVG's markup is not printed, but the text of its <text> elements is, in the node's fonts.
        if (key === 'svg' && typeof value === 'string') walk(svgTextContent(value));
        else if (!NON_TEXT_KEYS.has(key) && key !== 'styles') walk(value);
      }
    }
  };
  walk({ ...(doc as object), footer: undefined, header: undefined });
  return chars;
}

let queue: Promise<unknown> = Promise.resolve();

export async function renderPdf(
  doc: TDocumentDefinitions,
  fontSearch: FontSearch,
  options: { onProgress?: (fraction: number) => void } = {},
): Promise<RenderedPdf> {
  const run = queue.then(() => renderNow(doc, fontSearch, options));
  queue = run.catch(() => undefined);
  return run;
}

async function renderNow(
  doc: TDocumentDefinitions,
  fontSearch: FontSearch,
  options: { onProgress?: (fraction: number) => void },
): Promise<RenderedPdf> {
  const chars = documentCharacters(doc);
  // One parse of each font per process serves the coverage check and every document (pdfkit-shared-fonts.ts).
  const open = (file: string) => parsedFont(file, fontBytes(file));
  const { fonts } = resolveFonts(fontSearch, chars, open);
  // resolveFonts picks an official font only when it covers every character; the bundled
  // fallbacks are the ones that still need the check.
  for (const role of (Object.keys(fonts) as FontRoleName[]).filter((r) => fonts[r].source === 'bundled')) {
    const missing = missingGlyphs(fonts[role].file, chars, open);
    if (missing.length > 0) {
      throw new AppError('font-missing', `字体“${fonts[role].family}”缺少这些字：${missing.slice(0, 20).join(' ')}，无法生成不缺字的 PDF。请安装包含这些字的字体。`, { missing });
    }
  }
  const pm = loadPdfMake();
  const allowed = new Set(Object.values(fonts).map((f) => f.file));
  // pdfmake looks in its virtual file system before the disk: the fonts' bytes, read once (fonts.ts).
  const vfs = (pm as unknown as { virtualfs: { existsSync(name: string): boolean; writeFileSync(name: string, content: Buffer): void } }).virtualfs;
  for (const file of allowed) {
    if (!vfs.existsSync(file)) vfs.writeFileSync(file, fontBytes(file));
    open(file);
  }
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path: string) => allowed.has(path));
  const family = (role: FontRoleName) => ({
    normal: fonts[role].file,
    bold: fonts[role].file,
    italics: fonts[role].file,
    bolditalics: fonts[role].file,
  });
  pm.setFonts({
    [fontFamilies.title]: family('title'),
    [fontFamilies.body]: family('body'),
    [fontFamilies.heading]: family('heading'),
  });
  // pdfmake calls back for every item it draws (about 35,000 for the 5,000-row notice); in the app each
  // call would be a message from the worker and an event to the window, so only whole percents go on.
  let percent = -1;
  pm.setProgressCallback((p: number) => {
    const now = Math.floor(p * 100);
    if (now === percent || !options.onProgress) return;
    percent = now;
    options.onProgress(p);
  });

  let pages = 0;
  const footer = doc.footer;
  const counted: TDocumentDefinitions = {
    ...doc,
    footer:
      typeof footer === 'function'
        ? ((current, count, size) => {
            pages = Math.max(pages, count);
            return (footer as DynamicContent)(current, count, size);
          }) satisfies DynamicContent
        : footer,
  };
  try {
    const buffer = await pm.createPdf(counted).getBuffer();
    if (pages === 0) pages = countPages(buffer);
    return { buffer, pages, sha256: createHash('sha256').update(buffer).digest('hex'), fonts };
  } catch (error) {
    throw new AppError('pdf-failed', `生成 PDF 失败：${error instanceof Error ? error.message : String(error)}`);
  } finally {
    pm.setProgressCallback(() => undefined);
  }
}

function countPages(buffer: Buffer): number {
  return buffer.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}
