// The batches of the user's jurisdiction grouped by the meeting that decided them (newest period
// first), each meeting with one button to print all its communities at once, and beside them what is
// still due: closed meetings whose approvals have no notice yet. The list comes a page at a time.
import { useMemo, useState } from 'react';
import type { NoticeStatus } from '../../../shared/domain';
import { noticeStatusLabels } from '../../../shared/glossary';
import type { NoticeBatchSummary } from '../../../shared/notice';
import { LoadError } from '../../components/LoadError';
import { useApi } from '../../use-api';
import { useBatchPages } from './use-batch-pages';
import { DuePanel } from './DuePanel';
import { MeetingGroup } from './MeetingGroup';

type Props = { onOpen: (batchId: string) => void };

export type BatchGroup = { key: string; meetingId: string | null; label: string; batches: NoticeBatchSummary[] };

function groupByMeeting(batches: readonly NoticeBatchSummary[]): BatchGroup[] {
  const groups = new Map<string, BatchGroup>();
  for (const b of batches) {
    const key = b.meetingId ?? 'none';
    const group = groups.get(key) ?? { key, meetingId: b.meetingId, label: b.meetingLabel || '未关联会议', batches: [] };
    group.batches.push(b);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function BatchList({ onOpen }: Props) {
  const [session] = useApi('session.current', {});
  const [regions] = useApi('regions.list', {});
  const [status, setStatus] = useState<NoticeStatus | ''>('');
  const pages = useBatchPages(status);
  const batches = pages.list;
  const reload = pages.reload;
  const [created, setCreated] = useState<string | null>(null);

  const shown = useMemo(() => (batches.status === 'ready' ? batches.value.batches : []), [batches]);
  const total = batches.status === 'ready' ? batches.value.total : 0;
  const groups = useMemo(() => groupByMeeting(shown), [shown]);
  // Only a street office's own staff and leading-group members create and print its notices.
  const canEdit = session.status === 'ready' && (session.value.role === 'street_staff' || session.value.role === 'group_member') && session.value.regionCode.length === 9;

  // A district user sees every street's meetings, whose labels alone (2026年10月第10期会议) repeat.
  const streetOf = useMemo(() => {
    const names = new Map(regions.status === 'ready' ? regions.value.filter((r) => r.level === 'street').map((r) => [r.code, r.name] as const) : []);
    const district = session.status === 'ready' && session.value.regionCode.length < 9;
    return (communityCode: string) => (district ? (names.get(communityCode.slice(0, 9)) ?? '') : '');
  }, [regions, session]);

  function onCreated(made: NoticeBatchSummary[]) {
    setCreated(`已为 ${made.length} 个社区生成公示草稿（${made.reduce((n, b) => n + b.itemCount, 0)} 户）。请核对公示期后张贴。`);
    reload();
  }

  return (
    <div className="nl" data-testid="notice-batches">
      <div className="nl-main">
        <div className="toolbar">
          <label className="field">
            <span>状态</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as NoticeStatus | '')} data-testid="notice-filter-status">
              <option value="">全部</option>
              {(Object.keys(noticeStatusLabels) as NoticeStatus[]).map((s) => (
                <option key={s} value={s}>
                  {noticeStatusLabels[s]}
                </option>
              ))}
            </select>
          </label>
          <p className="muted toolbar-note">
            公示期不少于 7 天，期间在社区公示栏张贴；收到异议的个案退回重新调查。
          </p>
        </div>
        {created && (
          <div className="notice ok" role="status" data-testid="notices-created">
            {created}
          </div>
        )}
        {batches.status === 'loading' && <div className="loading">正在载入公示…</div>}
        {batches.status === 'error' && <LoadError what="公示" message={batches.message} onRetry={reload} />}
        {batches.status === 'ready' && (
          <div className="nl-groups" data-testid="notice-list">
            {groups.map((g) => (
              <MeetingGroup key={g.key} group={g} street={streetOf(g.batches[0]?.communityCode ?? '')} canPrint={canEdit} onOpen={onOpen} />
            ))}
            {groups.length === 0 && (
              <div className="planned nl-empty" data-testid="notice-list-empty">
                {status === '' ? '还没有公示。会议结束后，在右侧“待公示”中为其决定生成公示。' : '没有符合条件的公示。'}
              </div>
            )}
            {shown.length < total && (
              <div className="nl-more">
                <button type="button" className="button" onClick={pages.loadMore} disabled={pages.moreLoading} data-testid="notice-list-more">
                  {pages.moreLoading ? '正在载入…' : '显示更早的公示'}
                </button>
                <span className="muted" data-testid="notice-list-count">
                  已显示 {shown.length.toLocaleString('zh-CN')} / {total.toLocaleString('zh-CN')} 批
                </span>
              </div>
            )}
            {pages.moreError !== null && <LoadError what="更早的公示" message={pages.moreError} onRetry={pages.loadMore} />}
          </div>
        )}
      </div>
      <DuePanel canCreate={canEdit} streetOf={streetOf} onCreated={onCreated} />
    </div>
  );
}
