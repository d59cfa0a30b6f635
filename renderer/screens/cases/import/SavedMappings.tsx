// The column mappings saved on this copy: one can be applied to the file at hand (a layout whose headers
// changed a little is then mapped from it), and one no longer wanted deleted, after a confirmation, since
// files of its layout then need mapping again.
import { useRef, useState } from 'react';
import type { ImportMapping } from '../../../../shared/import/fields';
import { call, errorMessage } from '../../../api';
import { Dialog, DialogError } from '../../../components/Dialog';
import { formatDateTime } from '../../meetings/format';

type Props = {
  saved: ImportMapping[];
  busy: boolean;
  /** Checks the file with this mapping. */
  onApply: (name: string) => void;
  /** The mapping chosen in the list: its columns fill the form below. */
  onPick: (mapping: ImportMapping | null) => void;
  onChanged: (saved: ImportMapping[]) => void;
};

export function SavedMappings({ saved, busy, onApply, onPick, onChanged }: Props) {
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState(false);
  const chosen = saved.find((m) => m.name === name) ?? null;

  if (saved.length === 0) return <p className="muted small" data-testid="mapping-saved-none">本机还没有保存过列对应关系。</p>;
  return (
    <div className="imp-saved">
      <label className="field">
        <span>已保存的对应关系</span>
        <select
          value={chosen ? name : ''}
          onChange={(e) => {
            setName(e.target.value);
            onPick(saved.find((m) => m.name === e.target.value) ?? null);
          }}
          data-testid="mapping-saved"
        >
          <option value="">请选择</option>
          {saved.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" disabled={!chosen || busy} onClick={() => chosen && onApply(chosen.name)} data-testid="mapping-apply">
        按此对应关系检查
      </button>
      <button type="button" className="button" disabled={!chosen || busy} onClick={() => setConfirming(true)} data-testid="mapping-delete">
        删除…
      </button>
      {chosen && (
        <span className="muted small">
          {chosen.savedBy} 保存于 {formatDateTime(chosen.savedAt)}
        </span>
      )}
      {confirming && chosen && (
        <DeleteDialog
          name={chosen.name}
          onClose={() => setConfirming(false)}
          onDeleted={(list) => {
            setConfirming(false);
            setName('');
            onPick(null);
            onChanged(list);
          }}
        />
      )}
    </div>
  );
}

function DeleteDialog({ name, onClose, onDeleted }: { name: string; onClose: () => void; onDeleted: (saved: ImportMapping[]) => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      onDeleted(await call('imports.deleteMapping', { name }));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="删除列对应关系"
      onClose={onClose}
      onSubmit={() => void remove()}
      initialFocus={cancel}
      testId="mapping-delete-dialog"
      actions={
        <>
          <button ref={cancel} type="button" className="button" onClick={onClose} disabled={busy}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="mapping-delete-confirm">
            {busy ? '正在删除…' : '删除'}
          </button>
        </>
      }
    >
      <p>确定删除对应关系“{name}”吗？删除后，这种表头的文件需要重新逐列指定对应关系；已经导入的数据不受影响。</p>
      <DialogError message={error} testId="mapping-delete-error" />
    </Dialog>
  );
}
