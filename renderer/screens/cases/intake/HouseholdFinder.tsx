// 查找已登记家庭: by any member's ID number (whole) or name (part), in the clerk's own street. A household
// with a case still waiting for a decision is marked: a second application is then usually a mistake.
import { useState } from 'react';
import type { HouseholdMatch } from '../../../../shared/case-record';
import { relationLabels } from '../../../../shared/glossary';
import { call, errorMessage } from '../../../api';
import type { ChosenHousehold } from './draft';
import { FieldProblem, invalidProps, type Problems } from './problems';

type Found = { status: 'idle' } | { status: 'searching' } | { status: 'done'; query: string; matches: HouseholdMatch[] } | { status: 'error'; message: string };

type Props = { chosen: ChosenHousehold | null; problems: Problems; onChoose: (h: ChosenHousehold | null) => void };

// Only what the form shows once chosen is kept in the draft, not the members' (masked) numbers.
const chosenOf = ({ householdId, householdNo, communityCode, communityName, headName, openCaseNo }: HouseholdMatch): ChosenHousehold => ({ householdId, householdNo, communityCode, communityName, headName, openCaseNo });

/** The service answers at most this many households (cases.findHousehold). */
const FIND_LIMIT = 20;

const openCaseWarning = (caseNo: string) => `该户有待审议的个案 ${caseNo}，再次受理前请确认不是重复申请`;

export function HouseholdFinder({ chosen, problems, onChoose }: Props) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found>({ status: 'idle' });

  async function search() {
    const idOrName = query.trim();
    if (idOrName === '') return setFound({ status: 'error', message: '请输入身份证号码或姓名' });
    setFound({ status: 'searching' });
    try {
      setFound({ status: 'done', query: idOrName, matches: await call('cases.findHousehold', { idOrName }) });
    } catch (e) {
      setFound({ status: 'error', message: errorMessage(e) });
    }
  }

  if (chosen) {
    return (
      <div className="intake-chosen" data-testid="intake-chosen">
        <p>
          已选择：<span className="strong">{chosen.headName}</span> 户，户号 <span className="mono">{chosen.householdNo}</span>，{chosen.communityName}
          <button type="button" className="button small" onClick={() => onChoose(null)} data-testid="intake-rechoose">
            重新选择
          </button>
        </p>
        {chosen.openCaseNo && <p className="warn-text">{openCaseWarning(chosen.openCaseNo)}</p>}
        <FieldProblem problems={problems} field="household.householdId" />
      </div>
    );
  }

  return (
    <div className="intake-finder">
      <div className="intake-row">
        <label className="field intake-find">
          <span>身份证号码或姓名</span>
          <input
            type="search"
            value={query}
            maxLength={20}
            placeholder="完整的身份证号码，或任一成员姓名中的字"
            onChange={(e) => setQuery(e.target.value)}
            // Inside the 受理 form: Enter searches here instead of submitting the application.
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void search();
              }
            }}
            {...invalidProps(problems, 'household.householdId')}
            data-testid="intake-find"
          />
        </label>
        <button type="button" className="button" onClick={() => void search()} disabled={found.status === 'searching'} data-testid="intake-find-button">
          {found.status === 'searching' ? '正在查找…' : '查找'}
        </button>
      </div>
      <FieldProblem problems={problems} field="household.householdId" />
      {found.status === 'error' && (
        <p className="warn-text" role="alert">
          {found.message}
        </p>
      )}
      {found.status === 'done' && found.matches.length === 0 && (
        <p className="muted" role="status">
          本街道没有与“{found.query}”相符的家庭。新申请的家庭请选“新家庭”登记。
        </p>
      )}
      {found.status === 'done' && found.matches.length >= FIND_LIMIT && (
        <p className="muted small">只列出前 {FIND_LIMIT} 户，请输入完整的身份证号码或更完整的姓名。</p>
      )}
      {found.status === 'done' && found.matches.length > 0 && (
        <div className="table-wrap intake-matches">
          <table className="table" aria-label="查找到的家庭">
            <thead>
              <tr>
                <th scope="col">户号</th>
                <th scope="col">社区（村）</th>
                <th scope="col">户主</th>
                <th scope="col">家庭成员</th>
                <th scope="col">
                  <span className="sr-only">选择</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {found.matches.map((h) => (
                <tr key={h.householdId} data-testid="intake-match">
                  <td className="mono">{h.householdNo}</td>
                  <td>{h.communityName}</td>
                  <td>{h.headName}</td>
                  <td>
                    <ul className="intake-match-members">
                      {h.members.map((m, i) => (
                        <li key={i}>
                          {m.name}（{relationLabels[m.relation]}）<span className="mono">{m.citizenIdMasked}</span>
                        </li>
                      ))}
                    </ul>
                    {h.openCaseNo && <p className="warn-text small">{openCaseWarning(h.openCaseNo)}</p>}
                  </td>
                  <td>
                    <button type="button" className="button small-inline" onClick={() => onChoose(chosenOf(h))} aria-label={`选择${h.headName}户（${h.householdNo}）`}>
                      选择
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
