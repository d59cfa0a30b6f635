// How large a zip (an .xlsx) really is once unpacked, found by inflating each entry with a cap before any
// parser sees it: a hostile 20 MB workbook can unpack to gigabytes, and its directory's declared sizes
// can lie (SheetJS trusts each entry's local header, and grows its buffer while the data lasts).
import { inflateRawSync } from 'node:zlib';

export type ZipSize = { ok: true; bytes: number } | { ok: false; reason: 'corrupt' | 'too-large' };

/** The end-of-directory record, searched from the end as SheetJS searches, so both read one directory. */
function endRecord(view: DataView, length: number): number {
  const floor = Math.max(0, length - 22 - 0xffff);
  for (let i = length - 22; i >= floor; i--) if (view.getUint32(i, true) === 0x06054b50) return i;
  return -1;
}

export function unpackedZipSize(bytes: Uint8Array, cap: number): ZipSize {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length >= 22 ? endRecord(view, bytes.length) : -1;
  if (end < 0) return { ok: false, reason: 'corrupt' };
  // A workbook of 20 MB never needs zip64; its fields are where a size can hide.
  if (end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) return { ok: false, reason: 'too-large' };
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return { ok: false, reason: 'corrupt' };
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    if (compressed === 0xffffffff || local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return { ok: false, reason: 'corrupt' };
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressed > bytes.length) return { ok: false, reason: 'corrupt' };
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, cap - total + 1) }).length;
      } catch (error) {
        return { ok: false, reason: (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'corrupt' };
      }
    } else return { ok: false, reason: 'corrupt' };
    if (total > cap) return { ok: false, reason: 'too-large' };
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { ok: true, bytes: total };
}
