// 查看完整信息: a masked ID number, phone or address shown in full on request, in place, until the page is
// left. Every request is the service's to audit (cases.reveal); only users of the case's street may ask.
import { useCallback, useState } from 'react';
import type { PersonalField } from '../../../../shared/case-record';
import { personalFieldLabels } from '../../../../shared/glossary';
import { call, errorMessage } from '../../../api';

const keyOf = (field: PersonalField, memberId: string | null) => `${field}:${memberId ?? ''}`;

export type Reveals = {
  value: (field: PersonalField, memberId: string | null) => string | undefined;
  pending: string | null;
  error: string | null;
  reveal: (field: PersonalField, memberId: string | null) => Promise<void>;
  dismiss: () => void;
  /** After an edit of the household: a value shown before may no longer be the stored one. */
  forget: () => void;
};

export function useReveals(caseId: string): Reveals {
  const [values, setValues] = useState<ReadonlyMap<string, string>>(new Map());
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reveal = useCallback(
    async (field: PersonalField, memberId: string | null) => {
      const key = keyOf(field, memberId);
      setPending(key);
      setError(null);
      try {
        const { value } = await call('cases.reveal', { caseId, field, memberId });
        setValues((v) => new Map(v).set(key, value));
      } catch (e) {
        setError(`查看${personalFieldLabels[field]}失败：${errorMessage(e)}`);
      } finally {
        setPending(null);
      }
    },
    [caseId],
  );

  return {
    value: (field, memberId) => values.get(keyOf(field, memberId)),
    pending,
    error,
    reveal,
    dismiss: () => setError(null),
    forget: () => setValues(new Map()),
  };
}

type Props = {
  masked: string;
  field: PersonalField;
  memberId: string | null;
  /** Whose value, for the button's spoken name when a page has several ("张三"). */
  whose?: string;
  reveals: Reveals;
  /** Only users of the case's street may ask. */
  canReveal: boolean;
  testId: string;
};

/** The masked value, its full form once asked for, and the button that asks. */
export function MaskedValue({ masked, field, memberId, whose, reveals, canReveal, testId }: Props) {
  const full = reveals.value(field, memberId);
  const asking = reveals.pending === keyOf(field, memberId);
  return (
    <span className="cr-masked">
      <span className={field === 'address' ? '' : 'mono'} data-testid={testId} data-revealed={full !== undefined || undefined}>
        {full ?? masked}
      </span>
      {canReveal && full === undefined && (
        <button
          type="button"
          className="button small-inline"
          onClick={() => void reveals.reveal(field, memberId)}
          disabled={asking}
          aria-label={`查看完整${personalFieldLabels[field]}${whose ? `（${whose}）` : ''}`}
          data-testid={`${testId}-reveal`}
        >
          {asking ? '…' : '查看'}
        </button>
      )}
    </span>
  );
}
