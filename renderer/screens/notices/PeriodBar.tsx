// The batch's period and the step it can take next: a draft's period is edited here and the draft is
// posted (张贴公示); a posted batch is ended (结束公示) once its period is over. The period's rules
// (shared/date-rules.ts) are the service's; the form says the same words at the fields before saving.
import { useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { HintedButton } from '../../components/HintedButton';
import type { NoticeBatchDetail } from '../../../shared/notice';
import { formatChineseDate } from '../../../shared/dates';
import { MAX_NOTICE_DAYS, NOTICE_START_WINDOW_DAYS, noticePeriodIssue, noticeStartWindow } from '../../../shared/date-rules';
import { DateField } from '../../components/DateField';
import { MIN_NOTICE_DAYS, endFor, formatPeriod, isIsoDate, periodDays, todayInChina } from './format';
import type { BatchState } from './use-batch';

type Props = { detail: NoticeBatchDetail; batch: BatchState; onError: (message: string | null) => void };

export function PeriodBar({ detail, batch, onError }: Props) {
  const today = todayInChina();
  if (detail.status === 'draft' && batch.canEdit) {
    // Keyed on the saved period: a save resets the form, anything else keeps unsaved edits.
    return <DraftPeriod key={`${detail.startDate}|${detail.endDate}`} detail={detail} batch={batch} onError={onError} today={today} />;
  }
  const days = periodDays(detail.startDate, detail.endDate);
  return (
    <div className="toolbar nb-period" data-testid="batch-period">
      <div className="nb-period-text">
        <span className="muted">公示期</span>
        <strong data-testid="batch-period-text">{formatPeriod(detail.startDate, detail.endDate)}</strong>
        <span className="muted">（{days} 天）</span>
      </div>
      {detail.status === 'posted' && batch.canEdit && <EndAction detail={detail} batch={batch} onError={onError} today={today} />}
      {detail.status === 'ended' && <span className="muted toolbar-note">公示已结束，公示期内未处理的异议仍可在下方查看。</span>}
    </div>
  );
}

function DraftPeriod({ detail, batch, onError, today }: Props & { today: string }) {
  const [start, setStart] = useState(detail.startDate);
  const [end, setEnd] = useState(detail.endDate);
  const [allOfMeeting, setAllOfMeeting] = useState(false);
  const days = periodDays(start, end);
  const changed = start !== detail.startDate || end !== detail.endDate;
  const over = today > detail.endDate;
  // The service's own rule, said at the fields as soon as the dates are chosen (never "共 -1 天").
  const issue = noticePeriodIssue(start, end, detail.decidedOn);
  const startWindow = detail.decidedOn ? noticeStartWindow(detail.decidedOn) : null;

  function edited(nextStart: string, nextEnd: string) {
    setStart(nextStart);
    setEnd(nextEnd);
    // A refusal of the previous save no longer describes what is on screen.
    onError(null);
  }

  function changeStart(value: string) {
    // Moving the start keeps the period as long as it was, as staff usually just shift it.
    const length = periodDays(start, end);
    edited(value, length !== null && length > 0 && isIsoDate(value) ? endFor(value, length) : end);
  }

  async function save() {
    const r = allOfMeeting && detail.meetingId
      ? await batch.runMeetingPeriod({ meetingId: detail.meetingId, startDate: start, endDate: end })
      : await batch.run('notices.setPeriod', { batchId: detail.id, startDate: start, endDate: end });
    onError(r.ok ? null : r.message);
  }

  const [confirming, setConfirming] = useState(false);
  async function post() {
    const r = await batch.run('notices.post', { batchId: detail.id });
    setConfirming(false);
    onError(r.ok ? null : r.message);
  }

  return (
    <>
    <form
      noValidate
      className="toolbar nb-period"
      data-testid="batch-period"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <DateField
        label="公示开始"
        value={start}
        min={startWindow?.first}
        max={startWindow?.last}
        onChange={changeStart}
        testId="batch-period-start"
        invalid={issue?.on === 'start'}
      />
      <DateField label="公示结束" value={end} min={start} max={endFor(start, MAX_NOTICE_DAYS)} onChange={(v) => edited(start, v)} testId="batch-period-end" invalid={issue?.on === 'end'} />
      <span className={issue ? 'nb-days warn-text' : 'nb-days'} data-testid="batch-period-days">
        {days === null || days < 1 ? '—' : `共 ${days} 天`}
        {days !== null && days >= 1 && days < MIN_NOTICE_DAYS && `（不少于 ${MIN_NOTICE_DAYS} 天）`}
      </span>
      {detail.meetingId && detail.otherDrafts > 0 && (
        <label className="check nb-all" data-testid="batch-period-all">
          <input type="checkbox" checked={allOfMeeting} onChange={(e) => setAllOfMeeting(e.target.checked)} />
          同时改本次会议其余 {detail.otherDrafts} 批未张贴的公示
        </label>
      )}
      <button
        type="button"
        className="button"
        disabled={!changed}
        onClick={() => edited(detail.startDate, detail.endDate)}
      >
        还原
      </button>
      <button type="submit" className="button" disabled={!changed || batch.busy || issue !== null} data-testid="batch-save-period">
        保存
      </button>
      <div className="toolbar-actions">
        <HintedButton
          className="button primary"
          blockedBy={changed ? '请先保存公示期，再张贴' : over ? `公示期已于${formatChineseDate(detail.endDate)}结束，请调整公示期后再张贴` : null}
          busy={batch.busy}
          reasonFirst
          onClick={() => setConfirming(true)}
          testId="batch-post"
        >
          张贴公示…
        </HintedButton>
      </div>
      {issue && changed ? (
        <p className="field-error nb-period-problem" role="alert" data-testid="batch-period-problem">
          {issue.message}
        </p>
      ) : (
        startWindow && (
          <p className="muted nb-period-window" data-testid="batch-period-window">
            公示应在会议结束后 {NOTICE_START_WINDOW_DAYS} 天内开始（{formatChineseDate(startWindow.first)}至{formatChineseDate(startWindow.last)}），公示期 {MIN_NOTICE_DAYS}～{MAX_NOTICE_DAYS} 天
          </p>
        )
      )}
    </form>
    {/* Outside the period's form: a dialog's submit must not also save the period. */}
    {confirming && <PostDialog detail={detail} busy={batch.busy} onClose={() => setConfirming(false)} onConfirm={() => void post()} />}
    </>
  );
}

function EndAction({ detail, batch, onError, today }: Props & { today: string }) {
  // The service refuses to end a notice before its last day has passed; say so before the click.
  const early = today <= detail.endDate;
  async function end() {
    const r = await batch.run('notices.end', { batchId: detail.id });
    onError(r.ok ? null : r.message);
  }
  return (
    <div className="toolbar-actions">
      <HintedButton className="button primary" blockedBy={early ? `公示期到${formatChineseDate(detail.endDate)}期满，期满后才能结束公示` : null} busy={batch.busy} reasonFirst onClick={() => void end()} testId="batch-end">
        结束公示
      </HintedButton>
    </div>
  );
}

/**
 * Posting is public and cannot be taken back (the list goes up on the community's board), so it is
 * confirmed with what will be posted: where, how many households, and for which days.
 */
function PostDialog({ detail, busy, onClose, onConfirm }: { detail: NoticeBatchDetail; busy: boolean; onClose: () => void; onConfirm: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title="张贴公示"
      onClose={onClose}
      onSubmit={onConfirm}
      initialFocus={cancel}
      testId="post-dialog"
      actions={
        <>
          <button ref={cancel} type="button" className="button" onClick={onClose} data-testid="post-cancel">
            取消
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="post-confirm">
            确认张贴
          </button>
        </>
      }
    >
      <p data-testid="post-summary">
        在{detail.communityName}张贴 {detail.items.length} 户的公示，公示期{formatPeriod(detail.startDate, detail.endDate)}（{periodDays(detail.startDate, detail.endDate)} 天）。
      </p>
      <p>张贴后名单和公示期不能再修改；公示期内收到的异议在本页登记。请先核对打印的公示与名单一致。</p>
    </Dialog>
  );
}
