// 设置: what each setting is and who may change it. The office details are each street's, on its region
// record at the centre (the bureau changes them); the standards are the district's dated records, set by
// its bureau chief and received through the centre; only name masking is this copy's own.
import { useState, type ReactNode } from 'react';
import { formatChineseDateTime } from '../../shared/dates';
import { nameMaskingLabels } from '../../shared/masking';
import type { OfficeList } from '../../shared/office';
import type { SettingChange, Settings } from '../../shared/settings';
import type { StandardList } from '../../shared/standards';
import { call, errorMessage } from '../api';
import { useApi, type Loadable } from '../use-api';
import { OwnOfficeCard, StreetOfficesCard } from './settings/OfficeCards';
import { StandardsCard } from './settings/StandardsCard';
import { LockCard } from './settings/LockCard';
import { todayInChina } from './meetings/format';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kv-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function lastChangeOf(changes: readonly SettingChange[], key: string): string {
  const latest = changes.filter((c) => c.key === key).sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  return latest ? `最后修改：${latest.by ?? '（未知用户）'}，${formatChineseDateTime(latest.at)}` : '本机未修改过';
}

/** What is this copy's own: only how names are masked on the notices it prints. */
function LocalCard({ settings, changes, onSaved }: { settings: Settings; changes: readonly SettingChange[]; onSaved: () => void }) {
  const [error, setError] = useState<string | null>(null);
  async function choose(nameMasking: Settings['nameMasking']) {
    setError(null);
    try {
      await call('settings.update', { nameMasking });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <div className="card" data-testid="local-card">
      <h2>本机选项</h2>
      <dl className="kv">
        <div className="kv-row">
          <dt>
            <label htmlFor="name-masking">公示姓名</label>
          </dt>
          <dd>
            <select id="name-masking" value={settings.nameMasking} onChange={(e) => void choose(e.target.value as Settings['nameMasking'])} data-testid="name-masking">
              {(Object.keys(nameMaskingLabels) as Settings['nameMasking'][]).map((k) => (
                <option key={k} value={k}>
                  {nameMaskingLabels[k]}
                </option>
              ))}
            </select>
            <div className="muted small">本机打印的公示和长期公示上户主姓名的遮蔽方式。</div>
            <div className="muted small" data-testid="rule-changed">
              {lastChangeOf(changes, 'nameMasking')}
            </div>
          </dd>
        </div>
      </dl>
      {error && <div className="notice error">{error}</div>}
      <p className="muted small setting-who">只影响本机，不随同步传送；登录本机的人都可以修改，每次修改记入本机审计日志。</p>
    </div>
  );
}

export function SettingsScreen({ lockEnabled }: { lockEnabled: boolean }) {
  const [settings, reloadSettings] = useApi('settings.get', {});
  const [changes, reloadChanges] = useApi('settings.changes', {});
  const [loadedStandards] = useApi('standards.list', {});
  const [savedStandards, setSavedStandards] = useState<StandardList | null>(null);
  const standards: Loadable<StandardList> = savedStandards ? { status: 'ready', value: savedStandards } : loadedStandards;
  const today = todayInChina();
  const [loadedOffices] = useApi('regions.offices', {});
  const [savedOffices, setSavedOffices] = useState<OfficeList | null>(null);
  const offices: Loadable<OfficeList> = savedOffices ? { status: 'ready', value: savedOffices } : loadedOffices;
  const [fonts] = useApi('fonts.report', {});
  const [info] = useApi('app.info', {});

  return (
    <section className="screen">
      <div className="screen-head">
        <h1 className="screen-title">设置</h1>
      </div>
      {/* It scrolls on its own below the heading: focusable, so the keyboard can scroll it too. */}
      <div className="cards" tabIndex={0} role="region" aria-label="设置内容">
        {offices.status === 'error' && <div className="notice error">{offices.message}</div>}
        {/* The district's standards first, across the width: what every amount and limit rests on. */}
        {standards.status === 'error' && <div className="notice error">{standards.message}</div>}
        {standards.status === 'ready' && <StandardsCard list={standards.value} today={today} onChanged={(r) => (setSavedStandards(r.list), reloadSettings())} />}
        {/* The bureau's part first: the street offices it sets, across the width. */}
        {offices.status === 'ready' && offices.value.own.level === 'district' && <StreetOfficesCard offices={offices.value} onChanged={setSavedOffices} />}
        {offices.status === 'ready' && <OwnOfficeCard offices={offices.value} />}
        {settings.status === 'error' && <div className="notice error">{settings.message}</div>}
        {settings.status === 'ready' && (
          <LocalCard
            settings={settings.value}
            changes={changes.status === 'ready' ? changes.value : []}
            onSaved={() => {
              reloadSettings();
              reloadChanges();
            }}
          />
        )}
        {lockEnabled && <LockCard />}
        <div className="card">
          <h2>公文字体</h2>
          {fonts.status === 'ready' && (
            <dl className="kv">
              {fonts.value.fonts.map((f) => (
                <Row key={f.role} label={{ title: '标题（小标宋）', body: '正文（仿宋）', heading: '标签（黑体）' }[f.role]}>
                  {f.family}
                  <span className={f.source === 'official' ? 'tag ok' : 'tag'}>{f.source === 'official' ? '系统字体' : '内置字体'}</span>
                </Row>
              ))}
            </dl>
          )}
          {fonts.status === 'ready' && fonts.value.officialMissing.length > 0 && (
            <p className="muted small">未检测到：{fonts.value.officialMissing.join('、')}。安装后生成的公文将自动使用。</p>
          )}
          <p className="muted small setting-who">由本机自动检测，不需要设置。</p>
        </div>
        <div className="card">
          <h2>数据</h2>
          {info.status === 'ready' && (
            <dl className="kv">
              <Row label="数据文件夹">
                <span className="path">{info.value.dataDir}</span>
              </Row>
              <Row label="数据库">
                <span className="path">{info.value.databaseFile}</span>
              </Row>
              <Row label="数据结构版本">{info.value.schemaVersion}</Row>
              <Row label="程序版本">{info.value.appVersion}</Row>
            </dl>
          )}
          <p className="muted small setting-who">本机的数据位置和版本，由安装和升级决定，不在此修改。</p>
        </div>
      </div>
    </section>
  );
}
