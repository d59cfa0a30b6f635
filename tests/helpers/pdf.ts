import { execFileSync } from 'node:child_process';

/** Text of a PDF as poppler extracts it (what a person copying from the document would get). */
export function pdfText(file: string, layout = false): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

export type PdfFontRow = { name: string; type: string; embedded: boolean; subset: boolean; unicode: boolean };

/** `pdffonts` rows: every font must be embedded, and CJK fonts as subsets. */
export function pdfFonts(file: string): PdfFontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
  return out.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni objectId gen: read the flags from the end.
    const n = cols.length;
    return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes', unicode: cols[n - 3] === 'yes' };
  });
}

export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}
