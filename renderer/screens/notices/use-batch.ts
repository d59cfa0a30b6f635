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
  /** One period for every draft batch of this batch's meeting; answers with this batch as it then is. */
  runMeetingPeriod: (args: ArgsOf<'notices.setMeetingPeriod'>) => Promise<RunResult>;
};

export function useBatch(batchId: string): BatchState {
  const { runChange, replace: _replace, ...record } = useStreetRecord(() => call('notices.get', { batchId }), batchId);
  const run = useCallback(
    <K extends BatchChannel>(name: K, args: ArgsOf<K>) => runChange(async () => (await call(name, args)) as NoticeBatchDetail),
    [runChange],
  );
  const runMeetingPeriod = useCallback(
    (args: ArgsOf<'notices.setMeetingPeriod'>) =>
      runChange(async () => {
        await call('notices.setMeetingPeriod', args);
        return call('notices.get', { batchId });
      }),
    [runChange, batchId],
  );
  return { ...record, run, runMeetingPeriod };
}
