// A small change to pdfmake 0.3's TextBreaker, applied when the PDF module loads, to send upstream beside
// pdfmake-style.ts. An inline object may end its line (`lineEnd: true`, which pdfmake copies onto the
// piece like a style), but getBreaks still joins it to the next inline when the two would form one word
// across the boundary ("1" then "2" reads as "12", so the pieces are marked noNewLine and the lines run
// together). Here the inlines are broken in groups that end at an explicit line end, so no word is
// formed across one; an array with no explicit line end is broken in one call exactly as before.
// The notice's long tables (templates/notice.ts) are columns of such lines.
import * as breakerModule from 'pdfmake/js/TextBreaker.js';
import { cjsDefault } from './cjs-export';

type Breaker = { getBreaks(texts: unknown, styleContextStack: unknown): unknown[] };
type BreakerClass = { prototype: Breaker };

const breakerClass = (): BreakerClass => cjsDefault<BreakerClass>(breakerModule);

const endsLine = (item: unknown): boolean => typeof item === 'object' && item !== null && (item as { lineEnd?: unknown }).lineEnd === true;

let original: Breaker['getBreaks'] | null = null;

/** Turns the change on (render.ts, when it loads) or off (the test that shows what it mends). */
export function explicitLineEnds(on = true): void {
  const Class = breakerClass();
  if (!on) {
    if (original) Class.prototype.getBreaks = original;
    original = null;
    return;
  }
  if (original) return;
  const getBreaks = Class.prototype.getBreaks;
  original = getBreaks;
  Class.prototype.getBreaks = function (this: Breaker, texts: unknown, styleContextStack: unknown) {
    if (!Array.isArray(texts) || !texts.some(endsLine)) return getBreaks.call(this, texts, styleContextStack);
    const results: unknown[] = [];
    let from = 0;
    for (let i = 0; i < texts.length; i++) {
      if (!endsLine(texts[i]) && i < texts.length - 1) continue;
      for (const piece of getBreaks.call(this, texts.slice(from, i + 1), styleContextStack)) results.push(piece);
      from = i + 1;
    }
    return results;
  };
}
