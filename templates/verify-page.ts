// verify.html, published with every draw's files: one page a citizen opens in any browser, straight from
// the file (file://), to redo the draw from the manifest, seed and rate and compare it with the published
// sample. Everything it needs is inside it: the sampler is inlined as a script, nothing is fetched, and
// its CSP admits only that script and this style, by hash, so the page cannot reach the network.
// The script is renderer/verify-page/verifier.ts, bundled (see scripts/verifier-bundle.mjs).

export const VERIFY_PAGE_STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --accent: #0b5cad; --ok: #1a7f37; --bad: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 920px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 0 0 6px; }
p { margin: 0 0 10px; }
.lead { color: var(--muted); }
.step { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 14px 0; }
.hint { color: var(--muted); font-size: 14px; }
.row { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; }
label { font-weight: 600; }
input[type="text"] { font: 18px/1.4 ui-monospace, "DejaVu Sans Mono", Consolas, monospace; padding: 6px 10px; border: 1px solid #8c959f; border-radius: 6px; min-width: 0; }
#seed-text { width: 100%; max-width: 560px; letter-spacing: 0.05em; }
#rate-text { width: 90px; }
textarea { width: 100%; min-height: 84px; font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Consolas, monospace; padding: 6px 8px; border: 1px solid #8c959f; border-radius: 6px; resize: vertical; }
textarea:disabled { background: #eaeef2; color: var(--muted); }
input:focus-visible, textarea:focus-visible, button:focus-visible { outline: 3px solid #ffb000; outline-offset: 2px; }
.file-info { font-size: 14px; color: var(--muted); word-break: break-all; min-height: 1.4em; margin: 6px 0 0; }
.actions { display: flex; gap: 12px; align-items: center; margin: 20px 0; }
button { font: inherit; font-weight: 600; padding: 10px 28px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary, button.pick { background: #fff; color: var(--accent); padding: 6px 14px; font-weight: 400; }
button.pick { font-weight: 600; }
.row + .row { margin-top: 10px; }
/* The browser's own file button speaks the browser's language; ours speaks Chinese and opens it. */
input.file { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
.result { border-radius: 8px; padding: 16px 18px; border: 2px solid var(--line); background: #fff; }
.result:empty { display: none; }
.result[data-verdict="match"] { border-color: var(--ok); background: #eefbf1; }
.result[data-verdict="differs"], .result[data-verdict="unverifiable"], .result[data-verdict="missing"] { border-color: var(--bad); background: #fff1f0; }
.verdict { font-size: 24px; font-weight: 700; margin: 0 0 6px; }
.result[data-verdict="match"] .verdict { color: var(--ok); }
.result[data-verdict="differs"] .verdict, .result[data-verdict="unverifiable"] .verdict, .result[data-verdict="missing"] .verdict { color: var(--bad); }
.mono { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; word-break: break-all; }
footer { margin-top: 28px; color: var(--muted); font-size: 14px; }
`;

const BODY = `
<main>
<h1>社会救助抽查样本复核</h1>
<p class="lead">区民政局每次抽查都公布抽查清单、随机种子和样本。本页在您自己的电脑上按公开的算法重新抽取一遍，并与公布的样本逐条比对。本页不联网，所选文件不会上传到任何地方。</p>

<section class="step" aria-labelledby="manifest-head">
<h2 id="manifest-head">① 抽查清单</h2>
<p class="hint">公布文件中以 <span class="mono">-manifest.txt</span> 结尾的文件。选择文件最可靠；也可以把全部内容粘贴到下框。</p>
<div class="row"><button type="button" class="pick" id="manifest-pick">选择清单文件…</button><input type="file" id="manifest-file" class="file" tabindex="-1" aria-hidden="true" accept=".txt,text/plain"><button type="button" class="secondary" id="manifest-clear" hidden>改为粘贴</button></div>
<p class="file-info" id="manifest-info"></p>
<label for="manifest-text" class="hint">或粘贴清单内容</label>
<textarea id="manifest-text" spellcheck="false" autocomplete="off"></textarea>
</section>

<section class="step" aria-labelledby="seed-head">
<h2 id="seed-head">② 随机种子和抽查比例</h2>
<p class="hint">种子见以 <span class="mono">-seed.txt</span> 结尾的文件或抽样记录；比例见抽样记录的“抽查比例”。</p>
<div class="row"><label for="seed-text">随机种子</label><input type="text" id="seed-text" inputmode="numeric" autocomplete="off" spellcheck="false"></div>
<div class="row"><button type="button" class="pick" id="seed-pick">或选择种子文件…</button><input type="file" id="seed-file" class="file" tabindex="-1" aria-hidden="true" accept=".txt,text/plain"></div>
<div class="row"><label for="rate-text">抽查比例（%）</label><input type="text" id="rate-text" inputmode="numeric" autocomplete="off"></div>
</section>

<section class="step" aria-labelledby="sample-head">
<h2 id="sample-head">③ 公布的样本</h2>
<p class="hint">以 <span class="mono">-sample.json</span> 结尾的文件。</p>
<div class="row"><button type="button" class="pick" id="sample-pick">选择样本文件…</button><input type="file" id="sample-file" class="file" tabindex="-1" aria-hidden="true" accept=".json,application/json"><button type="button" class="secondary" id="sample-clear" hidden>改为粘贴</button></div>
<p class="file-info" id="sample-info"></p>
<label for="sample-text" class="hint">或粘贴样本内容</label>
<textarea id="sample-text" spellcheck="false" autocomplete="off"></textarea>
</section>

<div class="actions"><button type="button" id="verify">复核</button></div>
<section id="result" class="result" role="status" aria-live="polite" aria-atomic="true"></section>

<footer>
<p>算法：consistent-sampler-sha256-v1（Rivest 一致抽样）。每件个案的随机数 = uniform(SHA-256(种子) + 案件编号)；各街道的已批准、未批准个案分别按随机数从小到大排序，取前 ⌈总数 × 比例 ÷ 100⌉ 件，再加上近亲属备案、投诉举报等必查个案。</p>
</footer>
</main>
<noscript><p>本页需要启用 JavaScript 才能复核。</p></noscript>
`;

/** The whole page; the hashes are base64 SHA-256 of exactly the script and style text inlined. */
export function verifyPageHtml(page: { script: string; scriptSha256: string; styleSha256: string }): string {
  const csp = `default-src 'none'; script-src 'sha256-${page.scriptSha256}'; style-src 'sha256-${page.styleSha256}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  // A closing script tag inside the bundle would end the element early; the bundler never emits one,
  // but the page refuses to be built rather than publish a broken verifier.
  if (/<\/script/i.test(page.script)) throw new Error('the verifier bundle contains "</script"');
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>社会救助抽查样本复核</title>',
    `<style>${VERIFY_PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    BODY,
    `<script>${page.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
