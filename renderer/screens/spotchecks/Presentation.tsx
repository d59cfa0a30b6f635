// The projector view of the ceremony: the frame's hash in very large monospace, the dice digits as they
// are typed (or the seed of a draw already made), and the counts behind the hash. Esc leaves it.
import { useEffect } from 'react';
import { MIN_SEED_DIGITS } from '../../../shared/sampling/sampler';
import type { SpotCheckFrame } from '../../../shared/spotcheck';
import { ModalLayer } from '../../components/ModalLayer';
import { grouped, periodText } from './format';

type Props = {
  frame: Pick<SpotCheckFrame, 'periodStart' | 'periodEnd' | 'cases' | 'rate' | 'manifestSha256' | 'strata'>;
  /** Dice digits typed so far (null: the seed comes from the system, or `seed` is final). */
  digits: string | null;
  seed?: string;
  onDigits?: (digits: string) => void;
  onClose: () => void;
};

export function Presentation({ frame, digits, seed, onDigits, onClose }: Props) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      } else if (onDigits && digits !== null && /^\d$/.test(e.key)) {
        onDigits(digits + e.key);
      } else if (onDigits && digits !== null && e.key === 'Backspace') {
        onDigits(digits.slice(0, -1));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [digits, onDigits, onClose]);

  const streets = new Set(frame.strata.map((s) => s.streetCode)).size;
  const shown = seed ?? digits;
  return (
    <ModalLayer className="sc-present" label="抽样仪式投影" testId="presentation">
      <div className="sc-present-head">
        社会救助抽查 · 抽样仪式
        <span className="sc-present-meta">
          {periodText(frame.periodStart, frame.periodEnd)} · {streets} 个街道 · 清单 {frame.cases} 件 · 比例 {frame.rate}%
        </span>
      </div>
      <div className="sc-present-label">抽查清单 SHA-256</div>
      <div className="sc-present-hash" data-testid="presentation-hash">
        {grouped(frame.manifestSha256, 8).map((g, i) => (
          <span key={i}>{g}</span>
        ))}
      </div>
      <div className="sc-present-label">随机种子{seed ? '' : digits === null ? '（由系统随机数生成）' : `（掷骰，已 ${digits.length} 位 / 至少 ${MIN_SEED_DIGITS} 位）`}</div>
      <div className="sc-present-seed" data-testid="presentation-seed">
        {shown ? grouped(shown, 5).map((g, i) => <span key={i}>{g}</span>) : <span className="muted">{digits === null ? '抽取时生成' : '待掷骰'}</span>}
      </div>
      <div className="sc-present-foot">按 Esc 退出投影 · 算法 consistent-sampler-sha256-v1 · 任何人可用公布的清单、种子和样本复核</div>
    </ModalLayer>
  );
}
