// A small change to pdfmake 0.3 / pdfkit 0.19, applied when the PDF module loads, to send upstream beside
// pdfkit-content.ts. pdfkit makes a document's font from the font's bytes (fontkit.create in
// PDFFontFactory.open), so every PDF parses each CJK font again: its CFF dictionaries and subroutine
// indexes, the cmap and the outlines of the glyphs it prints, about 100 ms a notice over three fonts,
// and the coverage check (fonts.ts) had parsed them once more. Here a font file is parsed once per
// process, by pdfkit's own font() on a stand-in document, and pdfmake's provideFont makes each
// document's font from that parse as font() would have: the same ids, families and current font, so
// the same bytes (tests/integration/pdfkit-shared-fonts.test.ts renders with and without it).
//
// pdfkit is reached through pdfmake's own PDFDocument (a subclass of pdfkit's), as in pdfkit-content.ts.
import * as pdfMakeDocumentModule from 'pdfmake/js/PDFDocument.js';
import { cjsDefault } from './cjs-export';
import { skipDiscardedCffCharset } from './fontkit-cff-subset';

/** The fontkit font pdfkit parsed (the fields read here). */
export type ParsedFont = { hasGlyphForCodePoint(codePoint: number): boolean; _tables?: { head?: { checkSumAdjustment?: number }; name?: { records?: unknown } } };
type EmbeddedFont = { font: ParsedFont; name?: string; id: string };
type EmbeddedFontClass = new (document: unknown, font: ParsedFont, id: string) => EmbeddedFont;
type FontState = { _font: EmbeddedFont | null; _fontCount: number; _fontFamilies: Record<string, EmbeddedFont>; _fontSource?: unknown; _fontFamily?: unknown };
type PdfMakeDocument = FontState & {
  fonts: Record<string, Record<string, unknown>>;
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  getFontType(bold: unknown, italics: unknown): string;
  provideFont(familyName: string, bold: unknown, italics: unknown): EmbeddedFont;
};
type Parsed = { Embedded: EmbeddedFontClass; font: ParsedFont; bytes: Uint8Array };

const parsed = new Map<string, Parsed>();

const pdfMakeDocumentPrototype = (): PdfMakeDocument => cjsDefault<{ prototype: PdfMakeDocument }>(pdfMakeDocumentModule).prototype;

/**
 * The font in `file` as pdfkit parses it, parsed on first use: pdfkit's font() on a stand-in document
 * (font() reads only these fields of it) makes an EmbeddedFont, whose class and fontkit font are kept.
 */
export function parsedFont(file: string, bytes: Uint8Array): ParsedFont {
  let entry = parsed.get(file);
  if (!entry) {
    const pdfkitFont = (Object.getPrototypeOf(pdfMakeDocumentPrototype()) as { font(this: FontState, src: unknown): unknown }).font;
    const standIn: FontState & { _registeredFonts: object; options: object } = { _font: null, _fontCount: 0, _fontFamilies: {}, _registeredFonts: {}, options: {} };
    pdfkitFont.call(standIn, bytes);
    const embedded = standIn._font!;
    entry = { Embedded: embedded.constructor as EmbeddedFontClass, font: embedded.font, bytes };
    skipDiscardedCffCharset(embedded.font);
    parsed.set(file, entry);
  }
  return entry.font;
}

/** pdfkit's isEqualFont: the same head checksum and name records. */
function sameFont(a: EmbeddedFont, b: EmbeddedFont): boolean {
  if (a.font === b.font) return true;
  if (a.font._tables?.head?.checkSumAdjustment !== b.font._tables?.head?.checkSumAdjustment) return false;
  return JSON.stringify(a.font._tables?.name?.records) === JSON.stringify(b.font._tables?.name?.records);
}

/** pdfkit's font(bytes) for a document, from the parse kept for the file. */
function openParsed(doc: PdfMakeDocument, entry: Parsed): EmbeddedFont {
  doc._fontSource = entry.bytes;
  doc._fontFamily = undefined;
  const font = new entry.Embedded(doc, entry.font, `F${++doc._fontCount}`);
  const named = font.name ? doc._fontFamilies[font.name] : undefined;
  if (named && sameFont(font, named)) return (doc._font = named);
  doc._font = font;
  if (font.name && !doc._fontFamilies[font.name]) doc._fontFamilies[font.name] = font;
  if (!font.name || doc._fontFamilies[font.name] !== font) doc._fontFamilies[font.id] = font;
  return font;
}

let original: PdfMakeDocument['provideFont'] | null = null;

/** Turns the change on (render.ts, when it loads) or off (the test that compares the bytes). */
export function sharedPdfkitFonts(on = true): void {
  const proto = pdfMakeDocumentPrototype();
  if (!on) {
    if (original) proto.provideFont = original;
    original = null;
    return;
  }
  if (original) return;
  const provideFont = proto.provideFont;
  original = provideFont;
  proto.provideFont = function (this: PdfMakeDocument, familyName: string, bold: unknown, italics: unknown) {
    const type = this.getFontType(bold, italics);
    const def = this.fonts[familyName]?.[type];
    const file = Array.isArray(def) ? (def.length === 1 ? def[0] : undefined) : def;
    const entry = typeof file === 'string' ? parsed.get(file) : undefined;
    if (!entry || this.fontCache[familyName]?.[type]) return provideFont.call(this, familyName, bold, italics);
    (this.fontCache[familyName] ??= {})[type] = openParsed(this, entry);
    return this.fontCache[familyName][type]!;
  };
}
