// Dates chosen the Chinese way, 2026 年 11 月 20 日, whatever language Chromium or the OS runs in: a native
// date input shows mm/dd/yyyy on an English system and its own bubbles in English. Each part is a plain
// <select> (keyboard: Tab between parts, arrows or typed digits within one), grouped under the field's
// name. The value stays the ISO text the services take: "2026-11-20", "2026-11", "2026-11-20T09:30".
import type { ReactNode } from 'react';
import { lastDayOfMonth } from '../../shared/dates';

type PartKey = 'year' | 'month' | 'day' | 'hour' | 'minute';
type Fields = Partial<Record<PartKey, number>>;

const suffix: Record<PartKey, string> = { year: '年', month: '月', day: '日', hour: '时', minute: '分' };
const spoken: Record<PartKey, string> = { year: '年份', month: '月份', day: '日', hour: '小时', minute: '分钟' };

const pad = (n: number) => String(n).padStart(2, '0');
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
const daysIn = (year: number, month: number) => Number(lastDayOfMonth(`${year}-${pad(month)}`).slice(8));

function parse(value: string): Fields {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return {};
  const n = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  return { year: n(m[1]), month: n(m[2]), day: n(m[3]), hour: n(m[4]), minute: n(m[5]) };
}

function compose(keys: readonly PartKey[], f: Fields): string {
  const date = [f.year, keys.includes('month') ? f.month : undefined, keys.includes('day') ? f.day : undefined]
    .filter((x): x is number => x !== undefined)
    .map((x, i) => (i === 0 ? String(x) : pad(x)))
    .join('-');
  return keys.includes('hour') ? `${date}T${pad(f.hour ?? 0)}:${pad(f.minute ?? 0)}` : date;
}

type Common = {
  /** The field's name, shown above it and spoken for the group. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The years offered: from the earlier of `min` and the value to the later of `max` and the value. */
  min?: string;
  max?: string;
  testId?: string;
  disabled?: boolean;
  /** A line under the field: the window the date must fall in, or what is wrong with it. */
  hint?: ReactNode;
  /** Shows the hint as an error (red) and marks the group invalid. */
  invalid?: boolean;
  className?: string;
};

function PartsField({ keys, minuteStep = 5, ...p }: Common & { keys: readonly PartKey[]; minuteStep?: number }) {
  const f = parse(p.value);
  const thisYear = new Date().getFullYear();
  const year = f.year ?? thisYear;
  const lo = Math.min(year, p.min ? Number(p.min.slice(0, 4)) : year - 2);
  const hi = Math.max(year, p.max ? Number(p.max.slice(0, 4)) : year + 2);
  const month = f.month ?? 1;
  const options: Record<PartKey, number[]> = {
    year: range(lo, hi),
    month: range(1, 12),
    day: range(1, daysIn(year, month)),
    hour: range(0, 23),
    // Whole five minutes, plus the stored minute if it is another one.
    minute: [...new Set([...range(0, 59).filter((m) => m % minuteStep === 0), f.minute ?? 0])].sort((a, b) => a - b),
  };

  function change(key: PartKey, n: number) {
    const next: Fields = { ...f, year, month, [key]: n };
    // 3月31日 → 2月 becomes 2月28日, not 3月3日.
    if (next.day !== undefined) next.day = Math.min(next.day, daysIn(next.year!, next.month!));
    p.onChange(compose(keys, next));
  }

  const hintId = p.testId ? `${p.testId}-hint` : undefined;
  return (
    <fieldset
      className={`field date-field${p.invalid ? ' invalid' : ''}${p.className ? ` ${p.className}` : ''}`}
      data-testid={p.testId}
      data-value={p.value}
      disabled={p.disabled}
      aria-invalid={p.invalid || undefined}
      aria-describedby={p.hint ? hintId : undefined}
    >
      <legend>{p.label}</legend>
      <span className="date-parts">
        {keys.map((key) => (
          <span className="date-part" key={key}>
            <select
              value={String(key === 'year' ? year : key === 'month' ? month : (f[key] ?? options[key][0]))}
              onChange={(e) => change(key, Number(e.target.value))}
              aria-label={`${p.label}：${spoken[key]}`}
              data-part={key}
            >
              {options[key].map((n) => (
                <option key={n} value={String(n)}>
                  {key === 'year' ? n : pad(n)}
                </option>
              ))}
            </select>
            <span aria-hidden="true">{suffix[key]}</span>
          </span>
        ))}
      </span>
      {p.hint && (
        <small className={p.invalid ? 'field-error' : 'field-hint'} id={hintId} role={p.invalid ? 'alert' : undefined} data-testid={hintId}>
          {p.hint}
        </small>
      )}
    </fieldset>
  );
}

/** A calendar day: 2026 年 11 月 20 日 → "2026-11-20". */
export function DateField(props: Common) {
  return <PartsField keys={['year', 'month', 'day']} {...props} />;
}

/** A month: 2026 年 11 月 → "2026-11". */
export function MonthField(props: Common) {
  return <PartsField keys={['year', 'month']} {...props} />;
}

/** A day and a time of day in China time: 2026 年 11 月 20 日 09 时 30 分 → "2026-11-20T09:30". */
export function DateTimeField(props: Common & { minuteStep?: number }) {
  return <PartsField keys={['year', 'month', 'day', 'hour', 'minute']} {...props} />;
}
