// pdfmake's own PDFDocument (a subclass of pdfkit's PDFDocument), which @types/pdfmake does not
// describe: pdfkit-content.ts reads pdfkit's prototypes through it.
declare module 'pdfmake/js/PDFDocument.js' {
  const PDFDocument: unknown;
  export default PDFDocument;
}

// pdfmake's style stack, whose look-ups pdfmake-style.ts does without allocating.
declare module 'pdfmake/js/StyleContextStack.js' {
  const StyleContextStack: unknown;
  export default StyleContextStack;
}
declare module 'pdfmake/js/TextBreaker.js' {
  const TextBreaker: unknown;
  export default TextBreaker;
}
// pdfmake's text measurement, whose flattening and style look-ups pdfmake-inlines.ts does in one pass.
declare module 'pdfmake/js/TextInlines.js' {
  const TextInlines: unknown;
  export default TextInlines;
}
