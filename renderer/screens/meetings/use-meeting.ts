// One meeting's state on the page. Every mutation channel answers with the fresh MeetingDetail, so the
// page never patches its copy by hand: it shows what the service says the meeting now is. Failures come
// back as values so the caller decides where the Chinese message appears (in its dialog, or the page).
import { useCallback, useEffect, useState } from 'react';
import type { ArgsOf, ResultOf } from '../../../shared/api';
import type { ChannelName } from '../../../shared/channels';
import type { MeetingDetail } from '../../../shared/meeting';
import { call } from '../../api';
import { useApi, type Loadable } from '../../use-api';
import { errorMessage } from './format';

/** The channels that answer with the whole meeting. */
export type DetailChannel = { [K in ChannelName]: ResultOf<K> extends MeetingDetail ? (K extends `meetings.${string}` ? K : never) : never }[ChannelName];

export type RunResult = { ok: true; detail: MeetingDetail } | { ok: false; message: string };

export type MeetingState = {
  detail: Loadable<MeetingDetail>;
  busy: boolean;
  run: <K extends DetailChannel>(name: K, args: ArgsOf<K>) => Promise<RunResult>;
  /** For channels that answer with more than the meeting (close). */
  replace: (detail: MeetingDetail) => void;
  reload: () => void;
  /** Only the street's own staff and leading-group members change a meeting; everyone else reads it. */
  canEdit: boolean;
};

export function useMeeting(meetingId: string): MeetingState {
  const [detail, setDetail] = useState<Loadable<MeetingDetail>>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [session] = useApi('session.current', {});

  useEffect(() => {
    let live = true;
    call('meetings.get', { meetingId }).then(
      (value) => live && setDetail({ status: 'ready', value }),
      (error: unknown) => live && setDetail({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [meetingId, generation]);

  const run = useCallback(async <K extends DetailChannel>(name: K, args: ArgsOf<K>): Promise<RunResult> => {
    setBusy(true);
    try {
      const value = (await call(name, args)) as MeetingDetail;
      setDetail({ status: 'ready', value });
      return { ok: true, detail: value };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    } finally {
      setBusy(false);
    }
  }, []);

  const replace = useCallback((value: MeetingDetail) => setDetail({ status: 'ready', value }), []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // The service decides in the end; this only keeps buttons that would always be refused off the screen.
  const canEdit =
    session.status === 'ready' &&
    detail.status === 'ready' &&
    (session.value.role === 'street_staff' || session.value.role === 'group_member') &&
    session.value.regionCode === detail.value.streetCode;
  return { detail, busy, run, replace, reload, canEdit };
}
