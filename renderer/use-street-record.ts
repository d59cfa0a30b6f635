// A street-owned record (a meeting, a notice batch) on a page: a record (see use-record.ts) plus whether
// this user may change it.
import { allowed, canWriteStreet } from '../shared/access';
import { useApi } from './use-api';
import { useRecord, type RecordState } from './use-record';

export type { RunResult } from './use-record';

export type StreetRecord<T> = RecordState<T> & {
  /** Only the street's own staff and leading-group members change its records; everyone else reads them. */
  canEdit: boolean;
};

export function useStreetRecord<T extends { streetCode: string }>(load: () => Promise<T>, key: string): StreetRecord<T> {
  const record = useRecord(load, key);
  const [session] = useApi('session.current', {});
  const { detail } = record;
  // The command decides in the end, by the same rule; this keeps forms it would refuse off the screen.
  const canEdit = session.status === 'ready' && detail.status === 'ready' && allowed(canWriteStreet(session.value, detail.value.streetCode, ''));
  return { ...record, canEdit };
}
