// 家庭成员 of a new household, one row each. The ID number tells at once, as it is typed, the sex and
// birth date it encodes, or what is wrong with it (the same shared check the service runs; the service
// still decides). 残疾情况 is chosen as a category and a grade (GB/T 26341), composed into "肢体残疾二级",
// so that every desk writes it the same way and the grade can be read back.
import { normaliseCitizenId } from '../../../../shared/citizen-id';
import { ageOn, formatChineseDate } from '../../../../shared/dates';
import type { Relation } from '../../../../shared/domain';
import { genderLabels, relationLabels } from '../../../../shared/glossary';
import { MAX_HOUSEHOLD_MEMBERS } from '../../../../shared/intake';
import { disabilityGrades, disabilityTypes, newMember, type MemberDraft } from './draft';
import { FieldProblem, invalidProps, problemId, type Problems } from './problems';

const occupations = ['务农', '外出务工', '灵活就业', '个体经营', '无业', '失业', '退休', '在校学生', '学龄前儿童', '丧失劳动能力'];
const healths = ['健康', '患慢性病', '患重病', '长期卧床'];

type Props = {
  members: MemberDraft[];
  problems: Problems;
  today: string;
  /** The new rows, and the field edited (its message goes) or, after a removal, the whole table. */
  onChange: (members: MemberDraft[], edited: string, wholeTable?: boolean) => void;
};

