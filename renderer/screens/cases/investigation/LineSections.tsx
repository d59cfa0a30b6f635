// 2. 收入, 3. 刚性支出, 4. 家庭财产: the lists of the investigation, amounts typed in 元 per month (assets
// at their value). Each row's problems are shown under it by LineTable.
import type { MemberView } from '../../../../shared/case-record';
import { assetKindLabels, incomeSourceLabels, relationLabels, rigidExpenseLabels } from '../../../../shared/glossary';
import type { AssetKind, IncomeSource, RigidExpenseKind } from '../../../../shared/investigation';
import { blankAsset, blankExpense, blankIncome, WHOLE_HOUSEHOLD, type Draft, type Edit } from './draft';
import type { FieldErrors } from './field-problems';
import { LineTable, type CellAttrs, type Column } from './LineTable';

type Props = { draft: Draft; edit: Edit; errors: FieldErrors };
type Row<K extends 'incomes' | 'expenses' | 'assets'> = Draft[K][number];

function Money({ value, onValue, attrs, testId }: { value: string; onValue: (v: string) => void; attrs: CellAttrs; testId: string }) {
  return <input type="text" inputMode="decimal" className="inv-money" value={value} placeholder="0.00" onChange={(e) => onValue(e.target.value)} data-testid={testId} {...attrs} />;
}

function Text({ value, onValue, attrs, max, testId }: { value: string; onValue: (v: string) => void; attrs: CellAttrs; max: number; testId: string }) {
  return <input type="text" className="inv-text" value={value} maxLength={max} onChange={(e) => onValue(e.target.value)} data-testid={testId} {...attrs} />;
}

function Choice<K extends string>({ labels, value, onValue, attrs, testId }: { labels: Record<K, string>; value: K; onValue: (v: K) => void; attrs: CellAttrs; testId: string }) {
  return (
    <select value={value} onChange={(e) => onValue(e.target.value as K)} data-testid={testId} {...attrs}>
      {(Object.entries(labels) as [K, string][]).map(([k, label]) => (
        <option key={k} value={k}>
          {label}
        </option>
      ))}
    </select>
  );
}

/** Changes one row of a list. */
function rowEditor<K extends 'incomes' | 'expenses' | 'assets'>(edit: Edit, list: K) {
  return (i: number, patch: Partial<Row<K>>) => edit((d) => ({ ...d, [list]: (d[list] as Row<K>[]).map((r, k) => (k === i ? { ...r, ...patch } : r)) }));
}

export function IncomeSection({ draft, edit, errors, members }: Props & { members: readonly MemberView[] }) {
  const set = rowEditor(edit, 'incomes');
  const columns: Column<Row<'incomes'>>[] = [
    {
      head: '成员',
      field: 'memberId',
      cell: (r, i, a) => (
        <select value={r.memberId} onChange={(e) => set(i, { memberId: e.target.value })} data-testid="inv-income-member" {...a}>
          <option value={WHOLE_HOUSEHOLD}>全家</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}（{relationLabels[m.relation]}）
            </option>
          ))}
        </select>
      ),
    },
    { head: '收入来源', field: 'source', cell: (r, i, a) => <Choice<IncomeSource> labels={incomeSourceLabels} value={r.source} onValue={(source) => set(i, { source })} attrs={a} testId="inv-income-source" /> },
    { head: '收入（元）', field: 'grossFen', className: 'num', cell: (r, i, a) => <Money value={r.gross} onValue={(gross) => set(i, { gross })} attrs={a} testId="inv-income-gross" /> },
    { head: '豁免（元）', field: 'exemptFen', className: 'num', cell: (r, i, a) => <Money value={r.exempt} onValue={(exempt) => set(i, { exempt })} attrs={a} testId="inv-income-exempt" /> },
    { head: '就业成本扣减（元）', field: 'workCostFen', className: 'num', cell: (r, i, a) => <Money value={r.workCost} onValue={(workCost) => set(i, { workCost })} attrs={a} testId="inv-income-workcost" /> },
    { head: '说明', field: 'note', className: 'inv-grow', cell: (r, i, a) => <Text value={r.note} max={60} onValue={(note) => set(i, { note })} attrs={a} testId="inv-income-note" /> },
  ];
  return (
    <section className="inv-section" aria-labelledby="inv-income-title">
      <h2 id="inv-income-title">
        2. 收入 <span className="muted small">每月，按成员和来源逐项登记；豁免和就业成本扣减不得超过该项收入</span>
      </h2>
      <LineTable
        name="incomes"
        what="收入"
        rows={draft.incomes}
        columns={columns}
        errors={errors}
        onAdd={() => edit((d) => ({ ...d, incomes: [...d.incomes, blankIncome()] }))}
        onRemove={(i) => edit((d) => ({ ...d, incomes: d.incomes.filter((_, k) => k !== i) }))}
        empty="未登记收入：按全家无收入计算。"
        max={60}
      />
    </section>
  );
}

