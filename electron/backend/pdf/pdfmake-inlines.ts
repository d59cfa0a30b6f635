// A small change to pdfmake 0.3's TextInlines, applied when the PDF module loads, to send upstream beside
// pdfmake-style.ts. Two costs grow with the number of pieces of one text, which on a long notice column
// is a line per household (templates/notice.ts):
// - flattenTextArray builds the flat array with `prev.concat(…)` in a reduce, copying it once per piece,
//   so a column of 500 lines costs 125,000 copies. Here the same array is built by pushing.
// - measure looks up some twenty style properties for every piece. A piece without named styles of its
//   own answers each from its own value or else from the style stack, which measure does not change, so
//   the stack's answer is looked up once per property per call instead of once per piece.
// The pieces, their order and every value set on them are the same, so the bytes are
// (tests/integration/pdfmake-inlines.test.ts renders with and without it).
import * as inlinesModule from 'pdfmake/js/TextInlines.js';
import * as breakerModule from 'pdfmake/js/TextBreaker.js';
import * as styleModule from 'pdfmake/js/StyleContextStack.js';
import { cjsDefault } from './cjs-export';

type Piece = Record<string, unknown> & { text: string; font: Font; fontSize: number; width: number; leadingCut?: number; trailingCut: number; lineEnd?: boolean };
type Font = { lineHeight(size: number): number };
type StyleStatics = { getStyleProperty(item: unknown, stack: unknown, property: string, defaultValue: unknown): unknown };
type Inlines = {
  pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): Font };
  measure(array: Piece[], stack: unknown): Piece[];
  buildInlines(textArray: unknown, stack: unknown): { items: Piece[]; minWidth: number; maxWidth: number };
  widthOfText(text: string, inline: Piece): number;
};
type Classes = { Inlines: { prototype: Inlines }; Breaker: new () => { getBreaks(texts: unknown[], stack: unknown): Piece[] }; Style: StyleStatics };

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

function classes(): Classes {
  return { Inlines: cjsDefault(inlinesModule), Breaker: cjsDefault(breakerModule), Style: cjsDefault(styleModule) };
}

/** pdfmake's flattenTextArray, pushing where it concatenated (a hole stays a hole, as concat keeps it). */
function flattenTextArray(array: unknown): unknown[] {
  const out: unknown[] = [];
  const append = (items: unknown[]) => {
    for (let k = 0; k < items.length; k++) {
      if (k in items) out.push(items[k]);
      else out.length++;
    }
  };
  const into = (items: unknown[]) => {
    for (let i = 0; i < items.length; i++) {
      if (!(i in items)) continue; // reduce skips holes
      const cur = items[i] as { text?: unknown };
      const current = Array.isArray(cur.text) ? flattenTextArray(cur.text) : cur;
      if (!Array.isArray(current)) out.push(current);
      else if (current.some(Array.isArray)) into(current);
      else append(current);
    }
  };
  into(Array.isArray(array) ? array : [array]);
  return out;
}

const isValue = (v: unknown): boolean => v !== undefined && v !== null;

