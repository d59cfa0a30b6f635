// 计算: what the investigation comes to as it is being typed, in the words and lines of
// shared/investigation.ts (the service checks the same arithmetic, the agenda shows the same lines). When
// the function finds problems it gives no figures; the panel then lists them, as the fields do.
import { areaTypeLabels, caseCategoryLabels, caseKindLabels } from '../../../../shared/glossary';
import type { InvestigationBasis, InvestigationProblem } from '../../../../shared/investigation';
import { formatYuan } from '../../../../shared/money';
import type { AreaType } from '../../../../shared/domain';
import type { Assessment } from './read';

type Props = {
  basis: InvestigationBasis;
  areaType: AreaType;
  /** Null while some amount cannot be read. */
  assessment: Assessment | null;
  /** The amounts that cannot be read. */
  unreadable: readonly InvestigationProblem[];
};

const yuan = (fen: number) => `${formatYuan(fen)} 元`;

/** 新申请 · 低保对象; 临时救助 once, where the matter and the category have one name. */
export function matterText(c: Pick<InvestigationBasis, 'kind' | 'category'>): string {
  const kind = caseKindLabels[c.kind];
  const category = caseCategoryLabels[c.category];
  return kind === category ? kind : `${kind} · ${category}`;
}

export function CalcPanel({ basis, areaType, assessment, unreadable }: Props) {
  return (
    <aside className="panel inv-calc" aria-labelledby="inv-calc-title" data-testid="calc-panel" data-state={assessment === null ? 'unreadable' : assessment.result.ok ? 'ok' : 'problems'}>
      <h2 id="inv-calc-title">计算</h2>
      <dl className="inv-calc-basis">
        <div>
          <dt>事项</dt>
          <dd>{matterText(basis)}</dd>
        </div>
        <div>
          <dt>{areaTypeLabels[areaType]}低保标准</dt>
          <dd data-testid="calc-standard">{yuan(basis.standardFen)}／人·月</dd>
        </div>
        <div>
          <dt>家庭人口</dt>
          <dd>{basis.householdSize} 人</dd>
        </div>
      </dl>
      <Body assessment={assessment} unreadable={unreadable} once={basis.kind === 'temporary'} />
    </aside>
  );
}

/** `once`: 临时救助 is paid once, not every month. */
function Body({ assessment, unreadable, once }: Pick<Props, 'assessment' | 'unreadable'> & { once: boolean }) {
  if (assessment === null) {
    return (
      <div className="inv-calc-problems">
        <p className="warn-text">以下金额无法识别，改正后再计算：</p>
        <Problems problems={unreadable} />
      </div>
    );
  }
  const { result, trial } = assessment;
  if (!result.ok) {
    return (
      <div className="inv-calc-problems">
        <p className="warn-text">{trial ? '以下问题需要处理（结论尚未选择，按“符合条件”试算）：' : '以下问题改正后才能保存：'}</p>
        <Problems problems={result.problems} />
      </div>
    );
  }
  const f = result.figures;
  return (
    <>
      <ol className="inv-arith" data-testid="calc-arithmetic">
        {f.arithmetic.map((line, i) => (
          <li key={i} data-testid="calc-line">
            {line}
          </li>
        ))}
      </ol>
      <dl className="inv-calc-figures">
        <div>
          <dt>月可支配收入</dt>
          <dd data-testid="calc-net">{yuan(f.netFen)}</dd>
        </div>
        <div>
          <dt>人均月收入</dt>
          <dd data-testid="calc-per-capita">{yuan(f.perCapitaFen)}</dd>
        </div>
        <div>
          <dt>拟救助金额</dt>
          <dd className="strong" data-testid="calc-proposed">
            {f.proposedFen === null ? '不按月发放' : once ? `${yuan(f.proposedFen)}（一次性）` : `${yuan(f.proposedFen)}／月`}
          </dd>
        </div>
        {f.assetFen > 0 && (
          <div>
            <dt>家庭财产合计</dt>
            <dd>{yuan(f.assetFen)}</dd>
          </div>
        )}
      </dl>
      {trial && <p className="muted small">结论尚未选择，以上按“符合条件”试算。</p>}
    </>
  );
}

function Problems({ problems }: { problems: readonly InvestigationProblem[] }) {
  return (
    <ul className="inv-calc-list">
      {problems.map((p, i) => (
        <li key={i} data-testid="calc-problem" data-field={p.field}>
          {p.message}
        </li>
      ))}
    </ul>
  );
}
