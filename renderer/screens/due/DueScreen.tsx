// 到期: what falls due in the street (re-checks, phase-outs ending, re-checks after a death, temporary-assistance
// follow-ups, applications near their working-day limit), grouped by kind and sorted by day, overdue in red.
// An item with a suggested 复核 or 停保 is put on the next agenda in one step (cases.openReview with
// openedFor `due:<key>`); once made it shows the case and whether a meeting's agenda has it.
import { useMemo, useState } from 'react';
import { isBureauRole, isStreetRole } from '../../../shared/access';
import { formatChineseDate } from '../../../shared/dates';
import { dueKindLabels, dueKinds, dueSource, type DueEntry, type DueKind } from '../../../shared/due';
import { missingHolidayNote } from '../../../shared/holidays';
import { call, errorMessage } from '../../api';
import { LoadError } from '../../components/LoadError';
import { useApi } from '../../use-api';
import type { Go } from '../../use-route';
import { FollowUpDialog } from './FollowUpDialog';
import './due.css';

const suggestedLabels = { re_review: '列入复核', termination: '列入停保' } as const;

export function DueScreen({ go }: { go: Go }) {
  const [session] = useApi('session.current', {});
  const [regions] = useApi('regions.list', {});
  const user = session.status === 'ready' ? session.value : null;
  const bureau = user !== null && isBureauRole(user.role);
  const streets = useMemo(() => (regions.status === 'ready' ? regions.value.filter((r) => r.level === 'street') : []), [regions]);
  const [picked, setPicked] = useState('');
  const streetCode = bureau ? picked || streets[0]?.code || '' : '';
  const ready = user !== null && (!bureau || streetCode !== '');
  const [list, reload] = useApi('due.list', streetCode ? { streetCode } : {}, ready ? `${user?.id}:${streetCode}` : 'waiting');
  const [kind, setKind] = useState<DueKind | ''>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const mayOpen = user !== null && isStreetRole(user.role);
  const [following, setFollowing] = useState<DueEntry | null>(null);

  async function open(item: DueEntry) {
    if (!item.suggestedKind) return;
    setMessage(null);
    try {
      const made = await call('cases.openReview', { householdId: item.householdId, kind: item.suggestedKind, reason: item.reason, openedFor: dueSource(item.key) });
      setMessage({ ok: true, text: `已立案 ${made.caseNo}（${item.headName}户），${made.meetingLabel ? `列入${made.meetingLabel}议程` : '待列入下次会议'}` });
      reload();
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
  }

  const items = list.status === 'ready' && ready ? list.value.items : [];
  const counts = new Map<DueKind, number>(dueKinds.map((k) => [k, items.filter((i) => i.kind === k).length]));
  const shownKinds = dueKinds.filter((k) => (kind === '' || k === kind) && (counts.get(k) ?? 0) > 0);
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <section className="screen due-screen" aria-labelledby="due-title">
      <div className="screen-head">
        <h1 id="due-title" className="screen-title">
          到期事项
        </h1>
        {list.status === 'ready' && ready && (
          <p className="screen-sub" data-testid="due-summary">
            {list.value.streetName} · 截至{formatChineseDate(list.value.today)} · 共 {items.length} 项
            {overdue > 0 && <span className="due-overdue-text">，其中已逾期 {overdue} 项</span>}
          </p>
        )}
      </div>
      <div className="toolbar due-toolbar">
        {bureau && (
          <label className="due-filter">
            街道（乡镇）
            <select value={streetCode} onChange={(e) => setPicked(e.target.value)} data-testid="due-street">
              {streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="due-filter">
          事项类别
          <select value={kind} onChange={(e) => setKind(e.target.value as DueKind | '')} data-testid="due-kind">
            <option value="">全部（{items.length}）</option>
            {dueKinds.map((k) => (
              <option key={k} value={k}>
                {dueKindLabels[k]}（{counts.get(k) ?? 0}）
              </option>
            ))}
          </select>
        </label>
        <span className="muted small due-rules">复核、渐退和回访提前 30 天列出；办理时限临近时列出，工作日按法定节假日和调休计算。</span>
      </div>
      {list.status === 'ready' && ready && list.value.yearsWithoutData.length > 0 && (
        <p className="due-note" role="note" data-testid="due-holiday-note">
          {list.value.yearsWithoutData.map(missingHolidayNote).join('；')}。
        </p>
      )}
      {message && (
        <p className={message.ok ? 'due-message ok-text' : 'due-message due-overdue-text'} role={message.ok ? 'status' : 'alert'} data-testid="due-message">
          {message.text}
        </p>
      )}
      {(!ready || list.status === 'loading') && <div className="loading">正在载入…</div>}
      {list.status === 'error' && <LoadError what="到期事项" message={list.message} onRetry={reload} />}
      {list.status === 'ready' && ready && items.length === 0 && <p className="muted" data-testid="due-empty">近期没有到期事项。</p>}
      <div className="due-groups">
        {shownKinds.map((k) => (
          <section key={k} className="panel due-group" aria-labelledby={`due-group-${k}`} data-testid="due-group" data-kind={k}>
            <h2 id={`due-group-${k}`} className="due-group-title">
              {dueKindLabels[k]} <span className="count">{counts.get(k)}</span>
            </h2>
            <div className="table-wrap">
              <table className="table due-table">
                <thead>
                  <tr>
                    <th scope="col">到期日</th>
                    <th scope="col">剩余</th>
                    <th scope="col">户主</th>
                    <th scope="col">社区（村）</th>
                    <th scope="col">事由</th>
                    <th scope="col">个案 / 操作</th>
                  </tr>
                </thead>
                <tbody>
                  {items
                    .filter((i) => i.kind === k)
                    .map((i) => (
                      <DueRow key={i.key} item={i} mayOpen={mayOpen} onOpen={() => void open(i)} onFollowUp={() => setFollowing(i)} onCase={(caseId) => go({ screen: 'cases', view: { kind: 'record', caseId, section: null } })} />
                    ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </div>
      {following && (
        <FollowUpDialog
          caseId={following.key.slice('temporary:'.length)}
          caseNo={following.subjectCaseNo ?? ''}
          headName={following.headName}
          onClose={() => setFollowing(null)}
          onSaved={() => {
            setMessage({ ok: true, text: `已登记${following.headName}户的临时救助回访` });
            setFollowing(null);
            reload();
          }}
        />
      )}
    </section>
  );
}

function leftText(i: DueEntry): string {
  if (i.workingDaysLeft !== null) {
    if (i.workingDaysLeft < 0) return `逾期 ${-i.workingDaysLeft} 个工作日`;
    return i.workingDaysLeft === 0 ? '今天到期' : `剩 ${i.workingDaysLeft} 个工作日`;
  }
  if (i.daysLeft < 0) return `逾期 ${-i.daysLeft} 天`;
  return i.daysLeft === 0 ? '今天到期' : `剩 ${i.daysLeft} 天`;
}

function DueRow({ item: i, mayOpen, onOpen, onFollowUp, onCase }: { item: DueEntry; mayOpen: boolean; onOpen: () => void; onFollowUp: () => void; onCase: (caseId: string) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <tr className={i.overdue ? 'due-overdue' : undefined} data-testid="due-item" data-key={i.key} data-due={i.dueOn} data-overdue={i.overdue ? 'yes' : 'no'}>
      <td className="nowrap">{formatChineseDate(i.dueOn)}</td>
      <td className="nowrap" data-testid="due-left">
        {leftText(i)}
      </td>
      <td className="nowrap strong">{i.headName}</td>
      <td className="nowrap">{i.communityName}</td>
      <td className="due-reason">{i.reason}</td>
      <td className="nowrap">
        {i.subjectCaseNo && <span className="mono due-case">{i.subjectCaseNo}</span>}
        {i.openCase ? (
          <span data-testid="due-open-case">
            <button type="button" className="link mono" onClick={() => onCase(i.openCase!.caseId)}>
              {i.openCase.caseNo}
            </button>{' '}
            <span className={i.openCase.onAgenda ? 'ok-text' : 'muted'}>{i.openCase.decided ? '已审议' : i.openCase.onAgenda ? '已列入议程' : '待列入下次会议'}</span>
          </span>
        ) : i.key.startsWith('temporary:') && mayOpen ? (
          <button type="button" className="button small-inline" onClick={onFollowUp} aria-label={`登记回访：${i.headName}户`} data-testid="due-follow-up">
            登记回访
          </button>
        ) : (
          i.suggestedKind &&
          mayOpen && (
            <button
              type="button"
              className="button small-inline"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                onOpen();
              }}
              aria-label={`${suggestedLabels[i.suggestedKind]}：${i.headName}户`}
              data-testid="due-action"
            >
              {suggestedLabels[i.suggestedKind]}
            </button>
          )
        )}
      </td>
    </tr>
  );
}
