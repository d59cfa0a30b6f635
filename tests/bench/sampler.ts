// The spot-check draw over a 200,000-case manifest (issue 5: aim under 0.25 s), and beside it, in the
// same run on the same file, the straightforward Python implementation in tests/reference, whose output
// must be byte-identical. Medians of several runs in this warm process; Python's time includes starting
// the interpreter, as a person running it would see.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifest, parseManifest, type ManifestEntry } from '../../shared/sampling/manifest';
import { drawSample } from '../../shared/sampling/sampler';

const CASES = 200_000;
const SEED = '73029184655120837461';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (label: string, value: string) => console.log(`${label.padEnd(64)} ${value}`);

/** A district-sized frame: 60 streets, both outcomes, 2 % mandatory; deterministic. */
function frame(): ManifestEntry[] {
  let s = 20261130;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: CASES }, (_, i) => {
    const street = `4301${String(880 + (i % 60)).padStart(3, '0')}${String(1 + (i % 3)).padStart(2, '0')}`;
    return { street, outcome: next() < 0.8 ? 'approved' : 'rejected', caseNo: `${street}-2026${String(1 + (i % 12)).padStart(2, '0')}-${String(i).padStart(6, '0')}`, mandatory: next() < 0.02 };
  });
}

function time(runs: number, fn: () => unknown): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export function benchSampler(): void {
  const dir = mkdtempSync(join(tmpdir(), 'jrd-sampler-'));
  try {
    const entries = frame();
    const n = `sample draw, ${CASES.toLocaleString('en-US')}-case manifest`;
    let built = buildManifest(entries);
    const buildMs = time(5, () => (built = buildManifest(entries)));
    line(`${n}: build manifest (sort, check, SHA-256)`, `median ${buildMs.toFixed(0).padStart(6)} ms  (5 runs; ${(built.text.length / 1048576).toFixed(1)} MB, ${built.strata.length} strata)`);
    const file = join(dir, 'manifest.txt');
    writeFileSync(file, built.text);

    let parsed = parseManifest(built.text);
    const parseMs = time(5, () => (parsed = parseManifest(built.text)));
    let result = drawSample(parsed, SEED, 30);
    const drawMs = time(7, () => (result = drawSample(parsed, SEED, 30)));
    let json = '';
    const jsonMs = time(5, () => (json = JSON.stringify(result)));
    line(`${n}: draw (tickets, order, sample)`, `median ${drawMs.toFixed(0).padStart(6)} ms  (7 runs; ${result.sample.length} sampled; target ≤ 250)`);
    line(`${n}: parse + check + hash the manifest`, `median ${parseMs.toFixed(0).padStart(6)} ms  (5 runs)`);
    line(`${n}: whole CLI job (parse, draw, JSON)`, `median ${(parseMs + drawMs + jsonMs).toFixed(0).padStart(6)} ms  (JSON ${(json.length / 1048576).toFixed(1)} MB)`);

    const python: number[] = [];
    let pythonOut = '';
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = spawnSync('python3', ['tests/reference/consistent_sampler.py', file, SEED, '30'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      python.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`python reference failed: ${r.stderr}`);
      pythonOut = r.stdout.trim();
    }
    const pythonMs = median(python);
    line(`${n}: Python reference (same file, start to finish)`, `median ${pythonMs.toFixed(0).padStart(6)} ms  (3 runs; output ${pythonOut === json ? 'identical' : 'DIFFERENT'})`);
    line(`${n}: TypeScript job / Python`, `${((parseMs + drawMs + jsonMs) / pythonMs).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
