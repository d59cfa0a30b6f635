// One meeting's state on the page; see use-street-record.ts for how changes and failures flow.
import { useCallback } from 'react';
import type { ArgsOf, ResultOf } from '../../../shared/api';
import type { ChannelName } from '../../../shared/channels';
import type { MeetingDetail } from '../../../shared/meeting';
import { call } from '../../api';
import { useStreetRecord, type RunResult as RecordRunResult, type StreetRecord } from '../../use-street-record';

/** The channels that answer with the whole meeting. */
export type DetailChannel = { [K in ChannelName]: ResultOf<K> extends MeetingDetail ? (K extends `meetings.${string}` ? K : never) : never }[ChannelName];

export type RunResult = RecordRunResult<MeetingDetail>;

export type MeetingState = Omit<StreetRecord<MeetingDetail>, 'runChange'> & {
  run: <K extends DetailChannel>(name: K, args: ArgsOf<K>) => Promise<RunResult>;
};

export function useMeeting(meetingId: string): MeetingState {
  const { runChange, ...record } = useStreetRecord(() => call('meetings.get', { meetingId }), meetingId);
  const run = useCallback(
    <K extends DetailChannel>(name: K, args: ArgsOf<K>) => runChange(async () => (await call(name, args)) as MeetingDetail),
    [runChange],
  );
  return { ...record, run };
}
