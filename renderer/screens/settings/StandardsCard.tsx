// 设置's dated standards: every record of the district side by side (现行 / 将于…起执行 / 已失效), each
// value in Chinese with its unit, who set it and when. The bureau chief sets a new one; everyone else
// reads them, set by the bureau and received through the centre.
import { useState } from 'react';
import { formatChineseDate, formatChineseDateTime } from '../../../shared/dates';
import { StandardValues, standardInForce, standardState, type SetStandardResult, type StandardList, type StandardRecordView } from '../../../shared/standards';
import { StandardDialog } from './StandardDialog';
import { numberFields, numberText, passingText, quorumText } from './standard-fields';

function periodText(r: StandardRecordView): string {
  return r.effectiveTo === null ? `${formatChineseDate(r.effectiveFrom)}起` : `${formatChineseDate(r.effectiveFrom)}至${formatChineseDate(r.effectiveTo)}`;
}

function StateTag({ record, today }: { record: StandardRecordView; today: string }) {
  const state = standardState(record, today);
  if (state === 'current') return <span className="tag ok" data-testid="standard-state">现行</span>;
  if (state === 'future') return <span className="tag accent" data-testid="standard-state">将于{formatChineseDate(record.effectiveFrom)}起执行</span>;
  return <span className="tag" data-testid="standard-state">已失效</span>;
}

/** The values of a record as stored; one an older or newer build wrote differently shows as not readable. */
function valuesOf(r: StandardRecordView): StandardValues | null {
  const parsed = StandardValues.safeParse(r.values);
  return parsed.success ? parsed.data : null;
}

type Props = { list: StandardList; today: string; onChanged: (result: SetStandardResult) => void };

export function StandardsCard({ list, today, onChanged }: Props) {
  const [editing, setEditing] = useState(false);
  const [closedNote, setClosedNote] = useState<string | null>(null);
  const records = list.records;
  const inForce = standardInForce(records, today);
  const columns = records.map((r) => ({ record: r, values: valuesOf(r) }));

  return (
    <div className="card card-wide" data-testid="standards-card">
      <div className="card-head">
        <h2>保障标准（{list.districtName}）</h2>
        {list.canSet ? (
          <button type="button" className="button primary" onClick={() => setEditing(true)} data-testid="standard-new">
            设定新标准
          </button>
        ) : (
          <span className="muted small" data-testid="standards-readonly">
            由区民政局科长设定
          </span>
        )}
      </div>
      <p className="muted small setting-who">
        低保、特困供养标准以及各项限额、期限按执行日期分段记录，由区民政局科长设定，经中心同步到本区每个工作台；核定金额、办理时限和到期提醒都按相关日期当天执行的标准计算。
      </p>
      {closedNote && (
        <div className="notice" role="status" data-testid="standard-closed">
          {closedNote}
        </div>
      )}
      {records.length === 0 ? (
        <p className="muted" data-testid="standards-empty">
          本机还没有收到本区的保障标准，同步后显示；在此之前按本机的默认值计算。
        </p>
      ) : (
        <div className="table-wrap standards-table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">项目</th>
                {columns.map(({ record }) => (
                  <th scope="col" key={record.id} data-testid="standard-column">
                    <div>
                      {periodText(record)}
                      <StateTag record={record} today={today} />
                    </div>
                    <div className="muted small standard-setter">
                      {record.setByName}设定，{formatChineseDateTime(record.setAt)}
                    </div>
                    {record.note && <div className="muted small">{record.note}</div>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {numberFields.map((f) => (
                <tr key={f.key} data-testid="standard-row">
                  <th scope="row" title={f.what}>
                    {f.label}
                  </th>
                  {columns.map(({ record, values }) => (
                    <td key={record.id}>{values ? numberText(f, values) : '—'}</td>
                  ))}
                </tr>
              ))}
              <tr data-testid="standard-row">
                <th scope="row">法定人数</th>
                {columns.map(({ record, values }) => (
                  <td key={record.id}>{values ? quorumText(values) : '—'}</td>
                ))}
              </tr>
              <tr data-testid="standard-row">
                <th scope="row">表决规则</th>
                {columns.map(({ record, values }) => (
                  <td key={record.id}>{values ? passingText(values) : '—'}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <StandardDialog
          districtCode={list.districtCode}
          districtName={list.districtName}
          today={today}
          start={inForce ? valuesOf(inForce) : null}
          onClose={() => setEditing(false)}
          onSaved={(result) => {
            setEditing(false);
            setClosedNote(result.closed ? `已保存。原${formatChineseDate(result.closed.effectiveFrom)}起执行的标准，执行至${formatChineseDate(result.closed.effectiveTo)}。` : '已保存。');
            onChanged(result);
          }}
        />
      )}
    </div>
  );
}
