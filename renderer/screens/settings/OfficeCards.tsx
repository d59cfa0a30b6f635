// 设置's office part: the signed-in user's own office, as every document of theirs signs it, and for the
// district bureau each street office's details with a way to change them. The details come from the
// region records the centre keeps and syncs, so the screen says who changed them last on any desk.
import { useRef, useState } from 'react';
import { formatChineseDateTime } from '../../../shared/dates';
import type { OfficeList, OfficeView } from '../../../shared/office';
import { OfficeDialog } from './OfficeDialog';

function lastChange(o: OfficeView): string {
  if (o.changedAt === null) return o.derived ? '尚未填写' : '随区划数据下发，未修改过';
  return `${o.changedBy ?? '（未知）'}，${formatChineseDateTime(o.changedAt)}`;
}

/** One hotline a line: "民政服务热线 12349". */
function Hotlines({ office }: { office: OfficeView }) {
  if (office.office.hotlines.length === 0) return <>（无）</>;
  return (
    <>
      {office.office.hotlines.map((h) => (
        <div key={h.number}>
          {h.label} <span className="nowrap">{h.number}</span>
        </div>
      ))}
    </>
  );
}

export function OwnOfficeCard({ offices }: { offices: OfficeList }) {
  const own = offices.own;
  const bureau = own.level === 'district';
  return (
    <div className="card" data-testid="own-office">
      <h2>本单位</h2>
      <dl className="kv">
        <div className="kv-row">
          <dt>单位名称</dt>
          <dd data-testid="own-office-name">
            {own.office.name}
            {own.derived && <span className="tag">按区划名称</span>}
          </dd>
        </div>
        <div className="kv-row">
          <dt>地址</dt>
          <dd>{own.office.address || '（未填写）'}</dd>
        </div>
        <div className="kv-row">
          <dt>电话</dt>
          <dd>{own.office.phone || '（未填写）'}</dd>
        </div>
        {!bureau && (
          <div className="kv-row">
            <dt>公布的热线</dt>
            <dd>
              <Hotlines office={own} />
            </dd>
          </div>
        )}
        <div className="kv-row">
          <dt>最后修改</dt>
          <dd data-testid="own-office-changed">{lastChange(own)}</dd>
        </div>
      </dl>
      <p className="muted small setting-who">
        {bureau
          ? '本局的单位信息随区划数据由中心下发。各街道（乡镇）的落款、地址、电话和热线由本局在下方“各街道单位信息”中设置。'
          : '本街道的公示、长期公示和个案名单都以上述信息落款，并写明受理异议的地址、电话和热线。这些信息由区民政局统一设置，保存在中心，随同步更新；本街道不能修改，如有错误请联系区民政局。'}
      </p>
    </div>
  );
}

export function StreetOfficesCard({ offices, onChanged }: { offices: OfficeList; onChanged: (next: OfficeList) => void }) {
  const [editing, setEditing] = useState<OfficeView | null>(null);
  const openers = useRef(new Map<string, HTMLButtonElement>());
  // Focus goes back to the 修改 button that opened the dialog, not to the page.
  const close = (code: string) => {
    setEditing(null);
    requestAnimationFrame(() => openers.current.get(code)?.focus());
  };
  return (
    <div className="card card-wide" data-testid="street-offices">
      <h2>各街道单位信息</h2>
      <p className="muted small setting-who">
        每个街道（乡镇）的公示、长期公示和个案名单以它自己的单位信息落款。由区民政局设置，修改随同步送到中心，再同步到各街道的工作台；每次修改都记入审计日志。
      </p>
      <div className="table-wrap">
        <table className="table office-table">
          <thead>
            <tr>
              <th scope="col">街道（乡镇）</th>
              <th scope="col">单位名称（落款）</th>
              <th scope="col">地址</th>
              <th scope="col">电话</th>
              <th scope="col">公布的热线</th>
              <th scope="col">最后修改</th>
              {offices.canEdit && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {offices.streets.map((s) => (
              <tr key={s.code} data-testid="street-office-row" data-code={s.code}>
                <td>
                  {s.regionName}
                  <span className="code">{s.code}</span>
                </td>
                <td data-testid="street-office-name">
                  {s.office.name}
                  {s.derived && <span className="tag">按区划名称</span>}
                </td>
                <td>{s.office.address || '（未填写）'}</td>
                <td className="nowrap">{s.office.phone || '（未填写）'}</td>
                <td>
                  <Hotlines office={s} />
                </td>
                <td data-testid="street-office-changed">{lastChange(s)}</td>
                {offices.canEdit && (
                  <td>
                    <button
                      type="button"
                      className="button small"
                      ref={(el) => {
                        if (el) openers.current.set(s.code, el);
                        else openers.current.delete(s.code);
                      }}
                      onClick={() => setEditing(s)}
                      aria-label={`修改${s.regionName}的单位信息`}
                      data-testid="street-office-edit"
                    >
                      修改
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <OfficeDialog
          street={editing}
          onClose={() => close(editing.code)}
          onSaved={(next) => {
            onChanged(next);
            close(editing.code);
          }}
        />
      )}
    </div>
  );
}
