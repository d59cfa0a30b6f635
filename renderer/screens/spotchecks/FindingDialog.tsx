// Records what the two inspectors found on one case: how they checked (入户 / 信息核对 / 电话), when,
// the finding, and what they saw (required when something is wrong).
import { useRef, useState } from 'react';
import type { Finding, InspectionMethod } from '../../../shared/domain';
import { findingLabels, inspectionMethodLabels, sampleOutcomeLabels } from '../../../shared/glossary';
import type { SampleItemView } from '../../../shared/spotcheck';
import { call } from '../../api';
import { wholeDraw } from './whole-draw';
import { DateField } from '../../components/DateField';
import { Dialog, DialogError } from '../../components/Dialog';
import type { DrawRecord } from './DrawPage';
import { todayInChina } from './format';
import { LimitedTextArea } from '../../components/LimitedText';

export function FindingDialog({ item, record, onClose }: { item: SampleItemView; record: DrawRecord; onClose: () => void }) {
  const [method, setMethod] = useState<InspectionMethod>(item.finding?.method ?? 'home_visit');
  const [inspectedOn, setInspectedOn] = useState(item.finding?.inspectedOn ?? todayInChina());
  const [finding, setFinding] = useState<Finding>(item.finding?.finding ?? 'compliant');
  const [notes, setNotes] = useState(item.finding?.notes ?? '');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  async function submit() {
    if (finding !== 'compliant' && notes.trim() === '') return setError('发现问题时请写明核查情况');
    const r = await record.runChange(() => wholeDraw(call('spotchecks.recordFinding', { itemId: item.id, method, inspectedOn, finding, notes })));
    if (r.ok) onClose();
    else setError(r.message);
  }

  return (
    <Dialog
      title={`核查结论：${item.caseNo}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      initialFocus={first}
      testId="finding-dialog"
      wide
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={record.busy} data-testid="finding-submit">
            保存结论
          </button>
        </>
      }
    >
      <p className="dialog-note">
        {item.streetName} {item.communityName} · 户主 {item.headName} · {sampleOutcomeLabels[item.outcome]} · 抽查人员 {item.inspectorA?.name}、{item.inspectorB?.name}
      </p>
      <div className="segmented" role="radiogroup" aria-label="核查方式">
        {(Object.keys(inspectionMethodLabels) as InspectionMethod[]).map((m) => (
          <label key={m} className={m === method ? 'seg on' : 'seg'}>
            <input type="radio" name="method" checked={m === method} onChange={() => setMethod(m)} data-testid={`finding-method-${m}`} />
            {inspectionMethodLabels[m]}
          </label>
        ))}
      </div>
      <DateField label="核查日期" value={inspectedOn} max={todayInChina()} onChange={setInspectedOn} testId="finding-date" />
      <label className="field">
        <span>结论</span>
        <select ref={first} value={finding} onChange={(e) => setFinding(e.target.value as Finding)} data-testid="finding-select">
          {(Object.keys(findingLabels) as Finding[]).map((f) => (
            <option key={f} value={f}>
              {findingLabels[f]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>核查情况{finding === 'compliant' ? '（可不填）' : '（必填）'}</span>
        <LimitedTextArea rows={3} value={notes} onValue={setNotes} maxLength={1000} testId="finding-notes" />
      </label>
      <DialogError message={error} testId="finding-error" />
    </Dialog>
  );
}
