// 家庭: the household on file and its members, personal values masked as the service gives them, each
// with 查看 for the street's own users; and the edits of the household and its members, each with a reason.
import { useState } from 'react';
import type { CaseRecordView, MemberView } from '../../../../shared/case-record';
import { areaTypeLabels, assistanceStatusLabels, genderLabels, relationLabels } from '../../../../shared/glossary';
import { dateText, yuan } from './format';
import { DeathDialog } from './DeathDialog';
import { HouseholdDialog, RemoveMemberDialog } from './HouseholdDialogs';
import { MemberDialog } from './MemberDialog';
import type { Reveals } from './reveal';
import { MaskedValue } from './reveal';
import { Section } from './Section';

type Props = { view: CaseRecordView; reveals: Reveals; onChanged: (view: CaseRecordView) => void };

type Open = { kind: 'household' } | { kind: 'add' } | { kind: 'edit'; member: MemberView } | { kind: 'remove'; member: MemberView } | { kind: 'death'; member: MemberView } | null;

function assistanceText(status: string): string {
  return status in assistanceStatusLabels ? assistanceStatusLabels[status as keyof typeof assistanceStatusLabels] : status;
}

export function HouseholdSection({ view, reveals, onChanged }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const h = view.household;
  const can = view.writable;
  const close = () => setOpen(null);
  const changed = (next: CaseRecordView) => {
    setOpen(null);
    onChanged(next);
  };

  return (
    <Section
      id="cr-household"
      title="家庭"
      testId="record-household"
      actions={
        can && (
          <>
            <button type="button" className="button" onClick={() => setOpen({ kind: 'household' })} data-testid="household-edit">
              修改家庭信息
            </button>
            <button type="button" className="button" onClick={() => setOpen({ kind: 'add' })} data-testid="member-add">
              添加成员
            </button>
          </>
        )
      }
    >
      <dl className="cr-facts-grid cr-household-facts">
        <div className="cr-fact">
          <dt>户编号</dt>
          <dd className="mono" data-testid="household-no">
            {h.householdNo}
          </dd>
        </div>
        <div className="cr-fact">
          <dt>社区（村）</dt>
          <dd>{h.communityName}</dd>
        </div>
        <div className="cr-fact">
          <dt>城乡</dt>
          <dd data-testid="household-area">{areaTypeLabels[h.areaType]}</dd>
        </div>
        <div className="cr-fact">
          <dt>救助状态</dt>
          <dd>
            {assistanceText(h.assistanceStatus)}
            {h.monthlyAmountFen > 0 && <span className="muted">（{yuan(h.monthlyAmountFen)}/月）</span>}
          </dd>
        </div>
        <div className="cr-fact cr-fact-half">
          <dt>家庭住址</dt>
          <dd>
            <MaskedValue masked={h.addressMasked} field="address" memberId={null} reveals={reveals} canReveal={can} testId="household-address" />
          </dd>
        </div>
        <div className="cr-fact cr-fact-half">
          <dt>联系电话</dt>
          <dd>
            <MaskedValue masked={h.phoneMasked} field="phone" memberId={null} reveals={reveals} canReveal={can} testId="household-phone" />
          </dd>
        </div>
      </dl>
      {can && <p className="muted small cr-audit-note">身份证号码、住址和电话按规定隐去部分内容；点“查看”可看完整信息，查看完整信息会记入审计日志。</p>}

      <h3 className="sub-head">家庭成员（{h.members.length} 人）</h3>
      <div className="table-wrap cr-table-wrap">
        <table className="table cr-members" data-testid="members">
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">身份证号码</th>
              <th scope="col">性别</th>
              <th scope="col">出生日期</th>
              <th scope="col">与户主关系</th>
              <th scope="col">职业</th>
              <th scope="col">健康状况</th>
              <th scope="col">残疾情况</th>
              {can && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {h.members.map((m) => (
              <tr key={m.id} data-testid="member-row" data-id={m.id}>
                <td className="nowrap">
                  <span className="strong">{m.name}</span>
                  {m.diedOn && (
                    <span className="muted" data-testid="member-died">
                      （{dateText(m.diedOn)}死亡）
                    </span>
                  )}
                </td>
                <td className="nowrap">
                  <MaskedValue masked={m.citizenIdMasked} field="citizenId" memberId={m.id} whose={m.name} reveals={reveals} canReveal={can} testId="member-citizen-id" />
                </td>
                <td>{genderLabels[m.gender]}</td>
                <td className="nowrap">{dateText(m.birthDate)}</td>
                <td className="nowrap">{relationLabels[m.relation]}</td>
                <td>{m.occupation || <span className="muted">—</span>}</td>
                <td>{m.health || <span className="muted">—</span>}</td>
                <td>{m.disability || <span className="muted">—</span>}</td>
                {can && (
                  <td className="nowrap">
                    <span className="row-actions">
                      <button type="button" className="button small-inline" onClick={() => setOpen({ kind: 'edit', member: m })} aria-label={`修改 ${m.name}`} data-testid="member-edit">
                        修改
                      </button>
                      <button type="button" className="button small-inline" onClick={() => setOpen({ kind: 'remove', member: m })} aria-label={`移出 ${m.name}`} data-testid="member-remove">
                        移出
                      </button>
                      {!m.diedOn && (
                        <button type="button" className="button small-inline" onClick={() => setOpen({ kind: 'death', member: m })} aria-label={`登记死亡 ${m.name}`} data-testid="member-death">
                          登记死亡
                        </button>
                      )}
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {open?.kind === 'household' && <HouseholdDialog view={view} onClose={close} onSaved={changed} />}
      {open?.kind === 'add' && <MemberDialog view={view} member={null} onClose={close} onSaved={changed} />}
      {open?.kind === 'edit' && <MemberDialog view={view} member={open.member} onClose={close} onSaved={changed} />}
      {open?.kind === 'death' && <DeathDialog view={view} member={open.member} onClose={close} onSaved={changed} />}
      {open?.kind === 'remove' && <RemoveMemberDialog view={view} member={open.member} onClose={close} onSaved={changed} />}
    </Section>
  );
}