export function MembersTable({ members, problems, today, onChange }: Props) {
  const path = (i: number, f: string) => `household.members.${i}.${f}`;
  const edit = (i: number, field: string, patch: Partial<MemberDraft>) => onChange(members.map((m, k) => (k === i ? { ...m, ...patch } : m)), path(i, field));
  const add = () => onChange([...members, newMember('')], 'household.members');
  // Rows after it move up a place, so every member's message (named by place) is dropped.
  const remove = (i: number) => onChange(members.filter((_, k) => k !== i), 'household.members', true);

  return (
    <div className="intake-members">
      <div className="table-wrap">
        <table className="table intake-members-table" aria-label="家庭成员">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">姓名</th>
              <th scope="col">身份证号码</th>
              <th scope="col">与户主关系</th>
              <th scope="col">职业/就业状况</th>
              <th scope="col">健康状况</th>
              <th scope="col">残疾情况</th>
              <th scope="col">
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m, i) => {
              const who = `第 ${i + 1} 位成员`;
              return (
                <tr key={m.key} data-testid="intake-member">
                  <th scope="row" className="num">
                    {i + 1}
                  </th>
                  <td>
                    <input className="intake-name" type="text" value={m.name} maxLength={20} aria-label={`${who}：姓名`} onChange={(e) => edit(i, 'name', { name: e.target.value })} {...invalidProps(problems, path(i, 'name'))} data-testid={`member-${i}-name`} />
                    <FieldProblem problems={problems} field={path(i, 'name')} />
                  </td>
                  <td className="intake-id-cell">
                    <CitizenIdInput index={i} value={m.citizenId} today={today} problems={problems} field={path(i, 'citizenId')} onValue={(citizenId) => edit(i, 'citizenId', { citizenId })} />
                  </td>
                  <td>
                    <select value={m.relation} aria-label={`${who}：与户主关系`} onChange={(e) => edit(i, 'relation', { relation: e.target.value as Relation | '' })} {...invalidProps(problems, path(i, 'relation'))} data-testid={`member-${i}-relation`}>
                      <option value="">请选择</option>
                      {Object.entries(relationLabels).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                    <FieldProblem problems={problems} field={path(i, 'relation')} />
                  </td>
                  <td>
                    <input type="text" list="intake-occupations" value={m.occupation} maxLength={40} aria-label={`${who}：职业/就业状况`} onChange={(e) => edit(i, 'occupation', { occupation: e.target.value })} {...invalidProps(problems, path(i, 'occupation'))} data-testid={`member-${i}-occupation`} />
                    <FieldProblem problems={problems} field={path(i, 'occupation')} />
                  </td>
                  <td>
                    <input type="text" list="intake-healths" value={m.health} maxLength={60} aria-label={`${who}：健康状况`} onChange={(e) => edit(i, 'health', { health: e.target.value })} {...invalidProps(problems, path(i, 'health'))} data-testid={`member-${i}-health`} />
                    <FieldProblem problems={problems} field={path(i, 'health')} />
                  </td>
                  <td>
                    <span className="intake-disability">
                      <select value={m.disabilityType} aria-label={`${who}：残疾类别`} onChange={(e) => edit(i, 'disability', { disabilityType: e.target.value, disabilityGrade: e.target.value === '' ? '' : m.disabilityGrade })} {...invalidProps(problems, path(i, 'disability'))} data-testid={`member-${i}-disability-type`}>
                        <option value="">无残疾</option>
                        {disabilityTypes.map((t) => (
                          <option key={t} value={t}>
                            {t}残疾
                          </option>
                        ))}
                      </select>
                      {m.disabilityType !== '' && (
                        <select value={m.disabilityGrade} aria-label={`${who}：残疾等级`} onChange={(e) => edit(i, 'disability', { disabilityGrade: e.target.value })} {...invalidProps(problems, path(i, 'disability'))} data-testid={`member-${i}-disability-grade`}>
                          <option value="">等级</option>
                          {disabilityGrades.map((g) => (
                            <option key={g} value={g}>
                              {g}
                            </option>
                          ))}
                        </select>
                      )}
                    </span>
                    <FieldProblem problems={problems} field={path(i, 'disability')} />
                  </td>
                  <td>
                    <button type="button" className="button small-inline" disabled={members.length === 1} onClick={() => remove(i)} aria-label={`删除${who}${m.name ? `（${m.name}）` : ''}`} data-testid={`member-${i}-remove`}>
                      删除
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FieldProblem problems={problems} field="household.members" />
      <div className="intake-members-foot">
        {members.length < MAX_HOUSEHOLD_MEMBERS ? (
          <button type="button" className="button" onClick={add} data-testid="member-add">
            添加成员
          </button>
        ) : (
          <span className="muted">一户最多登记 {MAX_HOUSEHOLD_MEMBERS} 位成员</span>
        )}
        <span className="muted small">按户口簿逐人登记，户主只能有一位；性别和出生日期由身份证号码得出，不必另填。</span>
      </div>
      <datalist id="intake-occupations">
        {occupations.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <datalist id="intake-healths">
        {healths.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
    </div>
  );
}

/** The ID box and, under it, what the number says: the service's refusal if it gave one, else the live reading. */
function CitizenIdInput({ index, value, today, problems, field, onValue }: { index: number; value: string; today: string; problems: Problems; field: string; onValue: (v: string) => void }) {
  const refused = problems[field] !== undefined;
  const hintId = `intake-id-hint-${index}`;
  const reading = readId(value, today);
  return (
    <>
      <input
        className="mono intake-id"
        type="text"
        value={value}
        maxLength={18}
        spellCheck={false}
        autoComplete="off"
        aria-label={`第 ${index + 1} 位成员：身份证号码`}
        aria-invalid={refused || undefined}
        aria-describedby={refused ? problemId(field) : reading ? hintId : undefined}
        onChange={(e) => onValue(e.target.value)}
        data-testid={`member-${index}-citizenId`}
      />
      {refused ? (
        <FieldProblem problems={problems} field={field} />
      ) : (
        reading && (
          <small id={hintId} className={reading.warn ? 'field-error' : 'field-hint'} aria-live="polite" data-testid={`member-${index}-id-hint`}>
            {reading.text}
          </small>
        )
      )}
    </>
  );
}

function readId(value: string, today: string): { text: string; warn: boolean } | null {
  const s = value.trim();
  if (s === '') return null;
  const id = normaliseCitizenId(s, today);
  if (id.ok) {
    const upgraded = s.length === 15 ? `（15 位号码，登记为 ${id.id}）` : '';
    return { text: `${genderLabels[id.gender]} · ${formatChineseDate(id.birthDate)}出生 · ${ageOn(id.birthDate, today)} 岁${upgraded}`, warn: false };
  }
  // Still typing: only the count until the number is long enough to be judged.
  if (id.code === 'citizen-id-length') return { text: `已输入 ${s.length} 位，应为 18 位（或 15 位）`, warn: false };
  return { text: id.message, warn: true };
}
