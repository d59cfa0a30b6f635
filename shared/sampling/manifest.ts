// The frame of a spot check frozen as a manifest (DESIGN.md §6): UTF-8 text, one line per case
// `street_code,outcome,case_no,mandatory`, sorted by code point, every line ending in "\n", no header.
// Its SHA-256 is published before the seed exists, so anyone can later check that the sample was drawn
// from exactly this list.
import { AppError } from '../result';
import { sha256Hex, utf8 } from './sha256';

export const sampleOutcomes = ['approved', 'rejected'] as const;
export type SampleOutcome = (typeof sampleOutcomes)[number];

export type ManifestEntry = {
  /** 9-digit street (乡镇/街道) division code. */
  street: string;
  outcome: SampleOutcome;
  /** The official case number: the sampler's id, so the draw does not depend on local row ids. */
  caseNo: string;
  /** 近亲属备案 or complaint (投诉举报): always in the sample. */
  mandatory: boolean;
};

/** One (street, outcome) stratum of a manifest: its cases in manifest order. */
export type ManifestStratum = {
  street: string;
  outcome: SampleOutcome;
  caseNos: string[];
  /** 1 where the case at the same index is mandatory. */
  mandatory: Uint8Array;
};

/** A parsed manifest: its text and hash, and its lines grouped into strata, in manifest order. */
export type Manifest = { text: string; sha256: string; cases: number; strata: ManifestStratum[] };

/** The manifest's lines as entries, in order. */
export function manifestEntries(manifest: Manifest): ManifestEntry[] {
  return manifest.strata.flatMap((s) => s.caseNos.map((caseNo, i) => ({ street: s.street, outcome: s.outcome, caseNo, mandatory: s.mandatory[i] === 1 })));
}

const STREET = /^\d{9}$/;
// A case number is printable and has no comma or white space, so a line splits one way only.
const CASE_NO = /^[^\s,\p{Cc}\p{Cs}]{1,64}$/u;
const LINE = /(\d{9}),(approved|rejected),([^\s,\p{Cc}\p{Cs}]{1,64}),([01])\n/u;

/**
 * Code-point order (the design's "sorted by code point"). JavaScript's `<` compares UTF-16 units, which
 * differs only where a surrogate pair meets a character from U+E000 up, so that case takes the slow path.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
      return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
    }
    return x - y;
  }
  return a.length - b.length;
}

function manifestError(line: number, message: string): AppError {
  return new AppError('manifest-invalid', line > 0 ? `抽查清单第 ${line} 行${message}` : `抽查清单${message}`, { line });
}

function entryLine(e: ManifestEntry): string {
  return `${e.street},${e.outcome},${e.caseNo},${e.mandatory ? 1 : 0}\n`;
}

function checkEntry(e: ManifestEntry, line: number): void {
  if (!STREET.test(e.street)) throw manifestError(line, `的街道代码“${e.street}”不是 9 位数字`);
  if (e.outcome !== 'approved' && e.outcome !== 'rejected') throw manifestError(line, `的结果“${String(e.outcome)}”应为 approved 或 rejected`);
  if (!CASE_NO.test(e.caseNo)) throw manifestError(line, `的案件编号“${e.caseNo}”无效：须为 1–64 个字符，不含逗号、空白或控制字符`);
}

const SURROGATE = /[\ud800-\udfff]/;

/** Sorts strings by code point; without surrogates that is the engine's own (UTF-16) string order. */
function sortByCodePoint(lines: string[]): string[] {
  return lines.some((l) => SURROGATE.test(l)) ? lines.sort(compareCodePoints) : lines.sort();
}

/** Builds the manifest of a frame: validates every entry, sorts the lines and hashes the text. */
export function buildManifest(entries: readonly ManifestEntry[]): Manifest {
  entries.forEach((e, i) => checkEntry(e, i + 1));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.caseNo)) throw manifestError(0, `中案件编号 ${e.caseNo} 出现了两次`);
    seen.add(e.caseNo);
  }
  const text = sortByCodePoint(entries.map(entryLine)).join('');
  return parseManifest(text);
}

/**
 * Reads a manifest as published, refusing anything that breaks the format: a header, a missing final
 * newline, CR line ends, a bad field, lines out of code-point order, or a case number twice.
 */
export function parseManifest(text: string): Manifest {
  if (text.charCodeAt(0) === 0xfeff) throw manifestError(1, '以 BOM 开头；清单应为不带 BOM 的 UTF-8 文本');
  if (text !== '' && !text.endsWith('\n')) throw manifestError(0, '的最后一行没有以换行符结束');
  const strata: ManifestStratum[] = [];
  let current: { street: string; outcome: string; caseNos: string[]; mandatory: number[] } | null = null;
  const close = () => current && strata.push({ street: current.street, outcome: current.outcome as SampleOutcome, caseNos: current.caseNos, mandatory: Uint8Array.from(current.mandatory) });
  const seen = new Set<string>();
  const surrogates = SURROGATE.test(text);
  // One sticky pattern walks the text line by line; a line it does not match is diagnosed field by field.
  const pattern = new RegExp(LINE.source, 'uy');
  let previous = '';
  let n = 0;
  while (pattern.lastIndex < text.length) {
    n++;
    const at = pattern.lastIndex;
    const m = pattern.exec(text);
    if (!m) diagnoseLine(text.slice(at, text.indexOf('\n', at)), n);
    const line = m[0];
    const street = m[1]!;
    const outcome = m[2]!;
    const caseNo = m[3]!;
    if (n > 1 && !(surrogates ? compareCodePoints(previous, line) < 0 : previous < line)) throw manifestError(n, '没有按码位升序排列（或与上一行重复）');
    if (seen.has(caseNo)) throw manifestError(n, `的案件编号 ${caseNo} 在前面已出现`);
    seen.add(caseNo);
    previous = line;
    // Sorted lines keep each (street, outcome) together, in the strata's own order.
    if (!current || current.street !== street || current.outcome !== outcome) {
      close();
      current = { street, outcome, caseNos: [], mandatory: [] };
    }
    current.caseNos.push(caseNo);
    current.mandatory.push(m[4] === '1' ? 1 : 0);
  }
  close();
  return { text, sha256: sha256Hex(utf8(text)), cases: n, strata };
}

/** Why a line breaks the format, in words; always throws. */
function diagnoseLine(line: string, n: number): never {
  if (line.includes('\r')) throw manifestError(n, '含回车符（CR）；行尾只能是换行符（LF）');
  if (/^street_code,/i.test(line)) throw manifestError(n, '是表头；清单不带表头，每行就是一件个案');
  const fields = line.split(',');
  if (fields.length !== 4) throw manifestError(n, `应有 4 个字段（street_code,outcome,case_no,mandatory），实有 ${fields.length} 个`);
  const [street, outcome, caseNo, mandatory] = fields as [string, string, string, string];
  if (mandatory !== '0' && mandatory !== '1') throw manifestError(n, `的 mandatory 字段“${mandatory}”应为 0 或 1`);
  checkEntry({ street, outcome: outcome as SampleOutcome, caseNo, mandatory: mandatory === '1' }, n);
  throw manifestError(n, '格式不对');
}
