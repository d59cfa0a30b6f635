// The cases search waits for typing to pause. (The grid's rows themselves come in windows: use-case-window.ts.)
import { useEffect, useState } from 'react';

/** `value`, once it has stayed the same for `ms`: a search runs when typing pauses, not per key. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
