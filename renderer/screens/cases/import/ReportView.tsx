// The check's report, then the import's: what was read (rows, households, format, mapping), what can be
// imported and what is already on file, and every refused row. An import is all or nothing, so the import
// button exists only for a file with no refused row; a run that meets refusals after all (the data changed
// since the check) has written nothing and shows them the same way.
import { useEffect, useRef, type ReactNode } from 'react';
import type { ImportProgress, ImportReport } from '../../../../shared/import/report';
import { ImportProgressBar } from './ImportProgressBar';
import { RefusalList } from './RefusalList';
import { formatLabel, refusedRowCount } from './model';
import { showAtTop } from './show-at-top';

type Props = {
  report: ImportReport;
  /** The import's own report, once it ran. */
  result: ImportReport | null;
  running: boolean;
  progress: ImportProgress | null;
  onRun: () => void;
  onBack: () => void;
};

const n = (v: number) => v.toLocaleString('en-US');

export function ReportView({ report, result, running, progress, onRun, onBack }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = result ?? report;
  useEffect(() => showAtTop(headingRef.current), [report.token, result]);

  return (
    <section className="panel imp-report" aria-labelledby="imp-report-head" data-testid="import-report" data-written={shown.written}>
      <h2 id="imp-report-head" ref={headingRef} tabIndex={-1}>
        {result ? '导入结果' : '检查结果'}：{shown.fileName}
      </h2>
      <Figures report={shown} />
      <dl className="imp-details">
        <Detail label="格式">{formatLabel(shown)}</Detail>
        {/* A CSV has one sheet, named by the reader, not by anyone who made the file. */}
        <Detail label={shown.format === 'csv' ? '表头' : '工作表'} testId="report-sheet">
          {shown.format === 'csv' ? '' : `“${shown.sheet}”，表头在`}第 {shown.headerRow} 行
        </Detail>
        <Detail label="列对应" testId="report-mapping">
          {shown.mapping ?? '—'}
        </Detail>
      </dl>
      {result ? <RunOutcome result={result} onBack={onBack} /> : <CheckOutcome report={report} running={running} progress={progress} onRun={onRun} />}
    </section>
  );
}

function Figures({ report }: { report: ImportReport }) {
  const refusedRows = refusedRowCount(report.refused);
  return (
    <div className="imp-figures" data-testid="report-figures">
      <Figure label="数据行" value={`${n(report.rows)} 行`} testId="report-rows" />
      <Figure label="家庭" value={`${n(report.households)} 户`} testId="report-households" />
      <Figure label="可以导入" value={`${n(report.accepted)} 行`} testId="report-accepted" />
      <Figure label="已在档，不再重复导入" value={`${n(report.unchanged)} 行`} testId="report-unchanged" />
      <Figure label="不能导入" value={`${n(refusedRows)} 行`} testId="report-refused" warn={report.refused.length > 0} />
    </div>
  );
}

function Figure({ label, value, testId, warn = false }: { label: string; value: string; testId: string; warn?: boolean }) {
  return (
    <div className={warn ? 'imp-figure warn' : 'imp-figure'}>
      <span className="imp-figure-label">{label}</span>
      <span className="imp-figure-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

function Detail({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="imp-detail">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function CheckOutcome({ report, running, progress, onRun }: { report: ImportReport; running: boolean; progress: ImportProgress | null; onRun: () => void }) {
  if (report.refused.length > 0) {
    return (
      <>
        <div className="notice error imp-verdict" data-testid="report-verdict">
          有 {n(refusedRowCount(report.refused) || report.refused.length)} 行不能导入，这个文件不能导入。导入是全部导入或全部不导入：只要还有一行不能导入，整个文件都不会导入，现在也没有写入任何数据。请在原表格中改正下列各行，保存后重新选择文件检查。
        </div>
        <RefusalList refused={report.refused} token={report.token} />
      </>
    );
  }
  const allOnFile = report.rows > 0 && report.unchanged === report.rows;
  return (
    <div className="imp-run">
      <div className="notice ok imp-verdict" data-testid="report-verdict">
        检查通过：{n(report.rows)} 行都可以导入，检查没有写入任何数据。
        {allOnFile ? '文件中的申请都已在档，导入不会新增。' : report.unchanged > 0 ? `其中 ${n(report.unchanged)} 行已在档，不再重复导入。` : ''}
      </div>
      <div className="imp-run-actions">
        <button type="button" className="button primary" onClick={onRun} disabled={running} data-testid="import-run">
          {running ? '正在导入…' : `导入 ${n(report.households)} 户`}
        </button>
        {running && <ImportProgressBar progress={progress} reading={false} label="导入进度" />}
      </div>
    </div>
  );
}

function RunOutcome({ result, onBack }: { result: ImportReport; onBack: () => void }) {
  if (!result.written) {
    return (
      <>
        <div className="notice error imp-verdict" role="alert" data-testid="report-verdict">
          导入时发现 {n(refusedRowCount(result.refused) || result.refused.length)} 行不能导入（检查之后数据有了变化，例如其中的家庭在此期间已被受理）。全部导入或全部不导入：这次没有写入任何数据。请改正后重新选择文件检查。
        </div>
        <RefusalList refused={result.refused} token={result.token} />
      </>
    );
  }
  const { households, members, cases } = result.added;
  return (
    <div className="imp-run">
      <div className="notice ok imp-verdict" role="status" data-testid="report-verdict">
        {cases === 0 ? '文件中的申请都已在档，没有新增。' : `已导入：新增 ${n(households)} 户、${n(members)} 人，登记 ${n(cases)} 个申请。`}
      </div>
      <div className="imp-run-actions">
        <button type="button" className="button primary" onClick={onBack} data-testid="import-back-to-cases">
          返回个案列表
        </button>
      </div>
    </div>
  );
}
