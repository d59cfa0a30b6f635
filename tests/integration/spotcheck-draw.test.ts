// The draw ceremony on a real database (the generated 麓山区, October 2026): the frame, the hash recorded
// before the seed, a locked sample that re-verifies, redraws only with a reason, extension, and the
// triggers of migration 0003.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../../shared/sampling/manifest';
import { verifySample } from '../../shared/sampling/verify';
import { DRAW_ITEMS_PAGE, type SpotCheckFrame } from '../../shared/spotcheck';
import { drawDetail } from '../../electron/backend/spotchecks/draw-view';
import { currentUser } from '../../electron/backend/session/session';
import { loadFrame } from '../../electron/backend/spotchecks/frame';
import { verifyAuditChain } from '../../electron/backend/audit/audit-log';
import { api } from '../helpers/api';
import { districtTemplate, type DistrictWorld } from '../helpers/district';

const district = districtTemplate();
afterAll(() => district.dispose());
let world: DistrictWorld | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const OCTOBER = { periodStart: '2026-10-01', periodEnd: '2026-10-31' };
const DICE = '31415926535897932384';

async function chief() {
  world = await district.world();
  await world.signIn('bureau-chief');
  const streets = (world.handle.sqlite.prepare("SELECT code FROM regions WHERE level = 'street' ORDER BY code").pluck().all() as string[]);
  return { w: world, a: api(world.ctx), streets, query: { ...OCTOBER, streetCodes: streets } };
}

const q = <T>(w: DistrictWorld, sql: string, ...params: unknown[]) => w.handle.sqlite.prepare(sql).all(...params) as T[];
const one = <T>(w: DistrictWorld, sql: string, ...params: unknown[]) => w.handle.sqlite.prepare(sql).get(...params) as T;

