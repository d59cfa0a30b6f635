// 从表格导入: a street office's applications from a spreadsheet. The person downloads the template (or
// has a file of another layout), chooses the file, and sees it checked row by row by the import's own
// rules without anything written; a layout not recognised is mapped column by column first. Only a file
// with no refused row can be imported, and then all of it in one go. A file refused as a whole (not a
// spreadsheet, encrypted, empty, too many rows) is an alert and changes nothing else on the screen.
import { useEffect, useRef, useState } from 'react';
import { allowed, canImportApplications } from '../../../../shared/access';
import type { ImportColumns } from '../../../../shared/import/fields';
import type { ImportReport } from '../../../../shared/import/report';
import { call, errorMessage } from '../../../api';
import { useApi } from '../../../use-api';
import type { Go } from '../../../use-route';
import { FileChooser, type ChosenFile } from './FileChooser';
import { ImportProgressBar, useImportProgress } from './ImportProgressBar';
import { MappingStep } from './MappingStep';
import { ReportView } from './ReportView';
import { TemplatePanel } from './TemplatePanel';
import { fileSize } from './model';
import './import.css';

const caseList = { screen: 'cases', view: { kind: 'list' } } as const;

/** What is on screen: a checked file with its report and, once it ran, the import's report. */
type Checked = { file: ChosenFile; report: ImportReport; result: ImportReport | null };
/** The call under way, if any: reading the chosen file, checking it, or importing it. */
type Busy = { what: 'reading' | 'checking'; fileName: string } | { what: 'running' } | null;

export function ImportScreen({ go }: { go: Go }) {
  const [session] = useApi('session.current', {});
  if (session.status === 'loading') return <div className="loading">正在载入…</div>;
  if (session.status === 'error' || !allowed(canImportApplications(session.value))) {
    return (
      <section className="screen">
        <h1 className="screen-title">从表格导入</h1>
        <div className="notice error" role="alert">
          {session.status === 'error' ? session.message : '只有街道经办人和联审联批领导小组成员可以导入申请。'}
          <button type="button" className="button small" onClick={() => go(caseList)}>
            返回个案列表
          </button>
        </div>
      </section>
    );
  }
  return <ImportWork go={go} streetName={session.value.regionName} />;
}

function ImportWork({ go, streetName }: { go: Go; streetName: string }) {
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  // An object, so that the same message again is a new alert and takes the focus again.
  const [alert, setAlert] = useState<{ text: string } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const progress = useImportProgress(busy !== null && busy.what !== 'reading');

  useEffect(() => {
    if (alert) alertRef.current?.focus();
  }, [alert]);

  const refuse = (text: string) => setAlert({ text });

  async function check(file: ChosenFile, mapping?: { name: string } | { columns: ImportColumns }) {
    setBusy({ what: 'checking', fileName: file.fileName });
    setAlert(null);
    try {
      const report = await call('imports.check', { fileName: file.fileName, contentBase64: file.contentBase64, ...(mapping ? { mapping } : {}) });
      setChecked({ file, report, result: null });
    } catch (error) {
      // The file as a whole was refused: said in the alert, and what was on screen stays as it was.
      refuse(`“${file.fileName}”不能导入：${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  }

  async function run(current: Checked) {
    setBusy({ what: 'running' });
    setAlert(null);
    try {
      const result = await call('imports.run', { token: current.report.token });
      setChecked({ ...current, result });
    } catch (error) {
      refuse(`导入没有完成，没有写入任何数据：${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  }

  const checking = busy !== null && busy.what !== 'running';
  return (
    <section className="screen imp" data-testid="import-screen">
      <div className="screen-head">
        <h1 className="screen-title">从表格导入</h1>
        <p className="screen-sub">{streetName}：把电子表格中的申请一次登记为个案，先检查、后导入</p>
        <button type="button" className="button screen-head-action" onClick={() => go(caseList)}>
          返回个案列表
        </button>
      </div>
      <div className="imp-body">
        <TemplatePanel />
        <section className="panel imp-file" aria-labelledby="imp-file-head">
          <h2 id="imp-file-head">选择文件并检查</h2>
          <FileChooser
            disabled={busy !== null}
            note={busy && busy.what !== 'running' ? `正在${busy.what === 'reading' ? '读取' : '检查'}：${busy.fileName}` : checked ? `当前文件：${checked.file.fileName}（${fileSize(checked.file.bytes)}）` : null}
            onReading={(fileName) => {
              setAlert(null);
              setBusy({ what: 'reading', fileName });
            }}
            onRead={(file) => void check(file)}
            onRefused={(text) => {
              setBusy(null);
              refuse(text);
            }}
          />
          {checking && <ImportProgressBar progress={progress} reading={busy.what === 'reading'} label="检查进度" />}
          {alert && (
            <div ref={alertRef} tabIndex={-1} className="notice error" role="alert" data-testid="import-alert">
              {alert.text}
            </div>
          )}
        </section>
        {checked && checked.report.mapping === null && (
          <MappingStep key={checked.report.sha256} report={checked.report} busy={busy !== null} onCheck={(mapping) => void check(checked.file, mapping)} />
        )}
        {checked && checked.report.mapping !== null && (
          <ReportView
            report={checked.report}
            result={checked.result}
            running={busy?.what === 'running'}
            progress={progress}
            onRun={() => void run(checked)}
            onBack={() => go(caseList)}
          />
        )}
      </div>
    </section>
  );
}
