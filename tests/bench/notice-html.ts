// The alternative the notice benchmark measures against: the same standing list as HTML, printed to PDF
// by Chromium. Same page set-up (A4, GB/T 9704 margins), the same bundled fonts (@font-face on file://
// URLs), the same columns and text, the header row repeated on every page (thead), each community on a
// new page. The page footer "第 x 页 共 y 页" comes from page.pdf's footerTemplate.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { NoticeDocument, NoticeRow } from '../../shared/notice';
import { caseCategoryLabels, caseKindLabels } from '../../shared/glossary';
import { daysBetween, formatChineseDate } from '../../shared/dates';
import { formatYuan } from '../../shared/money';
import { hotlineClause } from '../../shared/office';
import { bundledFonts } from '../../templates/fonts';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function row(r: NoticeRow, batch: boolean): string {
  const amount = r.kind === 'termination' ? '停发' : formatYuan(r.amountFen);
  const kind = batch ? `<td>${r.kind === null ? '' : esc(caseKindLabels[r.kind])}</td>` : '';
  return `<tr><td>${r.seq}</td><td>${esc(r.communityName)}</td><td>${esc(r.headName)}</td><td>${r.householdSize}</td><td class="r">${amount}</td><td>${esc(caseCategoryLabels[r.category])}</td>${kind}</tr>`;
}

export function noticeHtml(doc: NoticeDocument, fontsDir: string): string {
  const font = (family: string, file: string) => `@font-face { font-family: ${family}; src: url("${pathToFileURL(join(fontsDir, file)).href}"); }`;
  const batch = doc.kind === 'batch';
  const contact = [doc.objection.address && `地址：${doc.objection.address}`, doc.objection.phone && `电话：${doc.objection.phone}`].filter(Boolean).join('，');
  const sections = doc.sections.map((s) => {
    const people = s.rows.reduce((n, r) => n + r.householdSize, 0);
    const intro = batch
      ? `${doc.basis}，拟对${s.communityName}以下${s.rows.length}户${people}人的社会救助事项予以审核确认，现予以公示。`
      : `${doc.basis}，现将截至${formatChineseDate(doc.issuedOn)}${s.communityName}正在享受社会救助的对象名单（共${s.rows.length}户${people}人）予以长期公示。`;
    const period =
      batch && doc.period
        ? `<p class="lead">公示期：${formatChineseDate(doc.period.start)}至${formatChineseDate(doc.period.end)}（${daysBetween(doc.period.start, doc.period.end) + 1}天）。</p>`
        : '';
    const head = ['序号', '社区', '户主姓名', '保障<br>人数', '月保障金额<br>（元）', '救助类别', ...(batch ? ['变动类型'] : [])].map((h) => `<th>${h}</th>`).join('');
    return `<section>
<h1>${esc(doc.title)}</h1>${doc.title.includes(s.communityName) ? '' : `<h2>（${esc(s.communityName)}）</h2>`}
<p class="lead">${esc(intro)}</p>${period}
<table><colgroup><col style="width:34pt"><col><col style="width:68pt"><col style="width:34pt"><col style="width:68pt"><col style="width:80pt">${batch ? '<col style="width:80pt">' : ''}</colgroup>
<thead><tr>${head}</tr></thead>
<tbody>${s.rows.map((r) => row(r, batch)).join('')}</tbody></table>
<p class="lead objection">${batch ? '公示期间，' : ''}如对公示对象有异议，可向${esc(doc.issuer)}反映${contact ? `（${esc(contact)}）` : ''}，也可拨打${esc(hotlineClause(doc.objection.hotlines))}。</p>
<p class="issuer">${esc(doc.issuer)}<br>${formatChineseDate(doc.issuedOn)}</p>
</section>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>
${font('JrdTitle', bundledFonts.title.file)}
${font('JrdBody', bundledFonts.body.file)}
${font('JrdHeading', bundledFonts.heading.file)}
body { margin: 0; font-family: JrdBody; font-size: 16pt; }
section + section { break-before: page; }
h1 { font-family: JrdTitle; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 4pt; }
h2 { font-size: 16pt; font-weight: normal; text-align: center; margin: 0 0 12pt; }
.lead { text-indent: 2em; line-height: 1.45; text-align: justify; margin: 0; }
.objection { margin-top: 12pt; }
.issuer { text-align: right; margin: 24pt 32pt 0 0; break-inside: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 8pt; font-size: 12pt; line-height: 1.44; }
thead { display: table-header-group; }
th { font-family: JrdHeading; font-weight: normal; background: #e8e8e8; }
th, td { border: 0.5pt solid #000; padding: 2.5pt 3pt; text-align: center; overflow-wrap: anywhere; }
td.r { text-align: right; }
tr { break-inside: avoid; }
</style></head><body>${sections.join('\n')}</body></html>`;
}

export const chromiumFooter =
  '<div style="width:100%;text-align:center;font-size:12pt;font-family:\'Noto Serif CJK SC\',serif">第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';