/** TextInlines.prototype.measure with the stack's answers kept for the call. */
function measure(this: Inlines, Style: StyleStatics, array: Piece[], stack: unknown): Piece[] {
  const stackAnswers = new Map<string, unknown>();
  const property = (item: Piece, name: string, defaultValue: unknown): unknown => {
    if (isValue(item[name])) return item[name];
    if (!stack || item.style !== undefined) return Style.getStyleProperty(item, stack, name, defaultValue);
    if (!stackAnswers.has(name)) stackAnswers.set(name, Style.getStyleProperty({}, stack, name, undefined));
    const value = stackAnswers.get(name);
    return isValue(value) ? value : defaultValue;
  };
  if (array.length) {
    const leadingIndent = Style.getStyleProperty(array[0], stack, 'leadingIndent', 0) as number;
    if (leadingIndent) {
      array[0]!.leadingCut = -leadingIndent;
      array[0]!.leadingIndent = leadingIndent;
    }
  }
  for (const item of array) {
    const font = property(item, 'font', 'Roboto');
    const bold = property(item, 'bold', false);
    const italics = property(item, 'italics', false);
    item.font = this.pdfDocument.provideFont(font, bold, italics);
    item.alignment = property(item, 'alignment', 'left');
    item.fontSize = property(item, 'fontSize', 12) as number;
    item.fontFeatures = property(item, 'fontFeatures', null);
    item.characterSpacing = property(item, 'characterSpacing', 0);
    item.color = property(item, 'color', 'black');
    item.decoration = property(item, 'decoration', null);
    item.decorationColor = property(item, 'decorationColor', null);
    item.decorationStyle = property(item, 'decorationStyle', null);
    item.decorationThickness = property(item, 'decorationThickness', null);
    item.background = property(item, 'background', null);
    item.link = property(item, 'link', null);
    item.linkToPage = property(item, 'linkToPage', null);
    item.linkToDestination = property(item, 'linkToDestination', null);
    item.noWrap = property(item, 'noWrap', null);
    item.opacity = property(item, 'opacity', 1);
    item.sup = property(item, 'sup', false);
    item.sub = property(item, 'sub', false);
    if (item.sup || item.sub) item.fontSize *= 0.58;
    const lineHeight = property(item, 'lineHeight', 1) as number;
    item.width = this.widthOfText(item.text, item);
    item.height = item.font.lineHeight(item.fontSize) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!property(item, 'preserveLeadingSpaces', false)) {
      const leadingSpaces = item.text.match(LEADING);
      if (leadingSpaces) item.leadingCut += this.widthOfText(leadingSpaces[0]!, item);
    }
    item.trailingCut = 0;
    if (!property(item, 'preserveTrailingSpaces', false)) {
      const trailingSpaces = item.text.match(TRAILING);
      if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0]!, item);
    }
  }
  return array;
}

/** TextInlines.prototype.buildInlines with the flattening above. */
function buildInlines(this: Inlines, { Breaker, Style }: Classes, textArray: unknown, stack: unknown) {
  const trimmedWidth = (item: { width: number; leadingCut: number; trailingCut: number }) => Math.max(0, item.width - item.leadingCut - item.trailingCut);
  let minWidth = 0;
  let maxWidth = 0;
  let currentLineWidth: { width: number; leadingCut: number; trailingCut: number } | null = null;
  const measured = this.measure(new Breaker().getBreaks(flattenTextArray(textArray), stack), stack);
  for (const inline of measured) {
    minWidth = Math.max(minWidth, trimmedWidth(inline as Piece & { leadingCut: number }));
    currentLineWidth ??= { width: 0, leadingCut: inline.leadingCut!, trailingCut: 0 };
    currentLineWidth.width += inline.width;
    currentLineWidth.trailingCut = inline.trailingCut;
    maxWidth = Math.max(maxWidth, trimmedWidth(currentLineWidth));
    if (inline.lineEnd) currentLineWidth = null;
  }
  if (Style.getStyleProperty({}, stack, 'noWrap', false)) minWidth = maxWidth;
  return { items: measured, minWidth, maxWidth };
}

let original: Pick<Inlines, 'measure' | 'buildInlines'> | null = null;

/** Turns the change on (render.ts, when it loads) or off (the test that compares the bytes). */
export function linearPdfmakeInlines(on = true): void {
  const all = classes();
  const proto = all.Inlines.prototype;
  if (!on) {
    if (original) Object.assign(proto, original);
    original = null;
    return;
  }
  if (original) return;
  original = { measure: proto.measure, buildInlines: proto.buildInlines };
  proto.measure = function (this: Inlines, array: Piece[], stack: unknown) {
    return measure.call(this, all.Style, array, stack);
  };
  proto.buildInlines = function (this: Inlines, textArray: unknown, stack: unknown) {
    return buildInlines.call(this, all, textArray, stack);
  };
}
