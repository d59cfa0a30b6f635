// The first page of a printed notice, drawn in HTML from the same privacy-safe NoticeDocument the PDF
// is made from: names arrive masked by the service exactly as they will be printed, so what staff check
// here is what the community will read. The wording follows templates/notice.ts (which the renderer may
// not import; the objection sentence is shared/notice.ts's, used by both); the page is A4 at 1 pt ≈
// 0.9 px with the GB/T 9704 margins, so lines wrap about where they do on paper.
import { addDays, formatChineseDate } from '../../../shared/dates';
import { caseCategoryLabels, caseKindLabels } from '../../../shared/glossary';
import { formatYuan } from '../../../shared/money';
import { objectionSentence, type NoticeDocument, type NoticeRow, type NoticeSection } from '../../../shared/notice';
import { periodDays } from './format';

/** Rows that fit the first page under the title and lead at 小四. */
export const PREVIEW_ROWS = 15;

function households(rows: readonly NoticeRow[]): string {
  return `${rows.length}户${rows.reduce((sum, r) => sum + r.householdSize, 0)}人`;
}

function leadText(doc: NoticeDocument, s: NoticeSection): string {
  const basis = doc.basis.trim().replace(/[，。；,.;\s]+$/u, '');
  return doc.kind === 'batch'
    ? `${basis}，拟对${s.communityName}以下${households(s.rows)}的社会救助事项予以审核确认，现予以公示。`
    : `${basis}，现将截至${formatChineseDate(doc.issuedOn)}${s.communityName}正在享受社会救助的对象名单（共${households(s.rows)}）予以长期公示。`;
}

function amountText(r: NoticeRow): string {
  return r.kind === 'termination' ? '停发' : formatYuan(r.amountFen);
}

type Props = { doc: NoticeDocument; testId?: string };

export function NoticePreview({ doc, testId }: Props) {
  // A batch notice has one section; a combined street file would start each community on a new page,
  // so its first page is its first section too.
  const section = doc.sections[0];
  if (!section) return null;
  const batch = doc.kind === 'batch';
  const shown = section.rows.slice(0, PREVIEW_ROWS);
  const more = section.rows.length - shown.length;
  const days = doc.period ? periodDays(doc.period.start, doc.period.end) : null;

  return (
    <figure className="np" data-testid={testId} data-rows={section.rows.length}>
      <div className="np-paper" aria-label="公示第一页预览">
        <h3 className="np-title">{doc.title}</h3>
        {!doc.title.includes(section.communityName) && <p className="np-subtitle">（{section.communityName}）</p>}
        <p className="np-lead">{leadText(doc, section)}</p>
        {batch && doc.period && (
          <p className="np-lead" data-testid="notice-preview-period">
            公示期为{formatChineseDate(doc.period.start)}至{formatChineseDate(doc.period.end)}（{days}天），期满无异议的，自{formatChineseDate(addDays(doc.period.end, 1))}起执行。
          </p>
        )}
        {section.rows.length === 0 ? (
          <p className="np-empty">{batch ? '本期无公示对象。' : '目前无保障对象。'}</p>
        ) : (
          <table className="np-table">
            <thead>
              <tr>
                <th className="np-seq">序号</th>
                <th>社区</th>
                <th>户主姓名</th>
                <th className="np-size">
                  保障
                  <br />
                  人数
                </th>
                <th>
                  月保障金额
                  <br />
                  （元）
                </th>
                <th>救助类别</th>
                {batch && <th>变动类型</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.seq} data-testid="notice-preview-row">
                  <td className="np-seq">{r.seq}</td>
                  <td>{r.communityName}</td>
                  <td className="np-name">{r.headName}</td>
                  <td>{r.householdSize}</td>
                  <td className="np-amount">{amountText(r)}</td>
                  <td>{caseCategoryLabels[r.category]}</td>
                  {batch && <td>{r.kind ? caseKindLabels[r.kind] : ''}</td>}
                </tr>
              ))}
              {more > 0 && (
                <tr className="np-more">
                  <td colSpan={batch ? 7 : 6}>……（以下 {more} 户见后续页）</td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        <p className="np-lead np-objection" data-testid="notice-preview-objection">
          {objectionSentence(doc)}
        </p>
        <div className="np-sign">
          <div>{doc.issuer}</div>
          <div>{formatChineseDate(doc.issuedOn)}</div>
        </div>
      </div>
      <figcaption className="muted small">
        第一页预览：与打印件相同的字段和遮蔽后的姓名{more > 0 ? `；共 ${section.rows.length} 户，此处显示前 ${shown.length} 户` : `；共 ${section.rows.length} 户`}。
      </figcaption>
    </figure>
  );
}
