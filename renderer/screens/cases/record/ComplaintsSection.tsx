// 投诉举报: complaints and reports about this case or the whole household, as received and as closed
// (处理情况, 处理结果, 办结日期). An open one marks the case for the review; closing it needs all three.
import { useRef, useState } from 'react';
import type { CaseRecordView, ComplaintAgainst, ComplaintChannel, ComplaintView } from '../../../../shared/case-record';
import { complaintAgainstLabels, complaintChannelLabels, complaintStatusLabels } from '../../../../shared/glossary';
import { call } from '../../../api';
import { DateField } from '../../../components/DateField';
import { Dialog, DialogError } from '../../../components/Dialog';
import { LimitedInput, LimitedTextArea } from '../../../components/LimitedText';
import { Field, useDialogForm } from './form';
import { dateText, optionsOf, todayInChina } from './format';
import { Actions } from './HouseholdDialogs';
import { Section } from './Section';

type Props = { view: CaseRecordView; onChanged: (view: CaseRecordView) => void };
type Open = { kind: 'record' } | { kind: 'close'; complaint: ComplaintView } | null;

export function ComplaintsSection({ view, onChanged }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const saved = (v: CaseRecordView) => {
    setOpen(null);
    onChanged(v);
  };
  return (
    <Section
      id="cr-complaints"
      title="投诉举报"
      testId="record-complaints"
      actions={
        view.writable && (
          <button type="button" className="button" onClick={() => setOpen({ kind: 'record' })} data-testid="complaint-add">
            登记投诉举报
          </button>
        )
      }
    >
      {view.complaints.length === 0 ? (
        <p className="muted">没有投诉举报。</p>
      ) : (
        <ul className="cr-complaints">
          {view.complaints.map((c) => (
            <li key={c.id} className={`cr-complaint ${c.status}`} data-testid="complaint-row" data-status={c.status}>
              <div className="cr-complaint-head">
                <span className={c.status === 'open' ? 'flag' : 'tag ok'}>{complaintStatusLabels[c.status]}</span>
                <span className="strong">{complaintAgainstLabels[c.against]}</span>
                <span className="muted">
                  {dateText(c.receivedOn)} · {complaintChannelLabels[c.channel]} · {c.complainant ? `投诉人：${c.complainant}` : '匿名'}
                  {c.caseId !== view.id && ` · 个案 ${c.caseNo}`}
                </span>
                {c.status === 'open' && view.writable && (
                  <button type="button" className="button small-inline" onClick={() => setOpen({ kind: 'close', complaint: c })} aria-label={`办结 ${dateText(c.receivedOn)} 收到的投诉举报`} data-testid="complaint-close">
                    办结
                  </button>
                )}
              </div>
              <p className="cr-prewrap cr-complaint-content">{c.content}</p>
              {c.status === 'closed' && (
                <dl className="kv cr-complaint-result">
                  <div className="kv-row">
                    <dt>处理情况</dt>
                    <dd className="cr-prewrap">{c.handling}</dd>
                  </div>
                  <div className="kv-row">
                    <dt>处理结果</dt>
                    <dd className="cr-prewrap">{c.result}</dd>
                  </div>
                  <div className="kv-row">
                    <dt>办结日期</dt>
                    <dd>{dateText(c.closedOn)}</dd>
                  </div>
                </dl>
              )}
            </li>
          ))}
        </ul>
      )}
      {open?.kind === 'record' && <ComplaintDialog view={view} onClose={() => setOpen(null)} onSaved={saved} />}
      {open?.kind === 'close' && <CloseDialog complaint={open.complaint} onClose={() => setOpen(null)} onSaved={saved} />}
    </Section>
  );
}

type DialogProps = { view: CaseRecordView; onClose: () => void; onSaved: (view: CaseRecordView) => void };

