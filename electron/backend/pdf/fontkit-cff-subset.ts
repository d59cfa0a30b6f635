// A small change to fontkit 2 (through pdfkit 0.19), applied when the first font is parsed, to send upstream
// beside pdfkit-shared-fonts.ts. CFFSubset.encode starts with Object.assign({}, cff.topDict), which calls
// every lazy getter of the font's top dictionary, among them the charset's, and then replaces that
// charset with its own. For a CJK font the charset is some thousands of ranges, each decoded into a
// restructure Struct: about 70 ms over the three bundled fonts in the first PDF a process makes, for a
// value nobody reads (CID-keyed fonts have no glyph names). Here encode sees a view of the top dictionary
// whose charset is null and whose other keys read through to the real one, in the same order, so the
// subset and the PDF keep every byte (tests/integration/fontkit-cff-subset.test.ts).

/** The fields of fontkit's CFFSubset read here. */
type CffSubset = { cff: { topDict: Record<string, unknown> }; encode(): unknown };
type Subsettable = { createSubset(): unknown; 'CFF '?: unknown };

let patched = false;
let enabled = true;

/** The top dictionary as encode reads it: the same keys in the same order, the charset not decoded. */
function withoutCharset(real: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(real)) {
    if (key === 'charset') view[key] = null;
    else Object.defineProperty(view, key, { enumerable: true, configurable: true, get: () => real[key], set: (v: unknown) => (real[key] = v) });
  }
  return view;
}

/**
 * Patches the CFFSubset class of a parsed CFF font (fontkit does not export it; a subset made from the
 * font shows its prototype) once per process; pdfkit-shared-fonts.ts calls it for each font it parses.
 */
export function skipDiscardedCffCharset(parsed: object): void {
  const font = parsed as Subsettable;
  if (patched || !font['CFF ']) return;
  const proto = Object.getPrototypeOf(font.createSubset()) as CffSubset;
  const encode = proto.encode;
  patched = true;
  proto.encode = function (this: CffSubset) {
    if (!enabled) return encode.call(this);
    const real = this.cff.topDict;
    this.cff.topDict = withoutCharset(real);
    try {
      return encode.call(this);
    } finally {
      this.cff.topDict = real;
    }
  };
}

/** Turns the change off and on again (the test that compares the bytes). */
export function cffCharsetSkipping(on: boolean): void {
  enabled = on;
}
