// 修改家庭信息 and 移出成员. Only what the person changed is sent (an empty address or phone box keeps the
// stored one, which the page never holds in full); the reason is required and goes into the audit log.
import { useRef, useState } from 'react';
import type { CaseRecordView, MemberView } from '../../../../shared/case-record';
import type { AreaType } from '../../../../shared/domain';
import { areaTypeLabels, relationLabels } from '../../../../shared/glossary';
import { call } from '../../../api';
import { Dialog, DialogError } from '../../../components/Dialog';
import { LimitedInput, LimitedTextArea } from '../../../components/LimitedText';
import { Field, useDialogForm, type DialogForm } from './form';
import { optionsOf } from './format';

type Props = { view: CaseRecordView; onClose: () => void; onSaved: (view: CaseRecordView) => void };

/** What every edit dialog says before the person saves. */
export function EditNote() {
  return <p className="dialog-note cr-edit-note">修改的内容和修改原因记入审计日志。已作出审议决定的个案，其决定不因此改变；需要改变决定的，应另行申请变更或复核。</p>;
}

/** The reason box every edit asks for. */
export function ReasonField({ form, value, onValue }: { form: DialogForm; value: string; onValue: (v: string) => void }) {
  const state = form.at('reason');
  return (
    <Field label="修改原因（必填）" state={state}>
      <LimitedTextArea
        rows={2}
        value={value}
        maxLength={200}
        onValue={form.bind('reason', onValue)}
        placeholder="如：户主提供了新的联系电话"
        {...state.input}
        testId="edit-reason"
      />
    </Field>
  );
}

export function HouseholdDialog({ view, onClose, onSaved }: Props) {
  const h = view.household;
  const first = useRef<HTMLSelectElement>(null);
  const form = useDialogForm(['areaType', 'address', 'phone', 'reason']);
  const [areaType, setAreaType] = useState<AreaType>(h.areaType);
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');

  function save() {
    const changes = {
      ...(areaType !== h.areaType ? { areaType } : {}),
      ...(address.trim() !== '' ? { address } : {}),
      ...(phone.trim() !== '' ? { phone } : {}),
    };
    if (Object.keys(changes).length === 0) return form.refuse([{ field: '', message: '没有修改任何内容：请改城乡类别，或填写新的住址或电话' }]);
    void form.submit(() => call('households.edit', { caseId: view.id, ...changes, reason }), onSaved);
  }

  const areaState = form.at('areaType');
  const addressState = form.at('address');
  const phoneState = form.at('phone');
  return (
    <Dialog
      title={`修改家庭信息（${h.householdNo}）`}
      onClose={onClose}
      onSubmit={save}
      initialFocus={first}
      testId="household-dialog"
      actions={<Actions form={form} onClose={onClose} label="保存修改" />}
    >
      <EditNote />
      <Field label="城乡类别" state={areaState}>
        <select ref={first} value={areaType} onChange={(e) => form.bind('areaType', setAreaType)(e.target.value as AreaType)} {...areaState.input} data-testid="edit-area-type">
          {optionsOf(areaTypeLabels).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={`新的家庭住址（现为 ${h.addressMasked}；不改则留空）`} state={addressState}>
        <LimitedInput value={address} maxLength={120} onValue={form.bind('address', setAddress)} {...addressState.input} testId="edit-address" />
      </Field>
      <Field label={`新的联系电话（现为 ${h.phoneMasked}；不改则留空）`} state={phoneState}>
        <input type="text" inputMode="tel" value={phone} maxLength={20} onChange={(e) => form.bind('phone', setPhone)(e.target.value)} {...phoneState.input} data-testid="edit-phone" />
      </Field>
      <ReasonField form={form} value={reason} onValue={setReason} />
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}

export function RemoveMemberDialog({ view, member, onClose, onSaved }: Props & { member: MemberView }) {
  const form = useDialogForm(['reason']);
  const [reason, setReason] = useState('');
  return (
    <Dialog
      title={`移出家庭成员：${member.name}`}
      onClose={onClose}
      onSubmit={() => void form.submit(() => call('households.removeMember', { caseId: view.id, memberId: member.id, reason }), onSaved)}
      testId="remove-member-dialog"
      actions={<Actions form={form} onClose={onClose} label="确认移出" />}
    >
      <p>
        将 <span className="strong">{member.name}</span>（{relationLabels[member.relation]}，{member.citizenIdMasked}）移出本户。
      </p>
      <EditNote />
      <ReasonField form={form} value={reason} onValue={setReason} />
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}

/** 取消 and the dialog's submit button, greyed while its call runs. */
export function Actions({ form, onClose, label }: { form: DialogForm; onClose: () => void; label: string }) {
  return (
    <>
      <button type="button" className="button" onClick={onClose}>
        取消
      </button>
      <button type="submit" className="button primary" disabled={form.busy} data-testid="dialog-submit">
        {form.busy ? '正在保存…' : label}
      </button>
    </>
  );
}
