// 登记死亡: a member's death, recorded on the household with what it rests on (死亡证明, 火化证明…). The
// member stays on file; the 到期 list raises the household's re-check within the months the standards set.
import { useState } from 'react';
import type { CaseRecordView, MemberView } from '../../../../shared/case-record';
import { relationLabels } from '../../../../shared/glossary';
import { call } from '../../../api';
import { DateField } from '../../../components/DateField';
import { Dialog, DialogError } from '../../../components/Dialog';
import { LimitedTextArea } from '../../../components/LimitedText';
import { Actions } from './HouseholdDialogs';
import { Field, useDialogForm } from './form';
import { todayInChina } from './format';

type Props = { view: CaseRecordView; member: MemberView; onClose: () => void; onSaved: (view: CaseRecordView) => void };

export function DeathDialog({ view, member, onClose, onSaved }: Props) {
  const today = todayInChina();
  const form = useDialogForm(['diedOn', 'reason']);
  const [diedOn, setDiedOn] = useState(today);
  const [reason, setReason] = useState('');
  const dateState = form.at('diedOn');
  const reasonState = form.at('reason');
  return (
    <Dialog
      title={`登记成员死亡：${member.name}`}
      onClose={onClose}
      onSubmit={() => void form.submit(() => call('households.recordDeath', { caseId: view.id, memberId: member.id, diedOn, reason }), onSaved)}
      testId="death-dialog"
      actions={<Actions form={form} onClose={onClose} label="确认登记" />}
    >
      <p>
        登记 <span className="strong">{member.name}</span>（{relationLabels[member.relation]}，{member.citizenIdMasked}）死亡。登记后该成员仍保留在档，本户须在规定期限内复核，复核事项列入“到期事项”。
      </p>
      <DateField label="死亡日期" value={diedOn} min={member.birthDate} max={today} onChange={form.bind('diedOn', setDiedOn)} invalid={dateState.message !== null} hint={dateState.message} testId="death-date" />
      <Field label="依据（必填）" state={reasonState}>
        <LimitedTextArea rows={2} value={reason} maxLength={200} onValue={form.bind('reason', setReason)} placeholder="如：医院出具的死亡证明" {...reasonState.input} testId="death-reason" />
      </Field>
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}
