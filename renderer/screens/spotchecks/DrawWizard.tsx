// The draw ceremony: choose the period, streets and rate; freeze the frame, which records and shows its
// hash before any seed exists; then roll twenty ten-sided dice (or let the operating system pick) and
// draw. The projector view shows the hash, and the digits as they are typed, in very large type.
// Everything chosen, the frozen frame and the digits are remembered for the window, so a reload mid-
// ceremony comes back to the same frozen frame (its hash was already read out and recorded).
import { useMemo, useState } from 'react';
import { MIN_RATE_PERCENT, MIN_SEED_DIGITS } from '../../../shared/sampling/sampler';
import { SpotCheckFrame, type DrawDetail } from '../../../shared/spotcheck';
import { forgetRemembered, useRemembered } from '../../use-remembered';
import { call } from '../../api';
import { wholeDraw } from './whole-draw';
import { useApi } from '../../use-api';
import { errorMessage, monthPeriod, periodText, todayInChina } from './format';
import { FrameTable } from './FrameTable';
import { ErrorNotice } from '../../components/LoadError';
import { Presentation } from './Presentation';
import { addMonths, formatChineseMonth } from '../../../shared/dates';
import { LimitedTextArea } from '../../components/LimitedText';

/** A fresh draw, or a redraw of a locked one (its period, streets and rate to start from). */
export type WizardStart =
  | { kind: 'new' }
  | { kind: 'redraw'; drawId: string; periodStart: string; periodEnd: string; streetCodes: string[]; rate: number };

type SeedChoice = 'dice' | 'csprng';

const isText = (v: unknown): v is string => typeof v === 'string';
const isCodes = (v: unknown): v is string[] | null => v === null || (Array.isArray(v) && v.every(isText));
const isFrame = (v: unknown): v is SpotCheckFrame | null => v === null || SpotCheckFrame.safeParse(v).success;
const isSeedChoice = (v: unknown): v is SeedChoice => v === 'dice' || v === 'csprng';

