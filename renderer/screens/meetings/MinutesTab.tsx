// 纪要: how far the meeting is, what is still undecided, closing it (which freezes the decisions and
// writes the minutes with their SHA-256), and afterwards the minutes file and the notices now due.
import { useRef, useState } from 'react';
import type { PdfFile } from '../../../shared/api';
import type { Outcome } from '../../../shared/domain';
import { caseKindLabels } from '../../../shared/glossary';
import type { MeetingDetail, StoredMinutes } from '../../../shared/meeting';
import { missingCase } from '../../../shared/result';
import { call, desktopCall } from '../../api';
import { Dialog, DialogError } from '../../components/Dialog';
import { errorMessage, formatDateTime } from './format';
import type { MeetingState } from './use-meeting';
import { FileActions } from '../../components/FileActions';
import { useXlsxExport, XlsxExportButton, XlsxExportStatus } from '../../components/XlsxExport';
import { HintedButton } from '../../components/HintedButton';
import { ErrorNotice, LoadError } from '../../components/LoadError';
import { useApi } from '../../use-api';

type Props = { detail: MeetingDetail; meeting: MeetingState; minutes: PdfFile | null; onMinutes: (file: PdfFile) => void; onShowItem: (itemId: string) => void };

export function MinutesTab({ detail, meeting, minutes, onMinutes, onShowItem }: Props) {
  const [confirming, setConfirming] = useState(false);
  const live = detail.items.filter((i) => !i.removed);
  const open = live.filter((i) => i.decision === null);
  const count = (o: Outcome) => live.filter((i) => i.decision?.outcome === o).length;
  const closed = detail.status === 'closed';

  return (
    <div className="minutes" data-testid="minutes-tab">
      <div className="panel">
        <h2>审议进度</h2>
        <p className="minutes-progress" data-testid="minutes-progress">
          已决定 <strong>{live.length - open.length}</strong> / {live.length} 项：同意 {count('approve')} 项，不同意 {count('reject')} 项，暂缓 {count('defer')} 项
        </p>
        {open.length > 0 && (
          <>
            <h3 className="sub-head">尚未作出决定（{open.length} 项）</h3>
            <ul className="undecided" data-testid="undecided-list">
              {open.map((i) => (
                <li key={i.id}>
                  第 {i.number} 项 {i.case.communityName} {i.case.headName}（{caseKindLabels[i.case.kind]}）
                  {detail.status === 'in_session' && (
                    <button type="button" className="button small-inline" onClick={() => onShowItem(i.id)}>
                      去审议
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {detail.status === 'draft' && <p className="muted">会议尚未开始。</p>}
        {detail.status === 'in_session' && meeting.canEdit && (
          <div className="close-bar">
            <HintedButton className="button primary" blockedBy={open.length > 0 ? '所有议题作出决定后才能结束会议。' : null} busy={meeting.busy} onClick={() => setConfirming(true)} testId="close-meeting">
              结束会议
            </HintedButton>
            {open.length === 0 && <span className="muted">结束后决定不能再修改，并生成会议纪要。</span>}
          </div>
        )}
      </div>

      {closed && <StoredMinutesPanel detail={detail} minutes={minutes} onMinutes={onMinutes} />}
      {closed && <DecisionsExportPanel detail={detail} />}
      {confirming && <CloseDialog detail={detail} meeting={meeting} onClose={() => setConfirming(false)} onClosed={onMinutes} />}
    </div>
  );
}

/**
 * The decisions as a spreadsheet, one row per decided case in the layout staff re-enter into the
 * provincial 社会救助信息系统. Only a closed meeting's: until then a decision can still be taken again.
 */
function DecisionsExportPanel({ detail }: { detail: MeetingDetail }) {
  const exported = useXlsxExport(detail.id);
  return (
    <div className="panel" data-testid="decisions-export">
      <div className="panel-head">
        <h2>导出决定</h2>
        <XlsxExportButton job={exported} write={() => call('exports.decisions', { meetingId: detail.id })} testId="export-decisions" />
      </div>
      <p className="muted">
        每件已决定的个案一行（序号、个案编号、社区、户主、身份证号、救助类别、事项、家庭人口、审议结果、原金额与核定金额、会议日期、理由），供录入省社会救助信息系统。本街道工作人员导出的表格含完整身份证号，导出记入审计日志；区民政局导出的身份证号隐去中间数字。
      </p>
      <XlsxExportStatus state={exported.state} testId="export-decisions-result" />
    </div>
  );
}

/**
 * A closed meeting's minutes: the file written when it was closed, with the hash stored then, checked
 * against the file on this copy. A new rendering is offered only where this copy has no such file (it
 * synced the meeting from the centre); it may differ from the record if the fonts differ, and says so.
 */
function StoredMinutesPanel({ detail, minutes, onMinutes }: { detail: MeetingDetail; minutes: PdfFile | null; onMinutes: (file: PdfFile) => void }) {
  const [stored, reload] = useApi('meetings.storedMinutes', { meetingId: detail.id }, `${detail.id}|${minutes?.sha256 ?? ''}`);
  const [pdf, setPdf] = useState<{ status: 'idle' } | { status: 'running' } | { status: 'error'; message: string }>({ status: 'idle' });

  async function generate() {
    setPdf({ status: 'running' });
    try {
      onMinutes(await call('meetings.minutesPdf', { meetingId: detail.id }));
      setPdf({ status: 'idle' });
      reload();
    } catch (error) {
      setPdf({ status: 'error', message: errorMessage(error) });
    }
  }

  return (
    <div className="panel" data-testid="minutes-file">
      <h2>会议纪要</h2>
      <dl className="kv">
        <div className="kv-row">
          <dt>结束时间</dt>
          <dd data-testid="closed-at">{formatDateTime(detail.closedAt)}</dd>
        </div>
        <div className="kv-row">
          <dt>存档 SHA-256</dt>
          <dd className="sha" data-testid="minutes-sha256">
            {detail.minutesSha256 ?? '无（历史会议，不是在本系统中结束的）'}
          </dd>
        </div>
        {stored.status === 'ready' && (
          <>
            <div className="kv-row">
              <dt>纪要文件</dt>
              <dd className="path" data-testid="minutes-path">
                {stored.value.path}
                {stored.value.state !== 'missing' && <FileActions path={stored.value.path} />}
                {stored.value.state !== 'missing' && window.desktop && (
                  <button type="button" className="button small" onClick={() => void desktopCall('desktop.showFolder', { folder: 'exports' })} data-testid="minutes-show-folder">
                    在文件夹中显示
                  </button>
                )}
              </dd>
            </div>
            <div className="kv-row">
              <dt>核对</dt>
              <dd data-testid="minutes-state" data-state={stored.value.state}>
                <MinutesState stored={stored.value} />
              </dd>
            </div>
          </>
        )}
        {minutes && minutes.sha256 !== detail.minutesSha256 && detail.minutesSha256 !== null && (
          <div className="kv-row">
            <dt>本机生成</dt>
            <dd>
              <span className="sha">{minutes.sha256}</span>
              <div className="warn-text small">与结束会议时存档的摘要不同：纪要内容取自结束时冻结的记录，差异来自本机字体与当时不同；请以存档文件为准。</div>
            </dd>
          </div>
        )}
      </dl>
      {stored.status === 'error' && <LoadError what="纪要文件" message={stored.message} onRetry={reload} />}
      {stored.status === 'ready' && stored.value.state === 'missing' && (
        <div className="close-bar">
          <button type="button" className="button" disabled={pdf.status === 'running'} onClick={() => void generate()} data-testid="minutes-regenerate">
            {pdf.status === 'running' ? '正在生成…' : '在本机生成纪要 PDF'}
          </button>
        </div>
      )}
      {pdf.status === 'error' && <ErrorNotice error={pdf.message} onDismiss={() => setPdf({ status: 'idle' })} testId="minutes-error" />}
      <p className="notice-due" data-testid="notice-due">
        {detail.noticeDue > 0 ? `${detail.noticeDue} 户待公示` : '没有待公示的事项'}
      </p>
    </div>
  );
}

function MinutesState({ stored }: { stored: StoredMinutes }) {
  switch (stored.state) {
    case 'matches':
      return <span className="ok-text">文件与存档摘要一致，这就是结束会议时生成的纪要。</span>;
    case 'differs':
      return (
        <span className="warn-text">
          文件的 SHA-256 为 <span className="sha">{stored.sha256}</span>，与存档摘要不一致：文件在结束会议后被改动或替换过，请以中心存档为准。
        </span>
      );
    case 'missing':
      return <span className="muted">本机没有这份纪要文件（会议可能是在另一台电脑上结束、同步过来的）。</span>;
    case 'unrecorded':
      return <span className="muted">历史会议没有存档摘要，无法核对文件。</span>;
    default:
      return missingCase(stored.state, 'minutes state');
  }
}

function CloseDialog({ detail, meeting, onClose, onClosed }: { detail: MeetingDetail; meeting: MeetingState; onClose: () => void; onClosed: (file: PdfFile) => void }) {
  const [state, setState] = useState<{ status: 'idle' } | { status: 'running' } | { status: 'error'; message: string }>({ status: 'idle' });
  const cancel = useRef<HTMLButtonElement>(null);
  async function confirm() {
    setState({ status: 'running' });
    try {
      const result = await call('meetings.close', { meetingId: detail.id });
      meeting.replace(result.meeting);
      onClosed(result.minutes);
      onClose();
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }
  return (
    <Dialog
      title="结束会议"
      onClose={onClose}
      onSubmit={() => void confirm()}
      initialFocus={cancel}
      testId="close-dialog"
      actions={
        <>
          <button ref={cancel} type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={state.status === 'running'} data-testid="close-confirm">
            {state.status === 'running' ? '正在生成纪要…' : '结束会议并生成纪要'}
          </button>
        </>
      }
    >
      <p>结束会议后，各项决定即时生效并固定，不能再修改；如需更正，须在以后的会议上作出新的决定。</p>
      <p>系统将生成会议纪要 PDF，并记录其 SHA-256 摘要。</p>
      <DialogError message={state.status === 'error' ? state.message : null} testId="close-error" />
    </Dialog>
  );
}
