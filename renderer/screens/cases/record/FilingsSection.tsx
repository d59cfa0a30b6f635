// 近亲属备案 (art. 11): members of the household who are close relatives of civil-affairs staff or of a
// village or residents' committee member, filed so that the review can see it; and the applicant's own
// declaration taken in at 受理.
import { useRef, useState } from 'react';
import type { CaseRecordView, CloseRelation } from '../../../../shared/case-record';
import { closeRelationLabels, relativesDeclarationLabels } from '../../../../shared/glossary';
import { call } from '../../../api';
import { DateField } from '../../../components/DateField';
import { Dialog, DialogError } from '../../../components/Dialog';
import { LimitedInput } from '../../../components/LimitedText';
import { Field, useDialogForm } from './form';
import { dateText, optionsOf, todayInChina } from './format';
import { Actions } from './HouseholdDialogs';
import { Section } from './Section';

type Props = { view: CaseRecordView; onChanged: (view: CaseRecordView) => void };

export function FilingsSection({ view, onChanged }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Section
      id="cr-filings"
      title="近亲属备案"
      testId="record-filings"
      actions={
        view.writable && (
          <button type="button" className="button" onClick={() => setOpen(true)} data-testid="filing-add">
            登记近亲属备案
          </button>
        )
      }
    >
      <p data-testid="relatives-declaration">
        <span className="muted">申请人申报：</span>
        {view.relativesDeclaration === null ? '未申报（登记于申报制度之前）' : relativesDeclarationLabels[view.relativesDeclaration]}
        {view.relativesDeclarationNote && <span>（{view.relativesDeclarationNote}）</span>}
      </p>
      {view.filings.length === 0 ? (
        <p className="muted">本户没有近亲属备案。</p>
      ) : (
        <div className="table-wrap cr-table-wrap">
          <table className="table" data-testid="filings">
            <thead>
              <tr>
                <th scope="col">家庭成员</th>
                <th scope="col">工作人员姓名</th>
                <th scope="col">职务</th>
                <th scope="col">关系</th>
                <th scope="col">备案日期</th>
                <th scope="col">备案时个案</th>
              </tr>
            </thead>
            <tbody>
              {view.filings.map((f) => (
                <tr key={f.id} data-testid="filing-row">
                  <td className="strong">{f.memberName}</td>
                  <td>{f.relativeName}</td>
                  <td>{f.relativePost}</td>
                  <td>{closeRelationLabels[f.relation]}</td>
                  <td className="nowrap">{dateText(f.filedOn)}</td>
                  <td className="mono">{f.caseNo ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <FilingDialog
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

function FilingDialog({ view, onClose, onSaved }: { view: CaseRecordView; onClose: () => void; onSaved: (view: CaseRecordView) => void }) {
  const form = useDialogForm(['memberId', 'relativeName', 'relativePost', 'relation', 'filedOn']);
  const first = useRef<HTMLSelectElement>(null);
  const [memberId, setMemberId] = useState('');
  const [relativeName, setRelativeName] = useState('');
  const [relativePost, setRelativePost] = useState('');
  const [relation, setRelation] = useState<CloseRelation | ''>('');
  const today = todayInChina();
  const [filedOn, setFiledOn] = useState(today);

  function save() {
    const missing = [
      ...(memberId === '' ? [{ field: 'memberId', message: '请选择是哪位家庭成员的近亲属' }] : []),
      ...(relation === '' ? [{ field: 'relation', message: '请选择与工作人员的关系' }] : []),
    ];
    if (missing.length > 0 || relation === '') return form.refuse(missing);
    void form.submit(() => call('cases.fileCloseRelative', { caseId: view.id, memberId, relativeName, relativePost, relation, filedOn }), onSaved);
  }

  const member = form.at('memberId');
  const name = form.at('relativeName');
  const post = form.at('relativePost');
  const rel = form.at('relation');
  const date = form.at('filedOn');
  return (
    <Dialog title="登记近亲属备案" onClose={onClose} onSubmit={save} initialFocus={first} testId="filing-dialog" actions={<Actions form={form} onClose={onClose} label="登记备案" />}>
      <p className="dialog-note">家庭成员是民政部门工作人员或村（居）委会成员的近亲属的，应当备案；审议时会看到此标记。</p>
      <Field label="家庭成员" state={member}>
        <select ref={first} value={memberId} onChange={(e) => form.bind('memberId', setMemberId)(e.target.value)} {...member.input} data-testid="filing-member">
          <option value="">请选择</option>
          {view.household.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      <div className="cr-form-grid">
        <Field label="工作人员姓名" state={name}>
          <LimitedInput value={relativeName} maxLength={20} onValue={form.bind('relativeName', setRelativeName)} {...name.input} testId="filing-name" />
        </Field>
        <Field label="职务" state={post}>
          <LimitedInput value={relativePost} maxLength={40} onValue={form.bind('relativePost', setRelativePost)} placeholder="如：某社区居委会委员" {...post.input} testId="filing-post" />
        </Field>
      </div>
      <Field label="工作人员与该成员的关系" state={rel}>
        <select value={relation} onChange={(e) => form.bind('relation', setRelation)(e.target.value as CloseRelation)} {...rel.input} data-testid="filing-relation">
          <option value="">请选择</option>
          {optionsOf(closeRelationLabels).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <DateField label="备案日期" value={filedOn} max={today} onChange={form.bind('filedOn', setFiledOn)} invalid={date.message !== null} hint={date.message} testId="filing-date" />
      <DialogError message={form.alert} testId="dialog-error" />
    </Dialog>
  );
}
