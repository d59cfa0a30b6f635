// 修改成员 and 添加成员. An edit sends only the fields the person changed (an empty ID box keeps the stored
// number, which the page never holds in full); an addition sends the whole member. Both need a reason.
// The service checks an ID number to GB 11643 and derives sex and birth date from it.
import { useRef, useState } from 'react';
import type { CaseRecordView, MemberView } from '../../../../shared/case-record';
import type { Relation } from '../../../../shared/domain';
import { relationLabels } from '../../../../shared/glossary';
import { call } from '../../../api';
import { Dialog, DialogError } from '../../../components/Dialog';
import { LimitedInput } from '../../../components/LimitedText';
import { Field, useDialogForm } from './form';
import { optionsOf } from './format';
import { Actions, EditNote, ReasonField } from './HouseholdDialogs';

type Props = { view: CaseRecordView; member: MemberView | null; onClose: () => void; onSaved: (view: CaseRecordView) => void };

type Values = { name: string; citizenId: string; relation: Relation | ''; occupation: string; health: string; disability: string };
const texts = ['name', 'occupation', 'health', 'disability'] as const;

export function MemberDialog({ view, member, onClose, onSaved }: Props) {
  const adding = member === null;
  // The service names an added member's fields under "member." and an edited one's at the top.
  const path = (f: string) => (adding && f !== 'reason' ? `member.${f}` : f);
  const form = useDialogForm([...['name', 'citizenId', 'relation', 'occupation', 'health', 'disability'].map(path), 'reason']);
  const first = useRef<HTMLInputElement>(null);
  const initial: Values = member
    ? { name: member.name, citizenId: '', relation: member.relation, occupation: member.occupation, health: member.health, disability: member.disability }
    : { name: '', citizenId: '', relation: '', occupation: '', health: '', disability: '' };
  const [values, setValues] = useState<Values>(initial);
  const [reason, setReason] = useState('');
  const set = (key: keyof Values) => form.bind(path(key), (v: string) => setValues((old) => ({ ...old, [key]: v })));

  function save() {
    if (values.relation === '') return form.refuse([{ field: path('relation'), message: '请选择与户主的关系' }]);
    const relation = values.relation;
    if (adding) {
      const m = { name: values.name, citizenId: values.citizenId, relation, occupation: values.occupation, health: values.health, disability: values.disability };
      return void form.submit(() => call('households.addMember', { caseId: view.id, member: m, reason }), onSaved);
    }
    const changes = {
      ...Object.fromEntries(texts.filter((k) => values[k] !== initial[k]).map((k) => [k, values[k]])),
      ...(values.citizenId.trim() !== '' ? { citizenId: values.citizenId } : {}),
      ...(relation !== member.relation ? { relation } : {}),
    };
    if (Object.keys(changes).length === 0) return form.refuse([{ field: '', message: '没有修改任何内容' }]);
    void form.submit(() => call('households.editMember', { caseId: view.id, memberId: member.id, ...changes, reason }), onSaved);
  }

  const text = (key: (typeof texts)[number], label: string, max: number, hint?: string) => {
    const state = form.at(path(key));
    return (
      <Field label={label} state={state}>
        <LimitedInput
          inputRef={key === 'name' ? first : undefined}
          value={values[key]}
          maxLength={max}
          onValue={set(key)}
          placeholder={hint}
          {...state.input}
          testId={`member-${key}`}
        />
      </Field>
    );
  };
  const idState = form.at(path('citizenId'));
  const relationState = form.at(path('relation'));

  return (
    <Dialog
      title={adding ? `添加家庭成员（${view.household.householdNo}）` : `修改家庭成员：${member.name}`}
      onClose={onClose}
      onSubmit={save}
      initialFocus={first}
      testId="member-dialog"
      wide
      actions={<Actions form={form} onClose={onClose} label={adding ? '添加' : '保存修改'} />}
    >
      <EditNote />
      <div className="cr-form-grid">
        {text('name', '姓名', 20)}
        <Field label={adding ? '身份证号码' : `新的身份证号码（现为 ${member.citizenIdMasked}；不改则留空）`} state={idState}>
          <input
            type="text"
            value={values.citizenId}
            maxLength={18}
            onChange={(e) => set('citizenId')(e.target.value)}
            placeholder="18 位，或第一代的 15 位"
            autoComplete="off"
            spellCheck={false}
            {...idState.input}
            data-testid="member-citizenId"
          />
        </Field>
        <Field label="与户主关系" state={relationState}>
          <select value={values.relation} onChange={(e) => set('relation')(e.target.value)} {...relationState.input} data-testid="member-relation">
            {adding && <option value="">请选择</option>}
            {optionsOf(relationLabels).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        {text('occupation', '职业', 40, '可不填')}
        {text('health', '健康状况', 60, '如：健康、慢性病、重病')}
        {text('disability', '残疾情况', 40, '如：无、肢体二级')}
      </div>
      <p className="muted small">性别和出生日期由身份证号码得出，不必填写。</p>
      <ReasonField form={form} value={reason} onValue={setReason} />
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}
