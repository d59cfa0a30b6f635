// A small change to pdfkit 0.19 (pdfmake 0.3's PDF writer), applied when the PDF module loads, to send
// upstream: pdfkit's PDFReference.write turns every drawing operator of a page ("BT", "1 0 0 -1 72 700
// Tm", "[<0a1b>] TJ" …) into a Buffer of its own the moment it is written, and concatenates them when
// the page is finished. A 5,000-row notice writes about 200,000 such operators, and the small Buffers
// cost a tenth of the render in allocation and garbage collection. Here the operators are kept as
// strings and turned into one Buffer when the object is finalised. The bytes are the same
// (latin1 is pdfkit's 'binary'; tests/integration/pdfkit-content.test.ts renders with and without it).
//
// pdfkit is reached through pdfmake's own PDFDocument (a subclass of pdfkit's), so that the instance
// changed is the one pdfmake uses, and the project needs no dependency of its own on pdfkit.
import * as pdfMakeDocumentModule from 'pdfmake/js/PDFDocument.js';
import { cjsDefault } from './cjs-export';

type Reference = {
  buffer: (Uint8Array | Buffer)[];
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  write(chunk: unknown): void;
  finalize(): void;
  /** Operators written since the last Buffer, without their newlines. */
  _pending?: string[];
};

type ReferenceProto = { write: Reference['write']; finalize: Reference['finalize'] };

function referencePrototype(): ReferenceProto {
  // pdfkit's PDFDocument.ref(data) only reads _offsets and compress from the document: a stand-in
  // gives an instance whose prototype is pdfkit's PDFReference.
  const PdfMakeDocument = cjsDefault<{ prototype: object }>(pdfMakeDocumentModule);
  const pdfkitProto = Object.getPrototypeOf(PdfMakeDocument.prototype) as { ref: (data: object) => object };
  const probe = pdfkitProto.ref.call({ _offsets: [], compress: false }, {});
  return Object.getPrototypeOf(probe) as ReferenceProto;
}

function flush(ref: Reference): void {
  const pending = ref._pending;
  if (!pending || pending.length === 0) return;
  ref.buffer.push(Buffer.from(pending.join('\n') + '\n', 'latin1'));
  ref._pending = [];
}

let original: { write: Reference['write']; finalize: Reference['finalize'] } | null = null;

/** Turns the batching on (render.ts, when it loads) or off (the test that compares the bytes). */
export function batchPdfkitContentWrites(on = true): void {
  const proto = referencePrototype();
  if (!on) {
    if (original) Object.assign(proto, original);
    original = null;
    return;
  }
  if (original) return;
  const { write, finalize } = proto;
  original = { write, finalize };
  proto.write = function (this: Reference, chunk: unknown) {
    if (chunk instanceof Uint8Array) {
      // Binary data (an image, a font) goes after the operators written before it.
      flush(this);
      write.call(this, chunk);
      return;
    }
    const text = String(chunk);
    (this._pending ??= []).push(text);
    // As pdfkit's write: the running length (finalize sets the true one) and the filter.
    this.uncompressedLength += text.length + 1;
    this.data.Length = (this.data.Length ?? 0) + text.length + 1;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function (this: Reference) {
    flush(this);
    finalize.call(this);
  };
}
