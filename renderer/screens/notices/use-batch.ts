// One notice batch on its page. Every change answers with the fresh NoticeBatchDetail, so the page
// shows what the service says the batch now is and never patches its copy by hand. Failures come back
// as values so the caller decides where the Chinese message appears.
import { useCallback, useEffect, useState } from 'react';
import type { ArgsOf, ResultOf } from '../../../shared/api';
import type { ChannelName } from '../../../shared/channels';
import type { NoticeBatchDetail } from '../../../shared/notice';
import { call } from '../../api';
import { useApi, type Loadable } from '../../use-api';
import { errorMessage } from './format';

/** The channels that answer with the whole batch. */
export type BatchChannel = { [K in ChannelName]: ResultOf<K> extends NoticeBatchDetail ? (K extends `notices.${string}` ? K : never) : never }[ChannelName];

export type RunResult = { ok: true; detail: NoticeBatchDetail } | { ok: false; message: string };

export type BatchState = {
  detail: Loadable<NoticeBatchDetail>;
  busy: boolean;
  run: <K extends BatchChannel>(name: K, args: ArgsOf<K>) => Promise<RunResult>;
  reload: () => void;
  /** Only the street's own staff and leading-group members change its notices; everyone else reads them. */
  canEdit: boolean;
};

export function useBatch(batchId: string): BatchState {
  const [detail, setDetail] = useState<Loadable<NoticeBatchDetail>>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [session] = useApi('session.current', {});

  useEffect(() => {
    let live = true;
    call('notices.get', { batchId }).then(
      (value) => live && setDetail({ status: 'ready', value }),
      (error: unknown) => live && setDetail({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [batchId, generation]);

  const run = useCallback(async <K extends BatchChannel>(name: K, args: ArgsOf<K>): Promise<RunResult> => {
    setBusy(true);
    try {
      const value = (await call(name, args)) as NoticeBatchDetail;
      setDetail({ status: 'ready', value });
      return { ok: true, detail: value };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    } finally {
      setBusy(false);
    }
  }, []);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // The service decides in the end; this only keeps forms that would always be refused off the screen.
  const canEdit =
    session.status === 'ready' &&
    detail.status === 'ready' &&
    (session.value.role === 'street_staff' || session.value.role === 'group_member') &&
    session.value.regionCode === detail.value.streetCode;
  return { detail, busy, run, reload, canEdit };
}
