import type { SampleResult } from '../../../../shared/sampling/sampler';

/** The human-readable form of a draw: one line per stratum, then the sample. */
export function describeDraw(result: SampleResult, out: (line: string) => void): void {
  out(`algorithm ${result.algorithm}`);
  out(`manifest  sha256 ${result.manifestSha256}`);
  out(`seed      ${result.seed}`);
  out(`rate      ${result.rate}%`);
  for (const s of result.strata) {
    const mandatory = result.sample.filter((c) => c.street === s.street && c.outcome === s.outcome && c.reason === 'mandatory').length;
    out(`stratum   ${s.street} ${s.outcome.padEnd(8)} population ${String(s.population).padStart(6)}  sample ${String(s.size).padStart(6)}${mandatory ? ` + ${mandatory} mandatory` : ''}`);
  }
  for (const c of result.sample) out(`${c.street} ${c.outcome.padEnd(8)} ${String(c.rank).padStart(6)} ${c.reason.padEnd(9)} ${c.caseNo} ${c.ticket.slice(0, 20)}`);
}
