// Raises the rate of a locked draw: the next cases of each stratum in ticket order join the sample,
// drawn with the same seed, so the earlier sample stays exactly as it was.
import { useState } from 'react';
import type { DrawDetail } from '../../../shared/spotcheck';
import { call } from '../../api';
import { wholeDraw } from './whole-draw';
import { Dialog, DialogError } from '../../components/Dialog';
import type { DrawRecord } from './DrawPage';

export function ExtendDialog({ draw, record, onClose }: { draw: DrawDetail; record: DrawRecord; onClose: () => void }) {
  const [rate, setRate] = useState(String(Math.min(100, draw.rate + 10)));
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    const value = Number(rate);
    if (!Number.isInteger(value) || value <= draw.rate || value > 100) return setError(`新比例应为高于 ${draw.rate}、不超过 100 的整数`);
    const r = await record.runChange(() => wholeDraw(call('spotchecks.extend', { drawId: draw.id, rate: value })));
    if (r.ok) onClose();
    else setError(r.message);
  }
  return (
    <Dialog
      title="扩大抽查"
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="extend-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={record.busy} data-testid="extend-submit">
            扩大
          </button>
        </>
      }
    >
      <p className="dialog-note">按同一随机种子，在每层现有样本之后顺延抽取，已抽中的个案不变。</p>
      <label className="field">
        <span>新的抽查比例（%）</span>
        <input type="number" min={draw.rate + 1} max={100} value={rate} onChange={(e) => setRate(e.target.value)} data-testid="extend-rate" />
      </label>
      <DialogError message={error} testId="extend-error" />
    </Dialog>
  );
}
