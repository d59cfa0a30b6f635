// 先行救助 (小金额先行救助): for temporary assistance, a small amount paid before the review when the need
// is urgent, within the limit the district sets; the review then confirms it. Recorded once per case.
import { useRef, useState } from 'react';
import type { CaseRecordView } from '../../../../shared/case-record';
import { parseYuan } from '../../../../shared/money';
import { call } from '../../../api';
import { DateField } from '../../../components/DateField';
import { Dialog, DialogError } from '../../../components/Dialog';
import { LimitedInput, LimitedTextArea } from '../../../components/LimitedText';
import { Field, useDialogForm } from './form';
import { dateText, todayInChina, yuan } from './format';
import { Actions } from './HouseholdDialogs';
import { Section } from './Section';

type Props = { view: CaseRecordView; onChanged: (view: CaseRecordView) => void };

export function PrepaymentSection({ view, onChanged }: Props) {
  const [open, setOpen] = useState(false);
  const p = view.prepayment;
  const canRecord = p === null && view.open && view.writable;
  return (
    <Section
      id="cr-prepayment"
      title="先行救助"
      testId="record-prepayment"
      actions={
        canRecord && (
          <button type="button" className="button" onClick={() => setOpen(true)} data-testid="prepayment-add">
            登记先行救助
          </button>
        )
      }
    >
      {p ? (
        <dl className="cr-facts-grid" data-testid="prepayment">
          <div className="cr-fact">
            <dt>金额</dt>
            <dd className="strong">{yuan(p.amountFen)}</dd>
          </div>
          <div className="cr-fact">
            <dt>发放日期</dt>
            <dd>{dateText(p.paidOn)}</dd>
          </div>
          <div className="cr-fact">
            <dt>批准人</dt>
            <dd>{p.approvedBy}</dd>
          </div>
          <div className="cr-fact cr-fact-wide">
            <dt>事由</dt>
            <dd className="cr-prewrap">{p.reason}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">未先行救助。{canRecord && `情况紧急的，可在 ${yuan(view.prepaymentLimitFen)} 以内先行救助，事后提交审议。`}</p>
      )}
      {open && (
        <PrepaymentDialog
          view={view}
          onClose={() => setOpen(false)}
          onSaved={(v) => {
            setOpen(false);
            onChanged(v);
          }}
        />
      )}
    </Section>
  );
}

function PrepaymentDialog({ view, onClose, onSaved }: { view: CaseRecordView; onClose: () => void; onSaved: (view: CaseRecordView) => void }) {
  const form = useDialogForm(['amountFen', 'paidOn', 'reason', 'approvedBy']);
  const first = useRef<HTMLInputElement>(null);
  const today = todayInChina();
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(today);
  const [reason, setReason] = useState('');
  const [approvedBy, setApprovedBy] = useState('');

  function save() {
    const parsed = parseYuan(amount);
    if (!parsed.ok) return form.refuse([{ field: 'amountFen', message: parsed.message }]);
    void form.submit(() => call('cases.recordPrepayment', { caseId: view.id, amountFen: parsed.fen, paidOn, reason, approvedBy }), onSaved);
  }

  const a = form.at('amountFen');
  const date = form.at('paidOn');
  const why = form.at('reason');
  const who = form.at('approvedBy');
  const limitId = `${a.id}-limit`;
  return (
    <Dialog title="登记先行救助" onClose={onClose} onSubmit={save} initialFocus={first} testId="prepayment-dialog" actions={<Actions form={form} onClose={onClose} label="登记" />}>
      <p className="dialog-note">先行救助后仍须提交联审联批会议审议；每个个案只登记一次。</p>
      <Field label="金额（元）" state={a}>
        <input
          ref={first}
          type="text"
          inputMode="decimal"
          value={amount}
          onChange={(e) => form.bind('amountFen', setAmount)(e.target.value)}
          placeholder="如 800 或 800.50"
          aria-invalid={a.input['aria-invalid']}
          aria-describedby={[a.input['aria-describedby'], limitId].filter(Boolean).join(' ')}
          data-testid="prepayment-amount"
        />
        <small className="field-hint" id={limitId} data-testid="prepayment-limit">
          限额 {yuan(view.prepaymentLimitFen)}
        </small>
      </Field>
      <DateField label="发放日期" value={paidOn} max={today} onChange={form.bind('paidOn', setPaidOn)} invalid={date.message !== null} hint={date.message} testId="prepayment-date" />
      <Field label="事由" state={why}>
        <LimitedTextArea rows={2} value={reason} maxLength={200} onValue={form.bind('reason', setReason)} {...why.input} testId="prepayment-reason" />
      </Field>
      <Field label="批准人" state={who}>
        <LimitedInput value={approvedBy} maxLength={20} onValue={form.bind('approvedBy', setApprovedBy)} {...who.input} testId="prepayment-approved-by" />
      </Field>
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}
