// pdfmake's and pdfkit's modules are CommonJS with __esModule set, and the runtime patches beside this
// file reach their classes in two ways of loading: Node's ESM loader gives the exports object as the
// namespace's `default`, esbuild's bundle the module whose `default` is the class.

/** The `default` export of a CommonJS module with __esModule, however it was loaded. */
export function cjsDefault<T>(namespace: unknown): T {
  const exports = namespace as { default: T & { default?: T } };
  return exports.default.default ?? exports.default;
}
