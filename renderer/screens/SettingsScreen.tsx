// 设置: what each setting is and who may change it. The office details are each street's, on its region
// record at the centre (the bureau changes them); the standards and rules are this copy's own.
import { useState, type ReactNode } from 'react';
import { formatChineseDateTime } from '../../shared/dates';
import { formatYuanWithUnit } from '../../shared/money';
import { nameMaskingLabels } from '../../shared/masking';
import type { OfficeList } from '../../shared/office';
import type { SettingChange, Settings } from '../../shared/settings';
import { useApi, type Loadable } from '../use-api';
import { OwnOfficeCard, StreetOfficesCard } from './settings/OfficeCards';

function quorumText(s: Settings): string {
  return s.quorum.kind === 'more_than_half' ? '领导小组成员过半数出席' : `领导小组成员 ${s.quorum.numerator}/${s.quorum.denominator} 以上出席`;
}

function passingText(s: Settings): string {
  const basis = s.passing.basis === 'present_voting' ? '出席并参加表决的成员' : '全体成员';
  return `${basis}${s.passing.kind === 'more_than_half' ? '过半数' : '三分之二以上'}同意`;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kv-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type RuleRow = { label: string; keys: readonly (keyof Settings)[]; value: (s: Settings) => string; what: string };

// What each setting is, as the person reading 设置 needs it; keys name it in the audit log.
const rules: readonly RuleRow[] = [
  { label: '城市低保标准', keys: ['dibaoStandardUrbanFen'], value: (s) => `${formatYuanWithUnit(s.dibaoStandardUrbanFen)} / 人·月`, what: '城市居民最低生活保障标准；核定低保金额和低保边缘的基准。' },
  { label: '农村低保标准', keys: ['dibaoStandardRuralFen'], value: (s) => `${formatYuanWithUnit(s.dibaoStandardRuralFen)} / 人·月`, what: '农村居民最低生活保障标准。' },
  { label: '低保边缘', keys: ['edgeIncomePercent'], value: (s) => `人均收入低于低保标准的 ${s.edgeIncomePercent}%`, what: '不符合低保条件、人均收入低于此线的家庭认定为低保边缘家庭。' },
  { label: '渐退期', keys: ['phaseOutMaxMonths'], value: (s) => `不超过 ${s.phaseOutMaxMonths} 个月`, what: '家庭收入超过标准后继续发放、逐步退出的最长期限。' },
  { label: '临时救助审批限额', keys: ['temporaryLimitMonths'], value: (s) => `不超过 ${s.temporaryLimitMonths} 个月的低保标准`, what: '街道（乡镇）可直接审批的临时救助金额上限，超出的报区民政局。' },
  { label: '小金额先行救助', keys: ['prepaymentLimitFen'], value: (s) => `每次不超过 ${formatYuanWithUnit(s.prepaymentLimitFen)}`, what: '情况紧急时街道可先行发放、事后提交会议审议的临时救助金额上限。' },
  { label: '审批金额范围', keys: ['approvalMinFen', 'approvalMaxFen'], value: (s) => `每月 ${formatYuanWithUnit(s.approvalMinFen)} 至 ${formatYuanWithUnit(s.approvalMaxFen)}`, what: '会议决定中可填写的月救助金额范围，超出的不予保存。' },
  { label: '法定人数', keys: ['quorum'], value: quorumText, what: '联审联批会议出席人数达到此要求才能开会表决。' },
  { label: '表决规则', keys: ['passing'], value: passingText, what: '一项决定获得通过所需的同意票。' },
  { label: '公示姓名', keys: ['nameMasking'], value: (s) => nameMaskingLabels[s.nameMasking], what: '公示和长期公示上户主姓名的遮蔽方式。' },
  { label: '公示期', keys: ['noticeDays'], value: (s) => `${s.noticeDays} 天`, what: '新建公示的默认天数，不少于 7 天。' },
];

function lastChangeOf(changes: readonly SettingChange[], keys: readonly string[]): string {
  const latest = changes.filter((c) => keys.includes(c.key)).sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  return latest ? `最后修改：${latest.by ?? '（未知用户）'}，${formatChineseDateTime(latest.at)}` : '本机未修改过';
}

function RulesCard({ settings, changes }: { settings: Settings; changes: readonly SettingChange[] }) {
  return (
    <div className="card" data-testid="rules-card">
      <h2>标准与规则</h2>
      <p className="muted small setting-who" data-testid="rules-who">
        以下标准和规则保存在本机，不随同步传送。应按区民政局公布的标准设置；本版本的界面不提供修改，由本机的系统管理员按区民政局的通知修改，每次修改都记入本机审计日志。
      </p>
      <dl className="kv">
        {rules.map((r) => (
          <div className="kv-row" key={r.label} data-testid="rule-row">
            <dt>{r.label}</dt>
            <dd>
              <div>{r.value(settings)}</div>
              <div className="muted small">{r.what}</div>
              <div className="muted small" data-testid="rule-changed">
                {lastChangeOf(changes, r.keys)}
              </div>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function SettingsScreen() {
  const [settings] = useApi('settings.get', {});
  const [changes] = useApi('settings.changes', {});
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
        {/* The bureau's part first: the street offices it sets, across the width. */}
        {offices.status === 'ready' && offices.value.own.level === 'district' && <StreetOfficesCard offices={offices.value} onChanged={setSavedOffices} />}
        {offices.status === 'ready' && <OwnOfficeCard offices={offices.value} />}
        {settings.status === 'error' && <div className="notice error">{settings.message}</div>}
        {settings.status === 'ready' && <RulesCard settings={settings.value} changes={changes.status === 'ready' ? changes.value : []} />}
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
