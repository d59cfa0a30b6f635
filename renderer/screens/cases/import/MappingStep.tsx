// 列对应: the file's headers are not the template's and no saved mapping fits, so the person says, for each
// field of the template, which of the file's columns holds it. Saved under a name, the mapping checks
// this file and recognises every later file of the same layout by itself. Nothing is checked until every
// field has a column.
import { useEffect, useRef, useState } from 'react';
import { importFieldHeaders, importFields, type ImportColumns, type ImportField, type ImportMapping } from '../../../../shared/import/fields';
import type { ImportReport } from '../../../../shared/import/report';
import { call, errorMessage, fieldProblems } from '../../../api';
import { SavedMappings } from './SavedMappings';
import { showAtTop } from './show-at-top';
import { choiceFor, completeColumns, fieldLabel, initialColumns, unchosenColumns, type ColumnChoice } from './model';

type Props = {
  report: ImportReport;
  busy: boolean;
  /** Checks the file again with a saved mapping by name, or with these columns (not saved). */
  onCheck: (mapping: { name: string } | { columns: ImportColumns }) => void;
};

// The mapping's own name is 'mappingName' here: 'name' is a field (姓名).
type Problems = Partial<Record<ImportField | 'mappingName', string>>;

export function MappingStep({ report, busy, onCheck }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [saved, setSaved] = useState<ImportMapping[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [columns, setColumns] = useState<ColumnChoice>(() => initialColumns(report.headers));
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const shown = choiceFor(columns, report.headers);

  // A new report (this file checked again) is what the person looks at next.
  useEffect(() => showAtTop(headingRef.current), [report.token]);
  useEffect(() => {
    call('imports.mappings', {}).then(setSaved, (e: unknown) => setLoadError(errorMessage(e)));
  }, []);

  const choose = (field: ImportField, header: string) => {
    setColumns((c) => ({ ...c, [field]: header }));
    setProblems(({ [field]: _gone, ...rest }) => rest);
  };

  /** The columns when every field has one; otherwise the fields left are marked and the first focused. */
  function readyColumns(needName: boolean): ImportColumns | null {
    const missing: Problems = { ...unchosenColumns(shown) };
    if (needName && name.trim() === '') missing.mappingName = '请给这个对应关系起个名字，如“省低收入人口系统导出”';
    setProblems(missing);
    const first = importFields.find((f) => missing[f]);
    const target = first ? `mapping-${first}` : missing.mappingName ? 'mapping-title' : null;
    if (target) {
      document.getElementById(target)?.focus();
      return null;
    }
    return completeColumns(shown);
  }

  async function saveAndCheck() {
    const ready = readyColumns(true);
    if (!ready || saving) return;
    setSaving(true);
    setAlert(null);
    try {
      setSaved(await call('imports.saveMapping', { name: name.trim(), columns: ready }));
      onCheck({ name: name.trim() });
    } catch (e) {
      const named = fieldProblems(e);
      const at: Problems = {};
      const rest: string[] = [];
      for (const p of named) {
        if (p.field === 'name') at.mappingName = p.message;
        else if (p.field.startsWith('columns.') && p.field.slice(8) in importFieldHeaders) at[p.field.slice(8) as ImportField] = p.message;
        else rest.push(p.message);
      }
      setProblems(at);
      setAlert(named.length === 0 ? errorMessage(e) : rest.length > 0 ? rest.join('；') : null);
    } finally {
      setSaving(false);
    }
  }

  const missingFields = report.unmapped.map(fieldLabel);
  return (
    <section className="panel imp-mapping" aria-labelledby="imp-mapping-head" data-testid="mapping-step">
      <h2 id="imp-mapping-head" ref={headingRef} tabIndex={-1}>
        指定列对应关系：{report.fileName}
      </h2>
      <p className="imp-lead">
        这个表格的表头与导入模板不同，也不符合已保存的对应关系，请为模板的每一项选择表格中的一列。保存后，以后表头相同的文件会自动按这个对应关系读取。
      </p>
      <p className="muted small" data-testid="mapping-layout">
        读取的工作表：“{report.sheet}”，表头在第 {report.headerRow} 行，共 {report.headers.length} 列：{report.headers.join('、') || '（没有表头）'}
      </p>
      {missingFields.length > 0 && (
        <p className="small" data-testid="mapping-unmapped">
          尚未找到对应列的项目：{missingFields.join('、')}
        </p>
      )}
      {loadError && (
        <div className="notice error" role="alert">
          载入已保存的对应关系失败：{loadError}
        </div>
      )}
      {saved && (
        <SavedMappings
          saved={saved}
          busy={busy || saving}
          onApply={(n) => onCheck({ name: n })}
          onPick={(m) => {
            setColumns(initialColumns(report.headers, m?.columns));
            setName(m?.name ?? '');
            setProblems({});
          }}
          onChanged={setSaved}
        />
      )}
      <form
        className="imp-mapping-form"
        noValidate
        aria-label="列对应关系"
        onSubmit={(e) => {
          e.preventDefault();
          void saveAndCheck();
        }}
      >
        <div className="imp-columns">
          {importFields.map((f) => (
            <label key={f} className="field">
              <span>{importFieldHeaders[f]}</span>
              <select
                id={`mapping-${f}`}
                value={shown[f]}
                onChange={(e) => choose(f, e.target.value)}
                aria-invalid={problems[f] ? true : undefined}
                aria-describedby={problems[f] ? `mapping-${f}-problem` : undefined}
                data-testid={`mapping-${f}`}
              >
                <option value="">请选择</option>
                {report.headers.map((h, i) => (
                  <option key={`${i}-${h}`} value={h}>
                    {h}
                  </option>
                ))}
              </select>
              {problems[f] && (
                <small className="field-error" id={`mapping-${f}-problem`}>
                  {problems[f]}
                </small>
              )}
            </label>
          ))}
        </div>
        <div className="imp-mapping-actions">
          <label className="field">
            <span>对应关系名称</span>
            <input
              id="mapping-title"
              type="text"
              value={name}
              maxLength={40}
              placeholder="如：省低收入人口系统导出"
              onChange={(e) => {
                setName(e.target.value);
                setProblems(({ mappingName: _gone, ...rest }) => rest);
              }}
              aria-invalid={problems.mappingName ? true : undefined}
              aria-describedby={problems.mappingName ? 'mapping-title-problem' : undefined}
              data-testid="mapping-title"
            />
            {problems.mappingName && (
              <small className="field-error" id="mapping-title-problem">
                {problems.mappingName}
              </small>
            )}
          </label>
          <button type="submit" className="button primary" disabled={busy || saving} data-testid="mapping-save">
            {saving ? '正在保存…' : '保存并重新检查'}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || saving}
            onClick={() => {
              const ready = readyColumns(false);
              if (ready) onCheck({ columns: ready });
            }}
            data-testid="mapping-once"
          >
            不保存，只检查这个文件
          </button>
        </div>
        {alert && (
          <div className="notice error" role="alert" data-testid="mapping-error">
            {alert}
          </div>
        )}
      </form>
    </section>
  );
}
