// One notice batch on its page; see use-street-record.ts for how changes and failures flow.
import { useCallback } from 'react';
import type { ArgsOf, ResultOf } from '../../../shared/api';
import type { ChannelName } from '../../../shared/channels';
import type { NoticeBatchDetail } from '../../../shared/notice';
import { call } from '../../api';
import { useStreetRecord, type RunResult as RecordRunResult, type StreetRecord } from '../../use-street-record';

/** The channels that answer with the whole batch. */
export type BatchChannel = { [K in ChannelName]: ResultOf<K> extends NoticeBatchDetail ? (K extends `notices.${string}` ? K : never) : never }[ChannelName];

export type RunResult = RecordRunResult<NoticeBatchDetail>;

export type BatchState = Omit<StreetRecord<NoticeBatchDetail>, 'runChange' | 'replace'> & {
  run: <K extends BatchChannel>(name: K, args: ArgsOf<K>) => Promise<RunResult>;
};

export function useBatch(batchId: string): BatchState {
  const { runChange, replace: _replace, ...record } = useStreetRecord(() => call('notices.get', { batchId }), batchId);
  const run = useCallback(
    <K extends BatchChannel>(name: K, args: ArgsOf<K>) => runChange(async () => (await call(name, args)) as NoticeBatchDetail),
    [runChange],
  );
  return { ...record, run };
}
