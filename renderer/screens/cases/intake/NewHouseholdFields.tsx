// 新家庭: where the household lives, how to reach it, and its members as the 户口簿 lists them.
import type { AreaType } from '../../../../shared/domain';
import { areaTypeLabels } from '../../../../shared/glossary';
import { LimitedInput } from '../../../components/LimitedText';
import type { IntakeDraft } from './draft';
import { MembersTable } from './MembersTable';
import { FieldProblem, invalidProps, type Problems } from './problems';

type Props = {
  draft: IntakeDraft;
  problems: Problems;
  today: string;
  onChange: (patch: Partial<IntakeDraft>, field: string, prefix?: boolean) => void;
};

export function NewHouseholdFields({ draft, problems, today, onChange }: Props) {
  return (
    <div className="intake-new">
      <div className="intake-row">
        <label className="field">
          <span>城乡类别</span>
          <select value={draft.areaType} onChange={(e) => onChange({ areaType: e.target.value as AreaType | '' }, 'household.areaType')} {...invalidProps(problems, 'household.areaType')} data-testid="intake-area-type">
            <option value="">请选择</option>
            {Object.entries(areaTypeLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldProblem problems={problems} field="household.areaType" />
        </label>
        <label className="field grow intake-address">
          <span>家庭住址</span>
          <LimitedInput value={draft.address} maxLength={120} placeholder="如：某某路 12 号 3 栋 2 单元 501 室" onValue={(address) => onChange({ address }, 'household.address')} {...invalidProps(problems, 'household.address')} testId="intake-address" />
          <FieldProblem problems={problems} field="household.address" />
        </label>
        <label className="field">
          <span>联系电话</span>
          <input type="tel" inputMode="tel" value={draft.phone} maxLength={20} placeholder="手机或座机，如 0731-88526120" onChange={(e) => onChange({ phone: e.target.value }, 'household.phone')} {...invalidProps(problems, 'household.phone')} data-testid="intake-phone" />
          <FieldProblem problems={problems} field="household.phone" />
        </label>
      </div>
      <h3 className="sub-head">家庭成员</h3>
      <MembersTable members={draft.members} problems={problems} today={today} onChange={(members, field, whole) => onChange({ members }, field, whole)} />
    </div>
  );
}
