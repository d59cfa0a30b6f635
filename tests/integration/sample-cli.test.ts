// `npm run cli -- sample draw|verify`, as scripts and outside auditors use it: child processes, real
// files, exit codes, stderr. The draw is compared byte for byte with an independent Python
// implementation written from the design's text (tests/reference/consistent_sampler.py).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildManifest, type ManifestEntry } from '../../shared/sampling/manifest';

const dir = mkdtempSync(join(tmpdir(), 'jrd-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'electron/backend/cli/main.ts', ...args]);
const SEED = '01382438112797316654';

/** A frame of several streets and both outcomes, with mandatory cases and a few unusual case numbers. */
function frame(n: number): ManifestEntry[] {
  const streets = ['430188001', '430188002', '430188003', '430188101'];
  const entries = Array.from({ length: n }, (_, i): ManifestEntry => ({
    street: streets[i % streets.length]!,
    outcome: i % 5 === 0 ? 'rejected' : 'approved',
    caseNo: `${streets[i % streets.length]}-2026${String(1 + (i % 12)).padStart(2, '0')}-${String(i).padStart(4, '0')}`,
    mandatory: i % 37 === 3,
  }));
  entries.push({ street: '430188001', outcome: 'approved', caseNo: '望江-补录-𠀀1', mandatory: false });
  entries.push({ street: '430188001', outcome: 'approved', caseNo: 'Ａ-全角-0001', mandatory: true });
  return entries;
}

function writeManifest(name: string, entries: ManifestEntry[]): string {
  const path = join(dir, name);
  writeFileSync(path, buildManifest(entries).text);
  return path;
}

describe('sample draw --manifest', () => {
  it('prints one JSON object, byte for byte what the independent Python implementation prints', () => {
    const manifest = writeManifest('m.txt', frame(3000));
    for (const rate of ['30', '45']) {
      const ours = cli('sample', 'draw', '--manifest', manifest, '--seed', SEED, '--rate', rate, '--json');
      expect(ours.code, ours.stderr).toBe(0);
      expect(ours.stdout.trim().split('\n')).toHaveLength(1);
      const python = run('python3', ['tests/reference/consistent_sampler.py', manifest, SEED, rate]);
      expect(python.code, python.stderr).toBe(0);
      // Compared around the first differing character: a diff of two 100 KB lines says nothing.
      const [a, b] = [ours.stdout, python.stdout];
      let k = 0;
      while (k < a.length && a[k] === b[k]) k++;
      expect(a.slice(Math.max(0, k - 80), k + 80), `rate ${rate}, from character ${k}`).toBe(b.slice(Math.max(0, k - 80), k + 80));
      const parsed = JSON.parse(ours.stdout) as { algorithm: string; rate: number; strata: unknown[]; sample: { reason: string }[] };
      expect(Object.keys(parsed)).toEqual(['algorithm', 'manifestSha256', 'seed', 'rate', 'strata', 'sample']);
      expect(parsed.rate).toBe(Number(rate));
      expect(parsed.strata).toHaveLength(8);
      expect(parsed.sample.some((c) => c.reason === 'mandatory')).toBe(true);
    }
  });

  it('refuses a broken manifest, a short seed or a rate under 30 with a clear message and a non-zero exit', () => {
    const good = writeManifest('good.txt', frame(40));
    const text = readFileSync(good, 'utf8');
    const broken = join(dir, 'broken.txt');
    writeFileSync(broken, text.replace(/\n/g, '\r\n'));
    const crlf = cli('sample', 'draw', '--manifest', broken, '--seed', SEED, '--rate', '30', '--json');
    expect(crlf.code).toBe(1);
    expect(crlf.stdout).toBe('');
    expect(crlf.stderr).toMatch(/第 1 行含回车符.*\[manifest-invalid\]/);
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x34, 0x33, 0xe9, 0x0a]));
    expect(cli('sample', 'draw', '--manifest', latin1, '--seed', SEED, '--rate', '30').stderr).toMatch(/不是有效的 UTF-8/);
    const shortSeed = cli('sample', 'draw', '--manifest', good, '--seed', SEED.slice(1), '--rate', '30', '--json');
    expect(shortSeed.code).toBe(1);
    expect(shortSeed.stderr).toMatch(/至少要 20 位数字，现在只有 19 位/);
    const low = cli('sample', 'draw', '--manifest', good, '--seed', SEED, '--rate', '29', '--json');
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/不得低于 30%/);
    const fraction = cli('sample', 'draw', '--manifest', good, '--seed', SEED, '--rate', '30.5');
    expect(fraction.code).toBe(2);
    expect(cli('sample', 'draw', '--manifest', good, '--seed', SEED).code).toBe(2);
    expect(cli('sample', 'draw', '--manifest', join(dir, 'missing.txt'), '--seed', SEED, '--rate', '30').stderr).toMatch(/读不到抽查清单/);
  });
});

