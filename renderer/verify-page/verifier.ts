// The script of verify.html (templates/verify-page.ts): reads the manifest, seed, rate and sample the
// citizen gives, as files (their exact bytes) or pasted text, and runs the same check as the CLI's
// `sample verify` and the desk's 验证 (shared/sampling/verify-published.ts). Plain DOM, no framework:
// the whole page is one file that must stay small and readable.
import { AppError } from '../../shared/result';
import { sha256Hex } from '../../shared/sampling/sha256';
import { rateFromText, seedFromFile, verdictWords, verifyPublished, type PublishedVerdict } from '../../shared/sampling/verify-published';

type Chosen = { name: string; bytes: Uint8Array } | null;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Strict UTF-8, as the CLI reads files: invalid bytes are refused, a BOM is kept (and the manifest refuses it). */
function decode(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AppError('manifest-invalid', `${what}不是有效的 UTF-8 文本`);
  }
}

async function read(input: HTMLInputElement): Promise<Chosen> {
  const file = input.files?.[0];
  return file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
}

/** A file input with a paste box beside it; a chosen file wins, byte for byte. */
function fileOrPaste(prefix: string, what: string) {
  const input = byId<HTMLInputElement>(`${prefix}-file`);
  const text = byId<HTMLTextAreaElement>(`${prefix}-text`);
  const info = byId<HTMLParagraphElement>(`${prefix}-info`);
  const clear = byId<HTMLButtonElement>(`${prefix}-clear`);
  const pick = byId<HTMLButtonElement>(`${prefix}-pick`);
  pick.addEventListener('click', () => input.click());
  let chosen: Chosen = null;
  const show = () => {
    text.disabled = chosen !== null;
    clear.hidden = chosen === null;
    info.textContent = chosen ? `已选 ${chosen.name}（${chosen.bytes.length.toLocaleString('zh-CN')} 字节，SHA-256 ${sha256Hex(chosen.bytes)}）` : '';
  };
  input.addEventListener('change', () => {
    void read(input).then((c) => {
      chosen = c;
      if (c) text.value = '';
      show();
    });
  });
  clear.addEventListener('click', () => {
    input.value = '';
    chosen = null;
    show();
    text.focus();
  });
  return {
    value(): string {
      if (chosen) return decode(chosen.bytes, what);
      if (text.value.trim() === '') throw new Missing(`请先选择${what}文件，或粘贴它的内容`, pick);
      return text.value;
    },
  };
}

/** An input left empty: said in the result box, and focus goes to it. */
class Missing extends Error {
  constructor(
    message: string,
    readonly field: HTMLElement,
  ) {
    super(message);
  }
}

const manifest = fileOrPaste('manifest', '抽查清单');
const sample = fileOrPaste('sample', '样本');
const seedText = byId<HTMLInputElement>('seed-text');
const rateText = byId<HTMLInputElement>('rate-text');
const seedFile = byId<HTMLInputElement>('seed-file');
const result = byId<HTMLElement>('result');
byId<HTMLButtonElement>('seed-pick').addEventListener('click', () => seedFile.click());

seedFile.addEventListener('change', () => {
  void read(seedFile).then((c) => {
    if (!c) return;
    try {
      seedText.value = seedFromFile(decode(c.bytes, '种子文件'));
    } catch (error) {
      show({ verdict: 'unverifiable', message: (error as Error).message }, null);
    }
  });
});

function show(v: PublishedVerdict | { verdict: 'missing'; message: string }, rate: number | null): void {
  result.replaceChildren();
  result.dataset.verdict = v.verdict;
  const words = v.verdict === 'missing' ? { headline: '还不能复核', detail: v.message } : verdictWords(v, rate ?? 0);
  const headline = document.createElement('p');
  headline.className = 'verdict';
  headline.textContent = words.headline;
  const detail = document.createElement('p');
  detail.textContent = words.detail;
  detail.dataset.role = 'detail';
  result.append(headline, detail);
  if (v.verdict === 'match' || v.verdict === 'differs') {
    const hash = document.createElement('p');
    hash.append('这份清单的 SHA-256：');
    const mono = document.createElement('span');
    mono.className = 'mono';
    mono.textContent = v.manifestSha256;
    hash.append(mono, '。请核对它与抽样记录上公布的“清单 SHA-256”相同：抽样前公布的正是这个值。');
    result.append(hash);
  }
  result.scrollIntoView({ block: 'nearest' });
}

function verify(): void {
  let rate: number | null = null;
  try {
    const manifestText = manifest.value();
    const seed = seedFromFile(seedText.value);
    if (seed === '') throw new Missing('请先填写随机种子，或选择种子文件', seedText);
    if (rateText.value.trim() === '') throw new Missing('请先填写抽查比例（见抽样记录）', rateText);
    rate = rateFromText(rateText.value);
    show(verifyPublished({ manifestText, seed, rate, sampleText: sample.value() }), rate);
  } catch (error) {
    if (error instanceof Missing) {
      show({ verdict: 'missing', message: error.message }, null);
      error.field.focus();
    } else if (error instanceof AppError) {
      show({ verdict: 'unverifiable', message: error.message }, rate);
    } else {
      show({ verdict: 'unverifiable', message: `复核时出错：${String(error)}` }, rate);
    }
  }
}

byId<HTMLButtonElement>('verify').addEventListener('click', verify);
