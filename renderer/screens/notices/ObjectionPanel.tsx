// 异议: the objections received against this batch and the form to record one. An objection can be
// recorded only while the notice is posted and within its period (the service checks both); recording
// it sends the case back to 重新调查, so it returns to the next meeting's agenda and, decided again, to
// a new notice. The form says so before anyone submits it.
import { useState } from 'react';
import { formatChineseDate } from '../../../shared/dates';
import type { NoticeBatchDetail, ObjectionChannel, ObjectionView } from '../../../shared/notice';
import { DateField } from '../../components/DateField';
import { channelLabels, todayInChina } from './format';
import type { BatchState } from './use-batch';
import { LimitedInput, LimitedTextArea } from '../../components/LimitedText';

type Props = { detail: NoticeBatchDetail; batch: BatchState };

export function ObjectionPanel({ detail, batch }: Props) {
  return (
    <div className="panel" data-testid="objections">
      <div className="panel-head">
        <h2>
          异议 <span className={detail.objections.length > 0 ? 'count warn-text' : 'count'}>{detail.objections.length}</span> 件
        </h2>
      </div>
      {detail.objections.length === 0 ? (
        <p className="muted nb-none">尚未收到异议。</p>
      ) : (
        <ul className="nb-objections">
          {detail.objections.map((o) => (
            <ObjectionEntry key={o.id} objection={o} />
          ))}
        </ul>
      )}
      {batch.canEdit && <ObjectionForm detail={detail} batch={batch} />}
    </div>
  );
}

function statusText(o: ObjectionView): string {
  switch (o.status) {
    case 'open':
      return '待处理';
    case 'resolved':
      return '已处理';
    default: {
      const never: never = o.status;
      throw new Error(`unknown objection status ${String(never)}`);
    }
  }
}

function dateText(s: string): string {
  try {
    return formatChineseDate(s);
  } catch {
    return s;
  }
}

function ObjectionEntry({ objection: o }: { objection: ObjectionView }) {
  return (
    <li className={`nb-objection ${o.status}`} data-testid="objection-row" data-case-id={o.caseId}>
      <div className="nb-objection-head">
        <span className="strong">{o.headName}</span>
        <span className={o.status === 'open' ? 'flag' : 'tag'}>{statusText(o)}</span>
        <span className="muted">
          {dateText(o.receivedAt)} · {channelLabels[o.channel]}
          {o.objector ? ` · 异议人：${o.objector}` : ' · 匿名'}
        </span>
      </div>
      <div className="nb-objection-content">{o.content}</div>
      {o.resolution && <div className="muted small">处理结果：{o.resolution}</div>}
    </li>
  );
}

function ObjectionForm({ detail, batch }: Props) {
  const today = todayInChina();
  const latest = today < detail.endDate ? today : detail.endDate;
  const [caseId, setCaseId] = useState('');
  const [receivedOn, setReceivedOn] = useState(latest);
  const [objector, setObjector] = useState('');
  const [channel, setChannel] = useState<ObjectionChannel>('visit');
  const [content, setContent] = useState('');
  const [state, setState] = useState<{ status: 'idle' } | { status: 'error'; message: string } | { status: 'done'; headName: string }>({ status: 'idle' });
  const open = detail.status === 'posted';
  const chosen = detail.items.find((i) => i.caseId === caseId);

  async function submit() {
    // Checked here before the round trip; the service refuses the same input in the same words.
    if (!chosen) return setState({ status: 'error', message: '请选择异议针对的公示对象' });
    if (content.trim() === '') return setState({ status: 'error', message: '请填写异议内容' });
    const r = await batch.run('notices.recordObjection', { batchId: detail.id, caseId, receivedOn, objector, channel, content });
    if (!r.ok) return setState({ status: 'error', message: r.message });
    // Cleared for the next one; the date and channel are often the same for several objections.
    setCaseId('');
    setObjector('');
    setContent('');
    setState({ status: 'done', headName: chosen.headName });
  }

  return (
    <form
      noValidate
      className="nb-objection-form"
      data-testid="objection-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="sub-head">登记异议</h3>
      {state.status === 'done' && (
        <div className="notice ok" role="status" data-testid="objection-done">
          已登记对{state.headName}的异议；该个案已退回“重新调查”，将列入下次联审联批会议的议程。
        </div>
      )}
      {!open && (
        <p className="muted" data-testid="objection-closed">
          {detail.status === 'draft' ? '公示张贴后才能登记异议。' : '公示已结束，不能再登记异议。'}
        </p>
      )}
      {/* A draft shows the form greyed so staff know where objections will go; an ended notice takes none. */}
      {detail.status !== 'ended' && (
        <fieldset disabled={!open || batch.busy} className="nb-fieldset">
          <div className="nb-form-row">
            <label className="field grow">
              <span>异议针对</span>
              <select value={caseId} onChange={(e) => setCaseId(e.target.value)} required data-testid="objection-case">
                <option value="">请选择公示对象</option>
                {detail.items.map((i) => (
                  <option key={i.caseId} value={i.caseId}>
                    {i.seq}. {i.headName}（{i.caseNo}）
                  </option>
                ))}
              </select>
            </label>
            <DateField label="收到日期" value={receivedOn} min={detail.startDate} max={latest} onChange={setReceivedOn} testId="objection-date" />
            <label className="field">
              <span>异议人（可不填）</span>
              <LimitedInput value={objector} maxLength={40} onValue={setObjector} placeholder="匿名" testId="objection-objector" />
            </label>
            <label className="field">
              <span>渠道</span>
              <select value={channel} onChange={(e) => setChannel(e.target.value as ObjectionChannel)} data-testid="objection-channel">
                {(Object.keys(channelLabels) as ObjectionChannel[]).map((c) => (
                  <option key={c} value={c}>
                    {channelLabels[c]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span>异议内容</span>
            <LimitedTextArea rows={3} value={content} maxLength={500} onValue={setContent} testId="objection-content" />
          </label>
          <p className="nb-consequence">登记后，该个案退回“重新调查”，列入下次联审联批会议的议程，重新审议后须再次公示。</p>
          {state.status === 'error' && (
            <div className="notice error" role="alert" data-testid="objection-error">
              {state.message}
            </div>
          )}
          <div className="nb-form-actions">
            <button type="submit" className="button primary" data-testid="objection-submit">
              登记异议
            </button>
          </div>
        </fieldset>
      )}
    </form>
  );
}