describe('sample verify', () => {
  const manifest = () => writeManifest('v.txt', frame(500));
  function publish(): { path: string; sample: { sample: { caseNo: string }[]; seed: string } } {
    const r = cli('sample', 'draw', '--manifest', manifest(), '--seed', SEED, '--rate', '30', '--json');
    const path = join(dir, 'sample.json');
    writeFileSync(path, r.stdout);
    return { path, sample: JSON.parse(r.stdout) as { sample: { caseNo: string }[]; seed: string } };
  }
  const verify = (sampleFile: string, seed = SEED, manifestFile = manifest()) => cli('sample', 'verify', '--manifest', manifestFile, '--seed', seed, '--rate', '30', '--sample', sampleFile);

  it('prints match and exits 0 for the published draw', () => {
    const { path } = publish();
    const r = verify(path);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('match\n');
  });

  it('exits 1 naming the first difference: another seed, a case removed, added or swapped, another manifest', () => {
    const { path, sample } = publish();
    const seed = verify(path, `${SEED.slice(0, -1)}9`);
    expect(seed.code).toBe(1);
    expect(seed.stdout).toMatch(/^differs: seed/);
    const edited = (name: string, edit: (s: typeof sample) => void) => {
      const copy = structuredClone(sample);
      edit(copy);
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(copy));
      return verify(file);
    };
    const removed = sample.sample[5]!.caseNo;
    expect(edited('removed.json', (s) => s.sample.splice(5, 1))).toMatchObject({ code: 1, stdout: expect.stringContaining(`缺少 ${removed}`) });
    const outsider = '430188002-202601-0001';
    expect(sample.sample.some((c) => c.caseNo === outsider)).toBe(false);
    expect(edited('added.json', (s) => s.sample.splice(1, 0, { ...s.sample[1]!, caseNo: outsider }))).toMatchObject({ code: 1, stdout: expect.stringContaining(outsider) });
    expect(edited('swapped.json', (s) => (s.sample[2]!.caseNo = outsider))).toMatchObject({ code: 1, stdout: expect.stringContaining(outsider) });
    const other = writeManifest('other.txt', frame(499));
    expect(verify(path, SEED, other)).toMatchObject({ code: 1, stdout: expect.stringContaining('manifestSha256') });
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{"algorithm":');
    expect(verify(notJson)).toMatchObject({ code: 1, stderr: expect.stringContaining('不是有效的 JSON') });
  });
});

describe('sample draw --db', () => {
  it('draws from the database as the section chief, stores the draw, and refuses a second one without a reason', () => {
    const db = join(dir, 'district.sqlite');
    expect(cli('generate', '--db', db, '--households', '600').code).toBe(0);
    const args = ['sample', 'draw', '--db', db, '--district', '430188', '--period', '2026-10', '--rate', '30'];
    const first = cli(...args, '--seed', SEED, '--json');
    expect(first.code, first.stderr).toBe(0);
    const drawn = JSON.parse(first.stdout) as { drawId: string; seed: string; strata: { population: number; size: number }[]; sample: unknown[] };
    expect(drawn.seed).toBe(SEED);
    expect(drawn.strata.length).toBeGreaterThan(0);
    expect(drawn.sample.length).toBeGreaterThanOrEqual(drawn.strata.reduce((n, s) => n + s.size, 0));
    const again = cli(...args, '--seed', SEED);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/已经抽取过样本.*\[conflict\]/);
    expect(cli(...args, '--seed', SEED, '--redraw-of', drawn.drawId).code).toBe(2);
    const redraw = cli(...args, '--seed', 'csprng', '--redraw-of', drawn.drawId, '--reason', '首次抽样漏列了复核个案');
    expect(redraw.code, redraw.stderr).toBe(0);
    expect(redraw.stdout).toMatch(/^draw {6}[0-9a-f-]{36} \(locked/);
    expect(redraw.stdout).toMatch(/seed {6}\d{20}\n/);
    const wrongDistrict = cli('sample', 'draw', '--db', db, '--district', '430199', '--period', '2026-10', '--rate', '30', '--seed', SEED);
    expect(wrongDistrict.code).toBe(1);
    expect(wrongDistrict.stderr).toMatch(/没有在岗的民政局科长/);
  });
});