describe('the frame', () => {
  it('holds each case decided (approve or reject) at a closed meeting in the period once, with its outcome and mandatory flag', async () => {
    const { w, a, query } = await chief();
    const frame = await a.call('spotchecks.frame', { query, rate: 30 });
    const expected = q<{ case_no: string; street_code: string; outcome: string; mandatory: number }>(
      w,
      `SELECT c.case_no, c.street_code, d.outcome, (c.close_relative OR c.complaint OR EXISTS (SELECT 1 FROM objections o WHERE o.case_id = c.id)) AS mandatory
       FROM decisions d JOIN cases c ON c.id = d.case_id JOIN meetings m ON m.id = d.meeting_id
       WHERE m.status = 'closed' AND d.outcome IN ('approve', 'reject') AND date(d.decided_at, '+8 hours') BETWEEN ? AND ?`,
      OCTOBER.periodStart,
      OCTOBER.periodEnd,
    );
    expect(expected.length).toBeGreaterThan(300);
    expect(frame.cases).toBe(new Set(expected.map((e) => e.case_no)).size);
    for (const s of frame.strata) {
      const mine = expected.filter((e) => e.street_code === s.streetCode && e.outcome === (s.outcome === 'approved' ? 'approve' : 'reject'));
      expect(s.population, `${s.streetCode} ${s.outcome}`).toBe(mine.length);
      expect(s.mandatory).toBe(mine.filter((e) => e.mandatory).length);
      expect(s.size).toBe(Math.ceil((mine.length * 30) / 100));
    }
    expect(frame.strata.some((s) => s.mandatory > 0)).toBe(true);
    // The same data gives the same hash, and the hash was recorded in the audit log as it was shown.
    expect((await a.call('spotchecks.frame', { query, rate: 30 })).manifestSha256).toBe(frame.manifestSha256);
    expect(one<{ n: number }>(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'spotcheck.frame' AND entity_id = ?", frame.manifestSha256).n).toBe(2);
  });

  it('leaves out decisions of meetings still open and decisions later superseded, and counts an objection as mandatory', async () => {
    const { w, query } = await chief();
    const before = await loadFrame(w.handle.db, '430188', query);
    const [first, second] = before.cases.filter((c) => !c.mandatory);
    const decision = one<{ id: string; meeting_id: string }>(w, 'SELECT id, meeting_id FROM decisions WHERE case_id = ? ORDER BY decided_at DESC LIMIT 1', first!.caseId);
    // A later decision superseding it (a correction after the meeting closed) takes the case out of October.
    w.handle.sqlite
      .prepare("INSERT INTO decisions (id, meeting_id, case_id, outcome, reason, amount_fen, votes_for, votes_against, votes_abstain, decided_at, supersedes_id, updated_at) VALUES ('sup-1', ?, ?, 'reject', '复核更正', NULL, 5, 0, 0, '2026-11-05T02:00:00.000Z', ?, '2026-11-05T02:00:00.000Z')")
      .run(decision.meeting_id, first!.caseId, decision.id);
    const batch = one<{ id: string }>(w, 'SELECT id FROM notice_batches LIMIT 1');
    w.handle.sqlite
      .prepare("INSERT INTO objections (id, batch_id, case_id, received_at, channel, content, status, updated_at) VALUES ('obj-1', ?, ?, '2026-10-28T02:00:00.000Z', 'phone', '反映收入情况', 'open', '2026-10-28T02:00:00.000Z')")
      .run(batch.id, second!.caseId);
    const after = await loadFrame(w.handle.db, '430188', query);
    expect(after.cases.find((c) => c.caseId === first!.caseId)).toBeUndefined();
    expect(after.cases.find((c) => c.caseId === second!.caseId)?.mandatory).toBe(true);
    expect(after.manifest.sha256).not.toBe(before.manifest.sha256);
  });

  it('is for the district bureau only, and only for its own streets', async () => {
    const { w, a, query } = await chief();
    await a.refused('spotchecks.frame', { query: { ...query, streetCodes: ['430199001'] }, rate: 30 }, 'forbidden', /不属于本区/);
    await a.refused('spotchecks.frame', { query, rate: 29 }, 'invalid-args', /不得低于 30%/);
    await w.signIn('st001-staff1');
    await a.refused('spotchecks.frame', { query, rate: 30 }, 'forbidden');
    await a.refused('spotchecks.list', {}, 'forbidden');
    await w.signIn('bureau-insp1');
    await a.refused('spotchecks.frame', { query, rate: 30 }, 'forbidden', /科长/);
  });
});

describe('the draw', () => {
  async function drawn(rate = 30) {
    const c = await chief();
    const frame: SpotCheckFrame = await c.a.call('spotchecks.frame', { query: c.query, rate });
    const draw = await c.a.call('spotchecks.draw', { query: c.query, rate, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DICE } });
    return { ...c, frame, draw };
  }

  it('needs the frame frozen and its hash recorded first, and the frame unchanged since', async () => {
    const { w, a, query } = await chief();
    const unseen = await loadFrame(w.handle.db, '430188', query);
    await a.refused('spotchecks.draw', { query, rate: 30, manifestSha256: unseen.manifest.sha256, seed: { source: 'dice', digits: DICE } }, 'conflict', /先冻结/);
    const frame = await a.call('spotchecks.frame', { query, rate: 30 });
    // A complaint recorded after the hash was shown changes the frame: the witnesses' hash no longer holds.
    w.handle.sqlite.prepare('UPDATE cases SET complaint = 1 WHERE case_no = ?').run(unseen.cases.find((c) => !c.mandatory)!.caseNo);
    await a.refused('spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DICE } }, 'conflict', /发生了变化/);
    await a.refused('spotchecks.draw', { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: '1234' } }, 'invalid-args', /20 位/);
    expect(one<{ n: number }>(w, 'SELECT count(*) AS n FROM spot_check_draws').n).toBe(0);
  });

  it('stores a locked sample of at least 30 % per stratum plus every mandatory case, which re-verifies from the stored manifest', async () => {
    const { w, frame, draw, query } = await drawn();
    expect(draw.status).toBe('locked');
    expect(draw.seed).toBe(DICE);
    expect(draw.seedSource).toBe('dice');
    expect(draw.manifestSha256).toBe(frame.manifestSha256);
    for (const s of frame.strata) {
      const items = draw.items.filter((i) => i.streetCode === s.streetCode && i.outcome === s.outcome);
      expect(items.filter((i) => i.reason === 'random')).toHaveLength(s.size);
      expect(items.length).toBeGreaterThanOrEqual(Math.ceil(s.population * 0.3));
    }
    const row = one<{ manifest_text: string }>(w, 'SELECT manifest_text FROM spot_check_draws WHERE id = ?', draw.id);
    const manifest = parseManifest(row.manifest_text);
    for (const s of manifest.strata) s.caseNos.forEach((no, i) => s.mandatory[i] === 1 && expect(draw.items.some((it) => it.caseNo === no), no).toBe(true));
    // Every sampled case carries its head of household and the decision that put it in the frame.
    for (const i of draw.items) {
      expect(i.headName).not.toBe('');
      expect(i.decidedOn! >= OCTOBER.periodStart && i.decidedOn! <= OCTOBER.periodEnd).toBe(true);
      if (i.outcome === 'rejected') expect(i.amountFen).toBeNull();
    }
    // Queued for sync and audited in the same transaction: the command and its arguments, never rows.
    const outbox = one<{ args_json: string }>(w, "SELECT args_json FROM outbox WHERE name = 'spotchecks.draw'");
    const queued = JSON.parse(outbox.args_json) as { args: unknown; context: { claims: Record<string, unknown>; touched: { entity: string; id: string }[] } };
    expect(queued.args).toEqual({ query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DICE } });
    expect(queued).not.toHaveProperty('changes');
    // What the centre derives again and compares: the sample's digest.
    expect(queued.context.claims.sampleSha256).toMatch(/^[0-9a-f]{64}$/);
    // The keys of what it wrote, to be put back as the centre has them if it refuses: the draw, then each sampled case.
    expect(queued.context.touched[0]).toEqual({ entity: 'spot_check_draws', id: draw.id });
    expect(queued.context.touched.filter((c) => c.entity === 'spot_check_items')).toHaveLength(draw.items.length);
    expect(row.manifest_text).toContain(draw.items[0]!.caseNo);
    expect(one<{ n: number }>(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'spotcheck.draw' AND entity_id = ?", draw.id).n).toBe(1);
    expect((await verifyAuditChain(w.handle.db)).ok).toBe(true);
  });

  it('exports the manifest, seed and sample so that the CLI and any verifier say match', async () => {
    const { a, draw } = await drawn();
    const exported = await a.call('spotchecks.export', { drawId: draw.id });
    const file = (suffix: string) => exported.files.find((f) => f.fileName.endsWith(suffix))!.path;
    const manifestText = readFileSync(file('-manifest.txt'), 'utf8');
    const sample = JSON.parse(readFileSync(file('-sample.json'), 'utf8')) as unknown;
    expect(verifySample(parseManifest(manifestText), DICE, 30, sample)).toEqual({ match: true });
    const cli = spawnSync('npx', ['tsx', 'electron/backend/cli/main.ts', 'sample', 'verify', '--manifest', file('-manifest.txt'), '--seed', DICE, '--rate', '30', '--sample', file('-sample.json')], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout.trim()).toBe('match');
    const csv = readFileSync(file('-sample.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffcaseNo,street,outcome,ticket,rank,reason');
    expect(csv.trim().split('\r\n')).toHaveLength(draw.items.length + 1);
    expect(readFileSync(file('-seed.txt'), 'utf8').trim()).toBe(DICE);
    expect(exported.files.some((f) => f.fileName.endsWith('-record.pdf'))).toBe(true);
  });

  it('refuses a second draw of the same period and streets; a redraw needs a written reason and keeps the earlier draw', async () => {
    const { w, a, query, frame, draw } = await drawn();
    const again = { query, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'dice' as const, digits: '27182818284590452353' } };
    await a.refused('spotchecks.draw', again, 'conflict', /已经抽取过样本/);
    await a.refused('spotchecks.draw', { ...again, redraw: { drawId: draw.id, reason: '' } }, 'invalid-args', /理由/);
    const redrawn = await a.call('spotchecks.draw', { ...again, redraw: { drawId: draw.id, reason: '清单漏列了两个街道的复核决定，经科务会研究重新抽取' } });
    expect(redrawn.redrawOfId).toBe(draw.id);
    expect(redrawn.status).toBe('locked');
    const list = await a.call('spotchecks.list', {});
    expect(list.map((d) => [d.id, d.status])).toEqual([
      [redrawn.id, 'locked'],
      [draw.id, 'superseded'],
    ]);
    expect(one<{ n: number }>(w, 'SELECT count(*) AS n FROM spot_check_items WHERE draw_id = ?', draw.id).n).toBe(draw.items.length);
    await a.refused('spotchecks.draw', { ...again, redraw: { drawId: draw.id, reason: '再来一次试试看' } }, 'conflict');
    expect(one<{ n: number }>(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'spotcheck.redraw'").n).toBe(1);
  });

  it('generates a 20-digit seed from the OS CSPRNG when no dice are rolled, and records that', async () => {
    const { a, query } = await chief();
    const frame = await a.call('spotchecks.frame', { query: { ...query, streetCodes: [query.streetCodes[0]!] }, rate: 30 });
    const draw = await a.call('spotchecks.draw', { query: { ...query, streetCodes: [query.streetCodes[0]!] }, rate: 30, manifestSha256: frame.manifestSha256, seed: { source: 'csprng' } });
    expect(draw.seedSource).toBe('csprng');
    expect(draw.seed).toMatch(/^\d{20}$/);
  });

  it('extends a sample with the next cases in ticket order, and the larger sample re-verifies', async () => {
    const { w, a, draw } = await drawn();
    await a.refused('spotchecks.extend', { drawId: draw.id, rate: 30 }, 'validation', /高于/);
    const extended = await a.call('spotchecks.extend', { drawId: draw.id, rate: 40 });
    expect(extended.rate).toBe(40);
    const before = new Set(draw.items.map((i) => i.caseNo));
    expect(draw.items.every((i) => extended.items.some((e) => e.caseNo === i.caseNo && e.rank === i.rank))).toBe(true);
    const added = extended.items.filter((i) => !before.has(i.caseNo));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((i) => i.reason === 'random')).toBe(true);
    const row = one<{ manifest_text: string }>(w, 'SELECT manifest_text FROM spot_check_draws WHERE id = ?', draw.id);
    const exported = await a.call('spotchecks.export', { drawId: draw.id });
    const sample = JSON.parse(readFileSync(exported.files.find((f) => f.fileName.endsWith('-sample.json'))!.path, 'utf8')) as unknown;
    expect(verifySample(parseManifest(row.manifest_text), DICE, 40, sample)).toEqual({ match: true });
  });

  it('is locked in SQLite itself: seed, manifest and sampled cases cannot be rewritten or deleted, nor the rate lowered', async () => {
    const { w, draw } = await drawn();
    const run = (sql: string, ...p: unknown[]) => () => w.handle.sqlite.prepare(sql).run(...p);
    expect(run("UPDATE spot_check_draws SET seed = '99999999999999999999' WHERE id = ?", draw.id)).toThrow(/locked/);
    expect(run("UPDATE spot_check_draws SET manifest_text = '' WHERE id = ?", draw.id)).toThrow(/locked/);
    expect(run('UPDATE spot_check_draws SET rate_percent = 30 WHERE id = ?', draw.id)).not.toThrow();
    w.handle.sqlite.prepare('UPDATE spot_check_draws SET rate_percent = 35 WHERE id = ?').run(draw.id);
    expect(run('UPDATE spot_check_draws SET rate_percent = 30 WHERE id = ?', draw.id)).toThrow(/locked/);
    expect(run('DELETE FROM spot_check_draws WHERE id = ?', draw.id)).toThrow(/kept/);
    expect(run("UPDATE spot_check_items SET rank = rank + 1 WHERE draw_id = ?", draw.id)).toThrow(/locked/);
    expect(run("UPDATE spot_check_items SET reason = 'mandatory' WHERE draw_id = ? AND reason = 'random'", draw.id)).toThrow(/locked/);
    expect(run('DELETE FROM spot_check_items WHERE draw_id = ?', draw.id)).toThrow(/kept/);
  });

  it('draws the same sample on the same day from the same data and seed (a witness can redo it)', async () => {
    const first = await drawn();
    const items = first.draw.items.map((i) => [i.caseNo, i.ticket, i.rank, i.reason]);
    await first.w.cleanup();
    world = undefined;
    const second = await drawn();
    expect(second.draw.items.map((i) => [i.caseNo, i.ticket, i.rank, i.reason])).toEqual(items);
  });
});

describe('a draw larger than one answer', () => {
  it('comes in pages of DRAW_ITEMS_PAGE sampled cases, each answer well under 1 MB, which together are the whole sample in order', async () => {
    const c = await chief();
    // Every decision of a quarter: more sampled cases than one page holds.
    c.query = { ...c.query, periodStart: '2026-08-01', periodEnd: '2026-10-31' };
    const frame = await c.a.call('spotchecks.frame', { query: c.query, rate: 100 });
    expect(frame.cases).toBeGreaterThan(DRAW_ITEMS_PAGE);
    const draw = await c.a.call('spotchecks.draw', { query: c.query, rate: 100, manifestSha256: frame.manifestSha256, seed: { source: 'dice', digits: DICE } });
    expect(draw.items).toHaveLength(DRAW_ITEMS_PAGE);
    expect(draw.itemsTotal).toBe(frame.cases);
    // The counts are the whole draw's, not the page's.
    expect(draw.sampled).toBe(frame.cases);
    expect(draw.progress.reduce((n, s) => n + s.approved.sampled + s.rejected.sampled, 0)).toBe(frame.cases);
    const got = await c.a.call('spotchecks.get', { drawId: draw.id });
    expect(got.items.map((i) => i.id)).toEqual(draw.items.map((i) => i.id));
    const items = [...got.items];
    const sizes = [Buffer.byteLength(JSON.stringify(got))];
    while (items.length < got.itemsTotal) {
      const page = await c.a.call('spotchecks.items', { drawId: draw.id, offset: items.length });
      expect(page.offset).toBe(items.length);
      expect(page.total).toBe(got.itemsTotal);
      expect(page.items.length).toBeGreaterThan(0);
      sizes.push(Buffer.byteLength(JSON.stringify(page)));
      items.push(...page.items);
    }
    const whole = await drawDetail(c.w.handle.db, draw.id, await currentUser(c.w.handle.db));
    expect(items).toEqual(whole.items);
    expect(new Set(items.map((i) => i.id)).size).toBe(frame.cases);
    expect(Math.max(...sizes)).toBeLessThan(600_000);
    // Past the end: nothing, not an error.
    expect((await c.a.call('spotchecks.items', { drawId: draw.id, offset: frame.cases })).items).toEqual([]);
    // The pages are the bureau's: a street's staff and an unknown draw are refused, a forged offset too.
    await c.a.refused('spotchecks.items', { drawId: draw.id, offset: -1 }, 'invalid-args');
    await c.a.refused('spotchecks.items', { drawId: 'no-such-draw', offset: 0 }, 'not-found');
    await c.w.signIn('st001-staff1');
    await c.a.refused('spotchecks.items', { drawId: draw.id, offset: 0 }, 'forbidden');
  });
});