function ComplaintDialog({ view, onClose, onSaved }: DialogProps) {
  const form = useDialogForm(['against', 'channel', 'receivedOn', 'complainant', 'content']);
  const first = useRef<HTMLSelectElement>(null);
  const today = todayInChina();
  const [against, setAgainst] = useState<ComplaintAgainst>('case');
  const [channel, setChannel] = useState<ComplaintChannel>('hotline_12345');
  const [receivedOn, setReceivedOn] = useState(today);
  const [complainant, setComplainant] = useState('');
  const [content, setContent] = useState('');
  const save = () => void form.submit(() => call('cases.recordComplaint', { caseId: view.id, against, channel, receivedOn, complainant, content }), onSaved);

  const a = form.at('against');
  const ch = form.at('channel');
  const date = form.at('receivedOn');
  const who = form.at('complainant');
  const what = form.at('content');
  return (
    <Dialog title="登记投诉举报" onClose={onClose} onSubmit={save} initialFocus={first} testId="complaint-dialog" wide actions={<Actions form={form} onClose={onClose} label="登记" />}>
      <p className="dialog-note">登记后个案带“投诉举报”标记，直到办结；审议时会看到。</p>
      <div className="cr-form-grid">
        <Field label="针对" state={a}>
          <select ref={first} value={against} onChange={(e) => form.bind('against', setAgainst)(e.target.value as ComplaintAgainst)} {...a.input} data-testid="complaint-against">
            {optionsOf(complaintAgainstLabels).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="渠道" state={ch}>
          <select value={channel} onChange={(e) => form.bind('channel', setChannel)(e.target.value as ComplaintChannel)} {...ch.input} data-testid="complaint-channel">
            {optionsOf(complaintChannelLabels).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <DateField label="收到日期" value={receivedOn} max={today} onChange={form.bind('receivedOn', setReceivedOn)} invalid={date.message !== null} hint={date.message} testId="complaint-date" />
        <Field label="投诉人（可不填）" state={who}>
          <LimitedInput value={complainant} maxLength={40} onValue={form.bind('complainant', setComplainant)} placeholder="匿名" {...who.input} testId="complaint-complainant" />
        </Field>
      </div>
      <Field label="投诉举报内容" state={what}>
        <LimitedTextArea rows={4} value={content} maxLength={500} onValue={form.bind('content', setContent)} {...what.input} testId="complaint-content" />
      </Field>
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}

function CloseDialog({ complaint, onClose, onSaved }: { complaint: ComplaintView; onClose: () => void; onSaved: (view: CaseRecordView) => void }) {
  const form = useDialogForm(['handling', 'result', 'closedOn']);
  const first = useRef<HTMLTextAreaElement>(null);
  const today = todayInChina();
  const [handling, setHandling] = useState('');
  const [result, setResult] = useState('');
  const [closedOn, setClosedOn] = useState(today);
  const save = () => void form.submit(() => call('cases.closeComplaint', { complaintId: complaint.id, handling, result, closedOn }), onSaved);

  const h = form.at('handling');
  const r = form.at('result');
  const date = form.at('closedOn');
  return (
    <Dialog title="办结投诉举报" onClose={onClose} onSubmit={save} initialFocus={first} testId="complaint-close-dialog" wide actions={<Actions form={form} onClose={onClose} label="办结" />}>
      <div className="cr-quote">
        <span className="muted">
          {dateText(complaint.receivedOn)} {complaintChannelLabels[complaint.channel]}收到：
        </span>
        <span className="cr-prewrap">{complaint.content}</span>
      </div>
      <Field label="处理情况" state={h}>
        <LimitedTextArea inputRef={first} rows={3} value={handling} maxLength={300} onValue={form.bind('handling', setHandling)} {...h.input} testId="complaint-handling" />
      </Field>
      <Field label="处理结果" state={r}>
        <LimitedTextArea rows={2} value={result} maxLength={300} onValue={form.bind('result', setResult)} {...r.input} testId="complaint-result" />
      </Field>
      <DateField label="办结日期" value={closedOn} min={complaint.receivedOn} max={today} onChange={form.bind('closedOn', setClosedOn)} invalid={date.message !== null} hint={date.message} testId="complaint-closed-on" />
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}
