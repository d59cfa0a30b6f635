// The street office's 整改: the corrections the district bureau ordered on its cases after a spot check
// (the kind of problem and what to do, never the inspectors' notes), with deadlines, overdue ones in red,
// the bureau's notes on a returned answer, an answer form, and the one step that puts a 复核 or 停保 case
// for the household straight onto the next meeting's agenda.
import { useState } from 'react';
import { allowed, canWriteStreet } from '../../../shared/access';
import { answerReviewLabels, correctionSource, isOverdue, type StreetCorrection } from '../../../shared/corrections';
import { formatChineseDate } from '../../../shared/dates';
import { caseKindLabels, caseStatusLabels, correctionStatusLabels } from '../../../shared/glossary';
import { call, errorMessage } from '../../api';
import { DateField } from '../../components/DateField';
import { Dialog, DialogError } from '../../components/Dialog';
import { LimitedTextArea } from '../../components/LimitedText';
import { LoadError } from '../../components/LoadError';
import { useApi } from '../../use-api';
import { todayInChina } from './format';

type Editing = { kind: 'answer' | 'agenda'; correction: StreetCorrection };

export function StreetCorrections() {
  const [list, reload] = useApi('corrections.list', {});
  const [session] = useApi('session.current', {});
  const [editing, setEditing] = useState<Editing | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Overdue by the same rule as the bureau's panel, as of this machine's day.
  const today = todayInChina();
  const rows = list.status === 'ready' ? list.value.map((c) => ({ ...c, overdue: isOverdue(c, today) })) : [];
  const writer = (c: StreetCorrection) => session.status === 'ready' && allowed(canWriteStreet(session.value, c.streetCode, '整改'));
  const overdue = rows.filter((c) => c.overdue).length;
  return (
    <section className="screen" data-testid="street-corrections">
      <div className="screen-head">
        <h1 className="screen-title">整改</h1>
        <span className="muted">抽查由区民政局组织；这里是抽查后下达给本街道的整改要求，逐项答复，经区民政局审核通过后办结</span>
      </div>
      {list.status === 'error' && <LoadError what="整改" message={list.message} onRetry={reload} />}
      {done && (
        <div className="notice ok" role="status" data-testid="corrections-done">
          {done}
        </div>
      )}
      {list.status === 'ready' && rows.length === 0 && (
        <div className="planned" data-testid="corrections-none">
          区民政局尚未对本街道下达整改要求。
        </div>
      )}
      {rows.length > 0 && (
        <div className="panel">
          <p className="muted" data-testid="corrections-summary">
            共 {rows.length} 项，未办结 {rows.filter((c) => c.status !== 'done').length} 项
            {overdue > 0 && <span className="warn-text">，其中已逾期 {overdue} 项</span>}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="street-corrections-table">
              <thead>
                <tr>
                  <th>案件编号</th>
                  <th>户主 / 社区</th>
                  <th>问题</th>
                  <th>整改要求</th>
                  <th>下达日期</th>
                  <th>整改期限</th>
                  <th>状态</th>
                  <th>答复与审核</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <CorrectionRow key={c.id} c={c} writable={writer(c)} onEdit={(kind) => setEditing({ kind, correction: c })} />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {editing?.kind === 'answer' && (
        <AnswerDialog
          correction={editing.correction}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            setDone(`已答复 ${editing.correction.caseNo} 的整改，等待区民政局审核`);
            reload();
          }}
        />
      )}
      {editing?.kind === 'agenda' && (
        <AgendaDialog
          correction={editing.correction}
          onClose={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setDone(message);
            reload();
          }}
        />
      )}
    </section>
  );
}

function CorrectionRow({ c, writable, onEdit }: { c: StreetCorrection; writable: boolean; onEdit: (kind: Editing['kind']) => void }) {
  const last = c.answers[c.answers.length - 1];
  const pendingCase = c.openedCase && ['pending', 'deferred', 'reinvestigating'].includes(c.openedCase.status);
  return (
    <tr data-testid="street-correction" data-case-no={c.caseNo} data-status={c.status} data-overdue={c.overdue ? '1' : '0'}>
      <td className="mono nowrap">{c.caseNo}</td>
      <td>
        {c.householdHead}
        <div className="muted small">{c.communityName}</div>
      </td>
      <td className="warn-text nowrap">{c.findingLabel}</td>
      <td>
        {c.requirement}
        {c.asksCaseKind && <div className="muted small">要求列入会议：{caseKindLabels[c.asksCaseKind]}</div>}
      </td>
      <td className="nowrap">{formatChineseDate(c.orderedOn)}</td>
      <td className={c.overdue ? 'warn-text nowrap' : 'nowrap'}>
        {formatChineseDate(c.deadline)}
        {c.overdue && (
          <div>
            <span className="flag" data-testid="correction-overdue">
              已逾期
            </span>
          </div>
        )}
      </td>
      <td className="nowrap" data-testid="street-correction-status">
        {correctionStatusLabels[c.status]}
        {c.closedOn && <div className="muted small">{formatChineseDate(c.closedOn)}办结</div>}
      </td>
      <td>
        {c.openedCase && (
          <div className="small" data-testid="correction-opened-case">
            已立案 {c.openedCase.caseNo}（{caseStatusLabels[c.openedCase.status as keyof typeof caseStatusLabels] ?? c.openedCase.status}）
            {c.openedCase.decision && <span>，{c.openedCase.decision.label}</span>}
          </div>
        )}
        {last ? (
          <div data-testid="correction-last-answer">
            <div className="small">
              {formatChineseDate(last.answeredOn)}答复：{last.answer}
              {last.caseNo && <span className="muted">（个案 {last.caseNo}{last.decisionLabel ? `，${last.decisionLabel}` : ''}）</span>}
            </div>
            <span className={last.review === 'returned' ? 'flag' : last.review === 'accepted' ? 'tag ok' : 'tag'}>{answerReviewLabels[last.review]}</span>
            {last.review === 'returned' && (
              <div className="warn-text small" data-testid="correction-returned-note">
                退回意见：{last.reviewNote}
              </div>
            )}
          </div>
        ) : (
          <span className="muted small">尚未答复</span>
        )}
      </td>
      <td>
        {writable && c.status === 'open' && (
          <span className="row-actions stacked">
            <button type="button" className="button small primary" onClick={() => onEdit('answer')} data-testid="correction-answer">
              答复
            </button>
            {!pendingCase && (
              <button type="button" className="button small" onClick={() => onEdit('agenda')} data-testid="correction-agenda">
                列入下次会议（复核/停保）
              </button>
            )}
          </span>
        )}
      </td>
    </tr>
  );
}

