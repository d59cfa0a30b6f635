// The page shown instead of the app when its database could not be opened (a newer version's file, a
// failed upgrade, a damaged or locked file). It says what happened and where the data and backups are.
// There is deliberately no button that deletes, resets or overwrites data; the desktop app can show the
// data, backup and log folders.
import { recoveryTitles, type StartupState } from '../../shared/startup';
import { desktopCall } from '../api';

type Problem = Extract<StartupState, { mode: 'recovery' }>;

const advice: Record<Problem['code'], string[]> = {
  'db-newer-version': ['请安装与写入这个文件的程序相同或更新的版本后再打开。', '不要用旧版本程序反复打开这个文件。'],
  'db-migration-failed': ['升级前程序已自动保存了一份副本（见下方备份文件夹）。', '请把出错信息和数据文件交给技术支持处理，不要自行删除任何文件。'],
  'db-damaged': ['程序没有继续读写这个文件，也没有用它备份或同步。', '请由技术支持从备份文件夹中的副本恢复；如已同步过，也可以在新数据文件中从中心重新下载。'],
  'db-unreadable': ['请检查文件所在磁盘和访问权限。', '如文件已损坏，可由技术支持从备份文件夹中的副本恢复。'],
  'db-locked': ['请关闭其他正在使用这个文件的程序（包括另一个打开的工作台窗口），然后重新启动本程序。'],
  'startup-failed': ['请重新启动程序；如仍出现，请把出错信息交给技术支持。'],
};

export function RecoveryScreen({ problem }: { problem: Problem }) {
  return (
    <main className="recovery" data-testid="recovery-screen" data-code={problem.code}>
      <div className="recovery-card panel">
        <p className="recovery-app">联审联批工作台 · 恢复模式</p>
        <h1 className="recovery-title">{recoveryTitles[problem.code]}</h1>
        <p className="notice error" role="alert" data-testid="recovery-message">
          {problem.message}
        </p>
        <ul className="recovery-advice">
          {advice[problem.code].map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
        <dl className="kv">
          <div className="kv-row">
            <dt>数据文件</dt>
            <dd className="path" data-testid="recovery-database">
              {problem.databaseFile}
            </dd>
          </div>
          <div className="kv-row">
            <dt>备份文件夹</dt>
            <dd className="path" data-testid="recovery-backups">
              {problem.backupsDir}
            </dd>
          </div>
        </dl>
        {window.desktop && (
          <div className="toolbar">
            <button type="button" className="button" onClick={() => void desktopCall('desktop.showFolder', { folder: 'data' })} data-testid="recovery-show-data">
              打开数据文件夹
            </button>
            <button type="button" className="button" onClick={() => void desktopCall('desktop.showFolder', { folder: 'backups' })} data-testid="recovery-show-backups">
              打开备份文件夹
            </button>
            <button type="button" className="button" onClick={() => void desktopCall('desktop.showFolder', { folder: 'logs' })}>
              打开日志文件夹
            </button>
          </div>
        )}
        <p className="muted">数据文件没有被修改或删除。处理完成后重新启动程序即可。</p>
      </div>
    </main>
  );
}
