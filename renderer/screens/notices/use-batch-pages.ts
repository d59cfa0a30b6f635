// The jurisdiction's notice batches a page at a time (notices.list), newest period first: the first page on
// load and on every filter or reload, the next ones when the person asks for more. A district's list grows
// by a batch per community each month, so the desk never asks for all of it at once.
import { useCallback, useMemo, useState } from 'react';
import type { NoticeStatus } from '../../../shared/domain';
import type { NoticeBatchPage, NoticeBatchSummary } from '../../../shared/notice';
import { call, errorMessage } from '../../api';
import { useApi, type Loadable } from '../../use-api';

export type BatchPages = {
  list: Loadable<{ batches: NoticeBatchSummary[]; total: number }>;
  reload: () => void;
  loadMore: () => void;
  moreLoading: boolean;
  moreError: string | null;
};

type More = { after: NoticeBatchPage; batches: NoticeBatchSummary[] };

export function useBatchPages(status: NoticeStatus | ''): BatchPages {
  const filter = useMemo(() => (status === '' ? {} : { status }), [status]);
  const [first, reload] = useApi('notices.list', filter, status);
  // Pages after the first belong to the answer they followed: a reload or a new filter drops them.
  const [more, setMore] = useState<More | null>(null);
  const [moreLoading, setMoreLoading] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const head = first.status === 'ready' ? first.value : null;
  const extra = useMemo(() => (more !== null && more.after === head ? more.batches : []), [more, head]);

  const loadMore = useCallback(() => {
    if (head === null || moreLoading) return;
    setMoreLoading(true);
    setMoreError(null);
    call('notices.list', { ...filter, offset: head.batches.length + extra.length }).then(
      (page) => setMore({ after: head, batches: [...extra, ...page.batches] }),
      (error: unknown) => setMoreError(errorMessage(error)),
    ).finally(() => setMoreLoading(false));
  }, [head, extra, moreLoading, filter]);

  const list: BatchPages['list'] =
    first.status === 'ready' ? { status: 'ready', value: { batches: extra.length === 0 ? first.value.batches : [...first.value.batches, ...extra], total: first.value.total } } : first;
  return { list, reload, loadMore, moreLoading, moreError };
}