export function DrawWizard({ start, onCancel, onDrawn }: { start: WizardStart; onCancel: () => void; onDrawn: (d: DrawDetail) => void }) {
  const [regions] = useApi('regions.list', {});
  const streets = useMemo(() => (regions.status === 'ready' ? regions.value.filter((r) => r.level === 'street') : []), [regions]);
  const memory = `jrd:wizard:${start.kind === 'redraw' ? start.drawId : 'new'}:`;
  const [month, setMonth] = useRemembered(memory + 'month', start.kind === 'redraw' ? start.periodStart.slice(0, 7) : addMonths(todayInChina().slice(0, 7), -1), isText);
  const [chosen, setChosen] = useRemembered<string[] | null>(memory + 'streets', start.kind === 'redraw' ? start.streetCodes : null, isCodes);
  const [rate, setRate] = useRemembered(memory + 'rate', String(start.kind === 'redraw' ? start.rate : MIN_RATE_PERCENT), isText);
  const [reason, setReason] = useRemembered(memory + 'reason', '', isText);
  const [frame, setFrame] = useRemembered<SpotCheckFrame | null>(memory + 'frame', null, isFrame);
  const [seedChoice, setSeedChoice] = useRemembered<SeedChoice>(memory + 'seed', 'dice', isSeedChoice);
  const [digits, setDigits] = useRemembered(memory + 'digits', '', isText);
  const leave = () => {
    forgetRemembered(memory);
    onCancel();
  };
  const [busy, setBusy] = useState(false);
  // Shown beside the step that failed (the range, or the draw at the foot of a long page), in view.
  const [error, setErrorAt] = useState<{ step: 'range' | 'draw'; text: string } | null>(null);
  const setError = (text: string | null, step: 'range' | 'draw' = 'range') => setErrorAt(text === null ? null : { step, text });
  const [projecting, setProjecting] = useState(false);

  // The last 24 months, newest first (a redraw's own month is always among them).
  const months = useMemo(() => {
    const current = todayInChina().slice(0, 7);
    const list = Array.from({ length: 24 }, (_, i) => addMonths(current, -i));
    return list.includes(month) ? list : [month, ...list];
  }, [month]);
  const streetCodes = chosen ?? streets.map((s) => s.code);
  const query = { ...monthPeriod(month), streetCodes };
  const rateNumber = Number(rate);
  const redraw = start.kind === 'redraw';

  async function freeze() {
    setError(null);
    if (streetCodes.length === 0) return setError('请至少选择一个街道');
    if (!Number.isInteger(rateNumber) || rateNumber < MIN_RATE_PERCENT || rateNumber > 100) return setError(`抽查比例应为 ${MIN_RATE_PERCENT}–100 之间的整数`);
    if (redraw && reason.trim().length < 4) return setError('请写明重新抽取的理由（至少 4 个字）');
    setBusy(true);
    try {
      setFrame(await call('spotchecks.frame', { query, rate: rateNumber }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function draw() {
    if (!frame) return;
    setError(null);
    if (seedChoice === 'dice' && !new RegExp(`^\\d{${MIN_SEED_DIGITS},}$`).test(digits)) return setError(`请输入掷骰得到的至少 ${MIN_SEED_DIGITS} 位数字（现在 ${digits.length} 位）`, 'draw');
    setBusy(true);
    try {
      const detail = await wholeDraw(
        call('spotchecks.draw', {
          query,
          rate: rateNumber,
          manifestSha256: frame.manifestSha256,
          seed: seedChoice === 'dice' ? { source: 'dice', digits } : { source: 'csprng' },
          ...(start.kind === 'redraw' ? { redraw: { drawId: start.drawId, reason: reason.trim() } } : {}),
        }),
      );
      forgetRemembered(memory);
      onDrawn(detail);
    } catch (e) {
      setError(errorMessage(e), 'draw');
    } finally {
      setBusy(false);
    }
  }

  const toggle = (code: string) => setChosen((c) => {
    const list = c ?? streets.map((s) => s.code);
    return list.includes(code) ? list.filter((x) => x !== code) : [...list, code].sort();
  });

  return (
    <section className="screen sc-wizard" data-testid="draw-wizard">
      <div className="meeting-head">
        <button type="button" className="button" onClick={leave} data-testid="wizard-cancel">
          ← 抽查列表
        </button>
        <h1 className="screen-title">{redraw ? '重新抽取' : '新建抽查'}</h1>
        <span className="meeting-when">① 选择范围 → ② 冻结清单、公布哈希值 → ③ 掷骰 → ④ 抽取并锁定</span>
      </div>

      <div className="panel">
        <h2 className="panel-head">① 抽查范围</h2>
        <fieldset className="sc-range" disabled={frame !== null || busy}>
          <label className="field">
            <span>作出决定的月份</span>
            <select value={month} onChange={(e) => setMonth(e.target.value)} data-testid="wizard-month">
              {months.map((m) => (
                <option key={m} value={m}>
                  {formatChineseMonth(m)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>抽查比例（%）</span>
            <input type="number" min={MIN_RATE_PERCENT} max={100} step={1} value={rate} onChange={(e) => setRate(e.target.value)} data-testid="wizard-rate" />
          </label>
          <div className="field sc-streets">
            <span>街道（已选 {streetCodes.length} 个）</span>
            <div className="sc-street-list">
              {streets.map((s) => (
                <label key={s.code} className="check">
                  <input type="checkbox" checked={streetCodes.includes(s.code)} onChange={() => toggle(s.code)} data-testid="wizard-street" value={s.code} />
                  {s.name}
                </label>
              ))}
            </div>
          </div>
          {redraw && (
            <label className="field sc-reason">
              <span>重新抽取的理由（必填，记入抽样记录和审计日志）</span>
              <LimitedTextArea value={reason} onValue={setReason} rows={2} maxLength={500} testId="wizard-reason" />
            </label>
          )}
        </fieldset>
        <ErrorNotice error={error?.step === 'range' ? error.text : null} onDismiss={() => setError(null)} testId="wizard-error" />
        {!frame && (
          <button type="button" className="button primary" onClick={() => void freeze()} disabled={busy || regions.status !== 'ready'} data-testid="wizard-freeze">
            冻结清单，公布哈希值
          </button>
        )}
      </div>

      {frame && (
        <div className="panel" data-testid="wizard-frame">
          <h2 className="panel-head">② 抽查清单（{periodText(frame.periodStart, frame.periodEnd)}，共 {frame.cases} 件）</h2>
          <FrameTable strata={frame.strata} />
          <div className="sc-hash-block">
            <div className="sc-hash-label">清单 SHA-256（请在掷骰前向在场人员宣读、记录）</div>
            <div className="sc-hash" data-testid="wizard-hash">
              {frame.manifestSha256}
            </div>
          </div>
          <div className="toolbar">
            <button type="button" className="button" onClick={() => setProjecting(true)} data-testid="wizard-present">
              投影展示
            </button>
            <button type="button" className="button" onClick={() => setFrame(null)} disabled={busy} data-testid="wizard-back">
              返回修改范围
            </button>
          </div>
        </div>
      )}

      {frame && (
        <div className="panel" data-testid="wizard-seed">
          <h2 className="panel-head">③ 随机种子</h2>
          <div className="segmented" role="radiogroup" aria-label="随机种子来源">
            <label className={seedChoice === 'dice' ? 'seg on' : 'seg'}>
              <input type="radio" name="seed" checked={seedChoice === 'dice'} onChange={() => setSeedChoice('dice')} data-testid="seed-dice" />
              现场掷骰（二十枚十面骰）
            </label>
            <label className={seedChoice === 'csprng' ? 'seg on' : 'seg'}>
              <input type="radio" name="seed" checked={seedChoice === 'csprng'} onChange={() => setSeedChoice('csprng')} data-testid="seed-csprng" />
              不举行仪式，由系统随机数生成
            </label>
          </div>
          {seedChoice === 'dice' && (
            <label className="field sc-seed-field">
              <span>
                按掷出的顺序输入数字（已输入 {digits.length} 位，至少 {MIN_SEED_DIGITS} 位）
              </span>
              <input
                className="sc-seed-input"
                inputMode="numeric"
                autoComplete="off"
                value={digits}
                onChange={(e) => setDigits(e.target.value.replace(/\D/g, ''))}
                data-testid="seed-digits"
              />
            </label>
          )}
          <h2 className="panel-head">④ 抽取</h2>
          <ErrorNotice error={error?.step === 'draw' ? error.text : null} onDismiss={() => setError(null)} testId="wizard-error" />
          <button type="button" className="button primary" onClick={() => void draw()} disabled={busy} data-testid="wizard-draw">
            抽取并锁定样本
          </button>
          <p className="muted small">抽取后样本即锁定，不能修改；如需扩大抽查，按同一种子顺延抽取。</p>
        </div>
      )}
      {projecting && frame && <Presentation frame={frame} digits={seedChoice === 'dice' ? digits : null} onDigits={setDigits} onClose={() => setProjecting(false)} />}
    </section>
  );
}
