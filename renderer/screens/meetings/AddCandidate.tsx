// Adding a case to a draft agenda: the street's cases that could be decided but are not on it, searched
// by household head, case number or community. The service decides what is a candidate.
import { useState } from 'react';
import { caseCategoryLabels, caseKindLabels, caseStatusLabels } from '../../../shared/glossary';
import type { MeetingDetail } from '../../../shared/meeting';
import { formatChineseDate } from '../../../shared/dates';
import { useApi } from '../../use-api';
import { Flags } from './Flags';
import type { MeetingState } from './use-meeting';

const SHOWN = 30;

type Props = { detail: MeetingDetail; meeting: MeetingState; onError: (message: string | null) => void };

export function AddCandidate({ detail, meeting, onError }: Props) {
  const liveCount = detail.items.filter((i) => !i.removed).length;
  // Reloaded whenever the agenda changes, so a case just added or removed moves between the lists.
  const [candidates] = useApi('meetings.candidates', { meetingId: detail.id }, `${detail.id}:${detail.items.length}:${liveCount}`);
  const [search, setSearch] = useState('');

  async function add(caseId: string) {
    const r = await meeting.run('meetings.addItem', { meetingId: detail.id, caseId });
    onError(r.ok ? null : r.message);
  }

  const needle = search.trim();
  const all = candidates.status === 'ready' ? candidates.value : [];
  const found = needle === '' ? all : all.filter((c) => c.headName.includes(needle) || c.caseNo.includes(needle) || c.communityName.includes(needle));

  return (
    <div className="candidates" data-testid="candidates">
      <label className="field">
        <span>查找待审议个案</span>
        <input type="search" value={search} placeholder="户主姓名、案件编号或社区" onChange={(e) => setSearch(e.target.value)} data-testid="candidate-search" />
      </label>
      {candidates.status === 'loading' && <div className="loading">正在载入…</div>}
      {candidates.status === 'error' && <div className="notice error">{candidates.message}</div>}
      {candidates.status === 'ready' && (
        <ul className="candidate-list">
          {found.slice(0, SHOWN).map((c) => (
            <li key={c.id} data-testid="candidate-row">
              <span className="strong">{c.headName}</span>
              <span>{c.communityName}</span>
              <span>{caseKindLabels[c.kind]}</span>
              <span>{caseCategoryLabels[c.category]}</span>
              <span className={`status status-${c.status}`}>{caseStatusLabels[c.status]}</span>
              <span className="muted">申请 {formatChineseDate(c.appliedOn)}</span>
              <Flags closeRelative={c.closeRelative} complaint={c.complaint} />
              <button type="button" className="button small-inline" disabled={meeting.busy} onClick={() => void add(c.id)} data-testid="candidate-add">
                加入议程
              </button>
            </li>
          ))}
          {found.length === 0 && <li className="muted">{all.length === 0 ? '没有可以加入议程的个案。' : '没有符合条件的个案。'}</li>}
          {found.length > SHOWN && <li className="muted">另有 {found.length - SHOWN} 件，请输入姓名缩小范围。</li>}
        </ul>
      )}
    </div>
  );
}
