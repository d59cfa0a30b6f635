import type { ReactNode } from 'react';
import { formatYuanWithUnit } from '../../shared/money';
import { nameMaskingLabels } from '../../shared/masking';
import type { Settings } from '../../shared/settings';
import { useApi } from '../use-api';

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

export function SettingsScreen() {
  const [settings] = useApi('settings.get', {});
  const [fonts] = useApi('fonts.report', {});
  const [info] = useApi('app.info', {});

  return (
    <section className="screen">
      <div className="screen-head">
        <h1 className="screen-title">设置</h1>
      </div>
      <div className="cards">
        <div className="card">
          <h2>单位与规则</h2>
          {settings.status === 'error' && <div className="notice error">{settings.message}</div>}
          {settings.status === 'ready' && (
            <dl className="kv">
              <Row label="单位名称">{settings.value.officeName}</Row>
              <Row label="地址">{settings.value.officeAddress || '（未填写）'}</Row>
              <Row label="电话">{settings.value.officePhone || '（未填写）'}</Row>
              <Row label="城市低保标准">{formatYuanWithUnit(settings.value.dibaoStandardUrbanFen)} / 人·月</Row>
              <Row label="农村低保标准">{formatYuanWithUnit(settings.value.dibaoStandardRuralFen)} / 人·月</Row>
              <Row label="低保边缘">人均收入低于低保标准的 {settings.value.edgeIncomePercent}%</Row>
              <Row label="渐退期">不超过 {settings.value.phaseOutMaxMonths} 个月</Row>
              <Row label="法定人数">{quorumText(settings.value)}</Row>
              <Row label="表决规则">{passingText(settings.value)}</Row>
              <Row label="公示姓名">{nameMaskingLabels[settings.value.nameMasking]}</Row>
              <Row label="公示期">{settings.value.noticeDays} 天</Row>
            </dl>
          )}
        </div>
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
        </div>
      </div>
    </section>
  );
}
