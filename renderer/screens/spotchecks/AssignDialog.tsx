// Sends one sampled case to a pair of inspectors (two different people of the bureau).
import { useState } from 'react';
import type { DrawDetail, SampleItemView } from '../../../shared/spotcheck';
import { call } from '../../api';
import { wholeDraw } from './whole-draw';
import { Dialog, DialogError } from '../../components/Dialog';
import type { DrawRecord } from './DrawPage';

export function AssignDialog({ draw, item, record, onClose }: { draw: DrawDetail; item: SampleItemView; record: DrawRecord; onClose: () => void }) {
  const [a, setA] = useState(item.inspectorA?.id ?? draw.inspectors[0]?.id ?? '');
  const [b, setB] = useState(item.inspectorB?.id ?? draw.inspectors[1]?.id ?? '');
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (a === b) return setError('两名抽查人员不能是同一人');
    const r = await record.runChange(() => wholeDraw(call('spotchecks.assign', { drawId: draw.id, itemIds: [item.id], inspectorAId: a, inspectorBId: b })));
    if (r.ok) onClose();
    else setError(r.message);
  }

  const select = (value: string, set: (v: string) => void, testId: string) => (
    <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
      {draw.inspectors.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
  return (
    <Dialog
      title={`分配抽查人员：${item.caseNo}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="assign-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={record.busy} data-testid="assign-submit">
            分配
          </button>
        </>
      }
    >
      <p className="dialog-note">
        {item.streetName} {item.communityName} · 户主 {item.headName}
      </p>
      <label className="field">
        <span>抽查人员甲</span>
        {select(a, setA, 'assign-a')}
      </label>
      <label className="field">
        <span>抽查人员乙</span>
        {select(b, setB, 'assign-b')}
      </label>
      <DialogError message={error} testId="assign-error" />
    </Dialog>
  );
}
