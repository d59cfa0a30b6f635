// 登记回访: the follow-up visit of an approved 临时救助, with what it found; the item then leaves 到期.
import { useState } from 'react';
import { call } from '../../api';
import { DateField } from '../../components/DateField';
import { Dialog, DialogError } from '../../components/Dialog';
import { LimitedTextArea } from '../../components/LimitedText';
import { Actions } from '../cases/record/HouseholdDialogs';
import { Field, useDialogForm } from '../cases/record/form';
import { todayInChina } from '../cases/record/format';

type Props = { caseId: string; caseNo: string; headName: string; onClose: () => void; onSaved: () => void };

export function FollowUpDialog({ caseId, caseNo, headName, onClose, onSaved }: Props) {
  const today = todayInChina();
  const form = useDialogForm(['followedUpOn', 'followUpNote']);
  const [followedUpOn, setFollowedUpOn] = useState(today);
  const [note, setNote] = useState('');
  const dateState = form.at('followedUpOn');
  const noteState = form.at('followUpNote');
  return (
    <Dialog
      title={`登记临时救助回访：${headName}户`}
      onClose={onClose}
      onSubmit={() => void form.submit(() => call('cases.recordFollowUp', { caseId, followedUpOn, followUpNote: note }), () => onSaved())}
      testId="follow-up-dialog"
      actions={<Actions form={form} onClose={onClose} label="确认登记" />}
    >
      <p>
        个案 <span className="mono">{caseNo}</span> 批准的临时救助已回访。回访发现仍有困难的，请另行受理申请或办理复核。
      </p>
      <DateField label="回访日期" value={followedUpOn} max={today} onChange={form.bind('followedUpOn', setFollowedUpOn)} invalid={dateState.message !== null} hint={dateState.message} testId="follow-up-date" />
      <Field label="回访情况（必填）" state={noteState}>
        <LimitedTextArea rows={2} value={note} maxLength={300} onValue={form.bind('followUpNote', setNote)} placeholder="如：家庭已渡过难关，暂无其他救助需求" {...noteState.input} testId="follow-up-note" />
      </Field>
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}
