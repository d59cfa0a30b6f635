// The published files of a draw on a real database (the generated 麓山区, October 2026): the desk's 验证
// reads back what the export wrote and says 一致 or the first difference, with the same verdict as the
// CLI's `sample verify` on the same (tampered) files; verify.html is one self-contained page; and the
// record PDF hashes the same whenever it is exported.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/backend/clock';
import { verifyAuditChain } from '../../electron/backend/audit/audit-log';
import { parseManifest } from '../../shared/sampling/manifest';
import { drawSample } from '../../shared/sampling/sampler';
import { verifyPublished } from '../../shared/sampling/verify-published';
import type { DrawExport } from '../../shared/spotcheck';
import { api } from '../helpers/api';
import { districtTemplate, type DistrictWorld } from '../helpers/district';

const district = districtTemplate();
afterAll(() => district.dispose());
let world: DistrictWorld | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const DICE = '31415926535897932384';
const OTHER_DICE = '27182818284590452353';

async function published() {
  world = await district.world();
  await world.signIn('bureau-chief');
  const w = world;
  const a = api(w.ctx);
  // One street keeps the draw small; the check does not depend on how many there are.
  const query = { periodStart: '2026-10-01', periodEnd: '2026-10-31', streetCodes: ['430188001'] };
  const frame = await a.call('spotchecks.frame', { query, rate: 30 });
  const draw = await a.call('spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DICE } });
  const exported = await a.call('spotchecks.export', { drawId: draw.id });
  const file = (suffix: string) => exported.files.find((f) => f.fileName.endsWith(suffix))!.path;
  return { w, a, draw, exported, file };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function cli(manifest: string, seed: string, rate: string, sample: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/backend/cli/main.ts', 'sample', 'verify', '--manifest', manifest, '--seed', seed, '--rate', rate, '--sample', sample], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

describe('验证 of the published files', () => {
  it('says 一致 for the files as exported, and records the check with the hashes it read', async () => {
    const { w, a, draw, exported } = await published();
    expect(exported.files.map((f) => f.fileName.replace(/^spotcheck-[0-9a-f]{8}-/, ''))).toEqual(['manifest.txt', 'sample.json', 'sample.csv', 'seed.txt', 'verify.html', 'record.pdf']);
    const check = await a.call('spotchecks.verifyPublished', { drawId: draw.id });
    expect(check.result).toEqual({ verdict: 'match', manifestSha256: draw.manifestSha256 });
    expect(check.rate).toBe(30);
    expect(check.files.map((f) => f.sha256)).toEqual(['-manifest.txt', '-seed.txt', '-sample.json'].map((s) => exported.files.find((f) => f.fileName.endsWith(s))!.sha256));
    const audit = w.handle.sqlite.prepare("SELECT details_json FROM audit_log WHERE action = 'spotcheck.verify' AND entity_id = ?").pluck().all(draw.id) as string[];
    expect(audit.map((d) => (JSON.parse(d) as { verdict: string }).verdict)).toEqual(['match']);
    expect((await verifyAuditChain(w.handle.db)).ok).toBe(true);
  });

  it('names the first difference in a tampered sample, as the CLI does on the same files', async () => {
    const { a, draw, file } = await published();
    const original = readFileSync(file('-sample.json'), 'utf8');
    const sample = JSON.parse(original) as { sample: { caseNo: string; rank: number }[] };
    const dropped = sample.sample.splice(2, 1)[0]!;
    writeFileSync(file('-sample.json'), `${JSON.stringify(sample)}\n`);
    const check = await a.call('spotchecks.verifyPublished', { drawId: draw.id });
    expect(check.result.verdict).toBe('differs');
    const difference = check.result.verdict === 'differs' ? check.result.difference : '';
    expect(difference).toContain(`样本缺少 ${dropped.caseNo}`);
    const byCli = cli(file('-manifest.txt'), DICE, '30', file('-sample.json'));
    expect(byCli).toEqual({ status: 1, out: `differs: ${difference}` });

    // A renamed field is a difference in words a citizen can read, not zod's English.
    writeFileSync(file('-sample.json'), original.replace('"rank":', '"Rank":'));
    const renamed = await a.call('spotchecks.verifyPublished', { drawId: draw.id });
    expect(renamed.result).toMatchObject({ verdict: 'differs', difference: expect.stringMatching(/^样本文件格式不对：sample\.0\.rank 缺少这个字段$/) });
  });

  it('cannot check a manifest out of order, and says so, as the CLI refuses it', async () => {
    const { a, draw, file } = await published();
    const lines = readFileSync(file('-manifest.txt'), 'utf8').split('\n');
    [lines[0], lines[1]] = [lines[1]!, lines[0]!];
    writeFileSync(file('-manifest.txt'), lines.join('\n'));
    const check = await a.call('spotchecks.verifyPublished', { drawId: draw.id });
    expect(check.result).toEqual({ verdict: 'unverifiable', message: '抽查清单第 2 行没有按码位升序排列（或与上一行重复）' });
    const byCli = cli(file('-manifest.txt'), DICE, '30', file('-sample.json'));
    // The CLI too refuses to check it (an error, not "differs"), with the same words.
    expect(byCli.status).not.toBe(0);
    expect(byCli.out).not.toMatch(/^differs|^match/);
    expect(byCli.out).toContain('抽查清单第 2 行没有按码位升序排列（或与上一行重复）');
  });

  it('finds files that agree among themselves but are another draw: a different seed', async () => {
    const { a, draw, file } = await published();
    const manifest = parseManifest(readFileSync(file('-manifest.txt'), 'utf8'));
    writeFileSync(file('-seed.txt'), `${OTHER_DICE}\n`);
    writeFileSync(file('-sample.json'), `${JSON.stringify(drawSample(manifest, OTHER_DICE, 30))}\n`);
    // On their own the three files check out, so verify.html and the CLI say match …
    expect(verifyPublished({ manifestText: manifest.text, seed: OTHER_DICE, rate: 30, sampleText: readFileSync(file('-sample.json'), 'utf8') }).verdict).toBe('match');
    // … but the desk knows the draw, and the seed is not the one the witnesses saw.
    const check = await a.call('spotchecks.verifyPublished', { drawId: draw.id });
    expect(check.result).toMatchObject({ verdict: 'differs', difference: `公布的随机种子 ${OTHER_DICE} 不是这次抽样使用的种子 ${DICE}` });
  });

  it('asks for the export first when the files are not there, and is for the district bureau only', async () => {
    const { w, a, draw, file } = await published();
    rmSync(file('-seed.txt'));
    await a.refused('spotchecks.verifyPublished', { drawId: draw.id }, 'not-found', /请先点“导出公布文件”/);
    await a.refused('spotchecks.verifyPublished', { drawId: '00000000-0000-4000-8000-000000000000' }, 'not-found', /不属于本区|没有找到/);
    await w.signIn('st001-staff1');
    await a.refused('spotchecks.verifyPublished', { drawId: draw.id }, 'forbidden', /区民政局/);
    await w.signIn('bureau-insp1');
    await a.call('spotchecks.export', { drawId: draw.id });
    expect((await a.call('spotchecks.verifyPublished', { drawId: draw.id })).result.verdict).toBe('match');
  });
});

describe('verify.html', () => {
  it('is one page with everything inlined, a strict CSP that admits exactly its script and style, and no address to fetch', async () => {
    const { file } = await published();
    const html = readFileSync(file('verify.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const b64 = (t: string) => createHash('sha256').update(t, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${b64(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${b64(style)}'`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/https?:\/\//);
    // The sampler is in it: its algorithm id and the design's first test vector's code path.
    expect(script).toContain('consistent-sampler-sha256-v1');
    expect(script.length).toBeLessThan(40_000);
  });
});

describe('the record PDF', () => {
  it('has the same bytes for the same draw, exported on another day', async () => {
    const { w, draw, exported } = await published();
    const first = exported.files.find((f) => f.fileName.endsWith('-record.pdf'))!;
    const later = api({ ...w.ctx, clock: fixedClock('2027-01-15T07:30:00.000Z') });
    const again: DrawExport = await later.call('spotchecks.export', { drawId: draw.id });
    const second = again.files.find((f) => f.fileName.endsWith('-record.pdf'))!;
    expect(second.sha256).toBe(first.sha256);
    expect(sha256(second.path)).toBe(first.sha256);
    const direct = await later.call('spotchecks.recordPdf', { drawId: draw.id });
    expect(direct.sha256).toBe(first.sha256);
    // Dated by the draw, in the document and in its metadata.
    const bytes = readFileSync(second.path, 'latin1');
    const drawn = new Date(draw.drawnAt);
    const stamp = `D:${drawn.getUTCFullYear()}${String(drawn.getUTCMonth() + 1).padStart(2, '0')}${String(drawn.getUTCDate()).padStart(2, '0')}`;
    expect(bytes).toContain(`(${stamp}`);
    expect(bytes).not.toContain('(D:2027');
  });
});
