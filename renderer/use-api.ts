import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, ResultOf } from '../shared/api';
import type { ChannelName } from '../shared/channels';
import { call, errorMessage } from './api';

export type Loadable<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** Loads a channel's result once, and again on reload or when `argsKey` changes (args may be literals). */
export function useApi<K extends ChannelName>(name: K, args: ArgsOf<K>, argsKey = ''): [Loadable<ResultOf<K>>, () => void] {
  const [state, setState] = useState<Loadable<ResultOf<K>>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const argsRef = useRef(args);
  argsRef.current = args;
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    call(name, argsRef.current).then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [name, argsKey, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}
