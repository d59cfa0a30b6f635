// The bureau chief sets a new dated standard: from and to dates and every value, prefilled from the
// record in force. The service (standards.set) decides: an overlap, a start before today or a value out
// of range comes back in Chinese and is shown at its field.
import { useRef, useState } from 'react';
import { formatYuan, parseYuan } from '../../../shared/money';
import { defaultSettings, type PassingRule, type QuorumRule } from '../../../shared/settings';
import type { SetStandardResult, StandardValues } from '../../../shared/standards';
import { call, errorMessage, fieldProblems, type FieldProblem } from '../../api';
import { DateField } from '../../components/DateField';
import { Dialog, DialogError } from '../../components/Dialog';
import { Field, fieldErrors } from '../cases/investigation/field-problems';
import { numberFields } from './standard-fields';

type Props = { districtCode: string; districtName: string; today: string; start: StandardValues | null; onClose: () => void; onSaved: (r: SetStandardResult) => void };

const { nameMasking: _local, ...defaults } = defaultSettings;

/** The typed text of each number, in 元 for amounts. */
function textsOf(v: StandardValues): Record<string, string> {
  return Object.fromEntries(numberFields.map((f) => [f.key, f.kind === 'yuan' ? formatYuan(v[f.key]).replace(/,/g, '') : String(v[f.key])]));
}

export function StandardDialog({ districtCode, districtName, today, start, onClose, onSaved }: Props) {
  const first = useRef<HTMLInputElement>(null);
  const base = start ?? defaults;
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState('');
  const [texts, setTexts] = useState<Record<string, string>>(() => textsOf(base));
  const [quorum, setQuorum] = useState<QuorumRule>(base.quorum);
  const [passing, setPassing] = useState<PassingRule>(base.passing);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const errors = fieldErrors(problems);

  function valuesOrProblems(): { values: StandardValues } | { problems: FieldProblem[] } {
    const found: FieldProblem[] = [];
    const values: Record<string, unknown> = { quorum, passing };
    for (const f of numberFields) {
      const text = (texts[f.key] ?? '').trim();
      if (f.kind === 'yuan') {
        const parsed = parseYuan(text);
        if (parsed.ok) values[f.key] = parsed.fen;
        else found.push({ field: `values.${f.key}`, message: `请填写${f.label}的金额，如 800.00` });
      } else if (/^\d{1,6}$/.test(text)) values[f.key] = Number(text);
      else found.push({ field: `values.${f.key}`, message: `请填写${f.label}，为整数` });
    }
    return found.length > 0 ? { problems: found } : { values: values as StandardValues };
  }

  async function save() {
    setError(null);
    const v = valuesOrProblems();
    if ('problems' in v) {
      setProblems(v.problems);
      setError('有几项没有填对，请看各项下方的说明');
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      onSaved(await call('standards.set', { districtCode, effectiveFrom: from, effectiveTo: to === '' ? null : to, values: v.values, basisNote: note }));
    } catch (e) {
      setError(errorMessage(e));
      setProblems(fieldProblems(e));
      setBusy(false);
    }
  }

  const edited = () => {
    setError(null);
    setProblems([]);
  };

  return (
    <Dialog
      title={`设定${districtName}的新保障标准`}
      onClose={onClose}
      onSubmit={() => void save()}
      initialFocus={first}
      testId="standard-dialog"
      large
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="standard-save">
            {busy ? '正在保存…' : '保存'}
          </button>
        </>
      }
    >
      <p className="dialog-note">
        新标准从开始执行日起适用，不能早于今天（已作出的金额依据当时的标准）。正在执行、未定结束日期的标准，将执行到新标准开始的前一天。保存后随同步送到中心，再发到本区每个工作台。
      </p>
      <div className="standard-dates">
        <DateField
          label="开始执行日期"
          value={from}
          onChange={(v) => (edited(), setFrom(v))}
          min={today}
          max={`${Number(today.slice(0, 4)) + 5}-12-31`}
          testId="standard-from"
          hint={errors.at('effectiveFrom').join('；') || '不早于今天'}
          invalid={errors.at('effectiveFrom').length > 0}
        />
        <div className="standard-to">
          <label className="check">
            <input type="checkbox" checked={to === ''} onChange={(e) => (edited(), setTo(e.target.checked ? '' : from))} data-testid="standard-open" />
            长期执行（不定停止日期）
          </label>
          {to !== '' && (
            <DateField
              label="停止执行日期"
              value={to}
              onChange={(v) => (edited(), setTo(v))}
              min={from}
              max={`${Number(today.slice(0, 4)) + 10}-12-31`}
              testId="standard-to"
              hint={errors.at('effectiveTo').join('；') || '当天仍执行'}
              invalid={errors.at('effectiveTo').length > 0}
            />
          )}
        </div>
      </div>
      <div className="standard-values">
        {numberFields.map((f, i) => (
          <Field key={f.key} id={`std-${f.key}`} label={`${f.label}（${f.unit}）`} errors={errors} fields={[`values.${f.key}`]}>
            <input
              id={`std-${f.key}`}
              ref={i === 0 ? first : undefined}
              type="text"
              inputMode="decimal"
              value={texts[f.key] ?? ''}
              onChange={(e) => (edited(), setTexts({ ...texts, [f.key]: e.target.value }))}
              data-testid={`standard-${f.key}`}
              {...errors.props(`values.${f.key}`)}
            />
          </Field>
        ))}
        <Field id="std-quorum" label="法定人数" errors={errors} fields={['values.quorum']}>
          <select
            id="std-quorum"
            value={quorum.kind === 'more_than_half' ? 'more_than_half' : `${quorum.numerator}/${quorum.denominator}`}
            onChange={(e) => {
              edited();
              const [n, d] = e.target.value.split('/').map(Number);
              setQuorum(n && d ? { kind: 'fraction', numerator: n, denominator: d } : { kind: 'more_than_half' });
            }}
          >
            <option value="more_than_half">成员过半数出席</option>
            <option value="2/3">成员三分之二以上出席</option>
            <option value="3/4">成员四分之三以上出席</option>
          </select>
        </Field>
        <Field id="std-passing" label="表决规则" errors={errors} fields={['values.passing']} className="standard-wide">
          <select id="std-passing" value={`${passing.basis}:${passing.kind}`} onChange={(e) => (edited(), setPassing({ basis: e.target.value.split(':')[0] as PassingRule['basis'], kind: e.target.value.split(':')[1] as PassingRule['kind'] }))}>
            <option value="present_voting:more_than_half">出席并参加表决的成员过半数同意</option>
            <option value="present_voting:two_thirds">出席并参加表决的成员三分之二以上同意</option>
            <option value="all_members:more_than_half">全体成员过半数同意</option>
            <option value="all_members:two_thirds">全体成员三分之二以上同意</option>
          </select>
        </Field>
      </div>
      <Field id="std-note" label="依据和说明（如文件号，可不填）" errors={errors} fields={['basisNote']}>
        <input id="std-note" type="text" value={note} onChange={(e) => (edited(), setNote(e.target.value))} data-testid="standard-note" {...errors.props('basisNote')} />
      </Field>
      <DialogError message={error} testId="standard-error" />
    </Dialog>
  );
}