function AnswerDialog({ correction: c, onClose, onDone }: { correction: StreetCorrection; onClose: () => void; onDone: () => void }) {
  const today = todayInChina();
  const [answer, setAnswer] = useState('');
  const [answeredOn, setAnsweredOn] = useState(today);
  // What the answer names: nothing, the case opened for it, or the decision a meeting made on that case.
  const [names, setNames] = useState<'none' | 'case' | 'decision'>(c.openedCase?.decision ? 'decision' : c.openedCase ? 'case' : 'none');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const returned = c.answers.filter((a) => a.review === 'returned');

  async function submit() {
    if (answer.trim() === '') return setError('请写明整改情况');
    setBusy(true);
    try {
      await call('corrections.answer', {
        correctionId: c.id,
        answeredOn,
        answer,
        caseId: names !== 'none' ? (c.openedCase?.caseId ?? null) : null,
        decisionId: names === 'decision' ? (c.openedCase?.decision?.id ?? null) : null,
      });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={`答复整改：${c.caseNo}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="answer-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="answer-submit">
            提交答复
          </button>
        </>
      }
    >
      <p className="dialog-note">
        {c.householdHead} · {c.findingLabel}：{c.requirement}（期限 {formatChineseDate(c.deadline)}）
      </p>
      {returned.length > 0 && (
        <p className="dialog-note warn-text" data-testid="answer-returned-notes">
          区民政局退回意见：{returned.map((a) => a.reviewNote).join('；')}
        </p>
      )}
      <label className="field">
        <span>整改情况</span>
        <LimitedTextArea rows={4} value={answer} onValue={setAnswer} maxLength={1000} testId="answer-text" />
      </label>
      <DateField label="答复日期" value={answeredOn} min={c.orderedOn} max={today} onChange={setAnsweredOn} testId="answer-date" />
      {c.openedCase && (
        <fieldset className="field">
          <legend>答复所附</legend>
          <label>
            <input type="radio" name="answer-names" checked={names === 'none'} onChange={() => setNames('none')} /> 不附个案
          </label>
          <label>
            <input type="radio" name="answer-names" checked={names === 'case'} onChange={() => setNames('case')} data-testid="answer-names-case" /> 个案 {c.openedCase.caseNo}
          </label>
          {c.openedCase.decision && (
            <label>
              <input type="radio" name="answer-names" checked={names === 'decision'} onChange={() => setNames('decision')} /> 会议决定（{c.openedCase.decision.label}）
            </label>
          )}
        </fieldset>
      )}
      <DialogError message={error} testId="answer-error" />
    </Dialog>
  );
}

function AgendaDialog({ correction: c, onClose, onDone }: { correction: StreetCorrection; onClose: () => void; onDone: (message: string) => void }) {
  const [kind, setKind] = useState<'re_review' | 'termination'>(c.asksCaseKind ?? 're_review');
  const [reason, setReason] = useState(`区民政局抽查整改：${c.requirement}`.slice(0, 300));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (reason.trim() === '') return setError('请写明事由');
    setBusy(true);
    try {
      const r = await call('cases.openReview', { householdId: c.householdId, kind, reason, openedFor: correctionSource(c.id) });
      onDone(r.meetingLabel ? `已立${caseKindLabels[kind]}个案 ${r.caseNo}，列入${r.meetingLabel}议程` : `已立${caseKindLabels[kind]}个案 ${r.caseNo}，将列入下次会议的议程`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={`列入下次会议：${c.householdHead}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="agenda-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="agenda-submit">
            立案并列入议程
          </button>
        </>
      }
    >
      <p className="dialog-note">
        {c.caseNo} · {c.findingLabel}：{c.requirement}
      </p>
      <fieldset className="field">
        <legend>个案类别</legend>
        {(['re_review', 'termination'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="agenda-kind" checked={kind === k} onChange={() => setKind(k)} data-testid={`agenda-kind-${k}`} /> {caseKindLabels[k]}
            {c.asksCaseKind === k && <span className="muted small">（区民政局要求）</span>}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>事由</span>
        <LimitedTextArea rows={3} value={reason} onValue={setReason} maxLength={300} testId="agenda-reason" />
      </label>
      <DialogError message={error} testId="agenda-error" />
    </Dialog>
  );
}
