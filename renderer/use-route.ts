// The hash route as React state. Opening a record pushes a history entry (Back returns to the list);
// moving within a record (a tab, the next agenda item) replaces it, so Back does not walk every item.
import { useCallback, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route';

const replaced = 'jrd-route-replaced';

function subscribe(changed: () => void): () => void {
  window.addEventListener('hashchange', changed);
  window.addEventListener(replaced, changed);
  return () => {
    window.removeEventListener('hashchange', changed);
    window.removeEventListener(replaced, changed);
  };
}

export type Go = (route: Route, how?: { replace?: boolean }) => void;

export function useRoute(): [Route | null, Go] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const go = useCallback<Go>((route, how) => {
    const next = formatRoute(route);
    if (next === window.location.hash) return;
    if (how?.replace) {
      window.history.replaceState(window.history.state, '', next);
      window.dispatchEvent(new Event(replaced));
    } else {
      window.location.hash = next;
    }
  }, []);
  return [parseRoute(hash), go];
}