export function ExpenseSection({ draft, edit, errors }: Props) {
  const set = rowEditor(edit, 'expenses');
  const columns: Column<Row<'expenses'>>[] = [
    { head: '支出类别', field: 'kind', cell: (r, i, a) => <Choice<RigidExpenseKind> labels={rigidExpenseLabels} value={r.kind} onValue={(kind) => set(i, { kind })} attrs={a} testId="inv-expense-kind" /> },
    { head: '每月金额（元）', field: 'monthlyFen', className: 'num', cell: (r, i, a) => <Money value={r.monthly} onValue={(monthly) => set(i, { monthly })} attrs={a} testId="inv-expense-amount" /> },
    { head: '说明', field: 'note', className: 'inv-grow', cell: (r, i, a) => <Text value={r.note} max={60} onValue={(note) => set(i, { note })} attrs={a} testId="inv-expense-note" /> },
  ];
  return (
    <section className="inv-section" aria-labelledby="inv-expense-title">
      <h2 id="inv-expense-title">
        3. 刚性支出 <span className="muted small">每月，从家庭收入中扣减</span>
      </h2>
      <LineTable
        name="expenses"
        what="刚性支出"
        rows={draft.expenses}
        columns={columns}
        errors={errors}
        onAdd={() => edit((d) => ({ ...d, expenses: [...d.expenses, blankExpense()] }))}
        onRemove={(i) => edit((d) => ({ ...d, expenses: d.expenses.filter((_, k) => k !== i) }))}
        empty="未登记刚性支出。"
        max={20}
      />
    </section>
  );
}

export function AssetSection({ draft, edit, errors }: Props) {
  const set = rowEditor(edit, 'assets');
  const columns: Column<Row<'assets'>>[] = [
    { head: '财产类别', field: 'kind', cell: (r, i, a) => <Choice<AssetKind> labels={assetKindLabels} value={r.kind} onValue={(kind) => set(i, { kind })} attrs={a} testId="inv-asset-kind" /> },
    { head: '说明', field: 'description', className: 'inv-grow', cell: (r, i, a) => <Text value={r.description} max={60} onValue={(description) => set(i, { description })} attrs={a} testId="inv-asset-description" /> },
    { head: '价值（元）', field: 'valueFen', className: 'num', cell: (r, i, a) => <Money value={r.value} onValue={(value) => set(i, { value })} attrs={a} testId="inv-asset-value" /> },
  ];
  return (
    <section className="inv-section" aria-labelledby="inv-asset-title">
      <h2 id="inv-asset-title">4. 家庭财产</h2>
      <LineTable
        name="assets"
        what="财产"
        rows={draft.assets}
        columns={columns}
        errors={errors}
        onAdd={() => edit((d) => ({ ...d, assets: [...d.assets, blankAsset()] }))}
        onRemove={(i) => edit((d) => ({ ...d, assets: d.assets.filter((_, k) => k !== i) }))}
        empty="未登记家庭财产。"
        max={30}
      />
    </section>
  );
}
