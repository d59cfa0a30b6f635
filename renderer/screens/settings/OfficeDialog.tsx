// The district bureau changes a street office's details here: the name it signs notices with, its
// address and phone, and the hotlines it publishes. The service (regions.setOffice) checks every value and
// answers in Chinese; the dialog only shows what it says, beside the buttons.
import { useRef, useState } from 'react';
import { MAX_HOTLINES, type Hotline, type OfficeList, type OfficeView } from '../../../shared/office';
import { call, errorMessage } from '../../api';
import { Dialog, DialogError } from '../../components/Dialog';

type Props = { street: OfficeView; onClose: () => void; onSaved: (offices: OfficeList) => void };

export function OfficeDialog({ street, onClose, onSaved }: Props) {
  const first = useRef<HTMLInputElement>(null);
  // A name derived from the region is offered as a start, so saving it fills the record in.
  const [name, setName] = useState(street.office.name);
  const [address, setAddress] = useState(street.office.address);
  const [phone, setPhone] = useState(street.office.phone);
  const [hotlines, setHotlines] = useState<Hotline[]>(street.office.hotlines);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A refusal concerns the values it was given: once they are edited it no longer stands.
  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setError(null);
      set(v);
    };
  const setHotline = (i: number, patch: Partial<Hotline>) => edited(setHotlines)(hotlines.map((h, k) => (k === i ? { ...h, ...patch } : h)));

  async function save() {
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('regions.setOffice', { streetCode: street.code, office: { name, address, phone, hotlines } }));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={`修改${street.regionName}的单位信息`}
      onClose={onClose}
      onSubmit={() => void save()}
      initialFocus={first}
      testId="office-dialog"
      wide
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="office-save">
            {busy ? '正在保存…' : '保存'}
          </button>
        </>
      }
    >
      <p className="dialog-note">保存后随同步送到中心，本街道和其他工作台同步后，公示、长期公示和个案名单即以此落款。</p>
      <label className="field">
        <span>单位名称（落款）</span>
        <input ref={first} type="text" value={name} onChange={(e) => edited(setName)(e.target.value)} data-testid="office-name" />
      </label>
      <label className="field">
        <span>地址（受理异议的地点）</span>
        <input type="text" value={address} onChange={(e) => edited(setAddress)(e.target.value)} placeholder="可不填" data-testid="office-address" />
      </label>
      <label className="field">
        <span>电话</span>
        <input type="text" inputMode="tel" value={phone} onChange={(e) => edited(setPhone)(e.target.value)} placeholder="可不填，如 0731-8852 6120" data-testid="office-phone" />
      </label>
      <fieldset className="office-hotlines">
        <legend>公布的热线（按印出的顺序）</legend>
        {hotlines.length === 0 && <p className="muted small">没有热线：公示上不写“也可拨打……热线”。</p>}
        {hotlines.map((h, i) => (
          <div className="office-hotline" key={i} data-testid="office-hotline">
            <label className="field grow">
              <span>热线名称</span>
              <input type="text" value={h.label} onChange={(e) => setHotline(i, { label: e.target.value })} data-testid="office-hotline-label" />
            </label>
            <label className="field">
              <span>号码</span>
              <input type="text" inputMode="numeric" value={h.number} onChange={(e) => setHotline(i, { number: e.target.value })} data-testid="office-hotline-number" />
            </label>
            <button type="button" className="button small" onClick={() => edited(setHotlines)(hotlines.filter((_, k) => k !== i))} aria-label={`删除热线 ${h.label || i + 1}`}>
              删除
            </button>
          </div>
        ))}
        {hotlines.length < MAX_HOTLINES && (
          <button type="button" className="button small" onClick={() => edited(setHotlines)([...hotlines, { label: '', number: '' }])} data-testid="office-hotline-add">
            添加热线
          </button>
        )}
      </fieldset>
      <DialogError message={error} testId="office-error" />
    </Dialog>
  );
}
