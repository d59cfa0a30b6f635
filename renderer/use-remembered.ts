// useState that survives a reload of the window, in sessionStorage (gone when the app quits). For what a
// person typed or was shown mid-task, such as the draw ceremony's frozen frame and the dice digits, which
// a reload must not throw away. Values are JSON; a stored value that no longer parses is ignored.
import { useCallback, useState } from 'react';

function read<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (raw === null) return fallback;
    const parsed: unknown = JSON.parse(raw);
    return valid(parsed) ? parsed : fallback;
  } catch {
    return fallback;
  }
}

export function useRemembered<T>(key: string, initial: T | (() => T), valid: (v: unknown) => v is T): [T, (next: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => read(key, typeof initial === 'function' ? (initial as () => T)() : initial, valid));
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const v = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        try {
          window.sessionStorage.setItem(key, JSON.stringify(v));
        } catch {
          // A full or disabled storage only costs the memory across a reload.
        }
        return v;
      });
    },
    [key],
  );
  return [value, set];
}

/** Forgets everything remembered under a prefix, when the task it belonged to is done or abandoned. */
export function forgetRemembered(prefix: string): void {
  try {
    for (let i = window.sessionStorage.length - 1; i >= 0; i--) {
      const k = window.sessionStorage.key(i);
      if (k?.startsWith(prefix)) window.sessionStorage.removeItem(k);
    }
  } catch {
    // nothing to forget
  }
}
