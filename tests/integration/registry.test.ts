import { afterEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/channels';
import { createHandlerTable } from '../../electron/backend/handlers';
import { HandlerRegistry } from '../../electron/backend/handlers/registry';
import { freshDatabase } from '../helpers/db';
import { seedMinimal, testContext } from '../helpers/minimal';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup(seed = true) {
  const t = await freshDatabase();
  cleanup = t.cleanup;
  if (seed) seedMinimal(t.handle);
  const ctx = testContext(t.handle, t.dir);
  return { t, ctx, registry: createHandlerTable(ctx, { checkResults: true }) };
}

describe('handler registry', () => {
  it('implements exactly the channels of the contract, and the one command only imports and scripts run', async () => {
    const { registry } = await setup();
    // cases.import runs through imports.run and the CLI's import, in parts of one transaction; the renderer never calls it.
    expect(new Set(registry.names())).toEqual(new Set([...channelNames, 'cases.import']));
  });

  it('refuses a second handler for the same channel and channels outside the contract', async () => {
    const { ctx } = await setup();
    const r = new HandlerRegistry(ctx);
    r.register('app.info', async () => ({ appVersion: '', schemaVersion: 1, dataDir: '', databaseFile: '' }));
    expect(() => r.register('app.info', async () => ({ appVersion: '', schemaVersion: 1, dataDir: '', databaseFile: '' }))).toThrow(/twice/);
    expect(() => r.register('no.such' as never, async () => ({}) as never)).toThrow(/not a channel/);
    expect(() => r.assertComplete()).toThrow(/no handler for/);
  });

  it('answers unknown channels and bad arguments with coded errors, never exceptions', async () => {
    const { registry } = await setup();
    expect(await registry.invoke('drop.everything', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const bad = await registry.invoke('cases.list', { category: 'lottery' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    // Named as the form names it, never by the programme's field name.
    if (!bad.ok) expect(bad.error.message).toBe('救助类别不是可选的值之一');
    expect(await registry.invoke('cases.list', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(await registry.invoke('pdf.communityCases', { communityCode: '12' })).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    // A schema's own Chinese message reaches the person as written, without field names.
    const empty = await registry.invoke('notices.recordObjection', { batchId: 'b', caseId: 'c', receivedOn: '2026-11-20', channel: 'phone', content: '  ' });
    expect(empty).toEqual({ ok: false, error: { code: 'invalid-args', message: '请填写异议内容', details: { problems: [{ field: 'content', message: '请填写异议内容' }] } } });
  });

  it('passes service errors through with their code', async () => {
    const { registry } = await setup();
    const outside = await registry.invoke('pdf.communityCases', { communityCode: '430188002001' });
    expect(outside).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const missing = await registry.invoke('pdf.communityCases', { communityCode: '430188001099' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('says plainly when nobody is signed in', async () => {
    const { registry } = await setup(false);
    expect(await registry.invoke('session.current', {})).toMatchObject({ ok: false, error: { code: 'no-session', message: '尚未选择登录用户' } });
  });

  it('serves the session, regions and settings of the signed-in user', async () => {
    const { registry } = await setup();
    expect(await registry.invoke('session.current', {})).toEqual({
      ok: true,
      value: { id: 'u-staff', username: 'staff', name: '王经办', role: 'street_staff', regionCode: '430188001', regionName: '望江街道' },
    });
    const regions = await registry.invoke('regions.list', {});
    expect(regions.ok && (regions.value as { code: string }[]).map((r) => r.code)).toEqual(['430188', '430188001', '430188001001']);
    expect(await registry.invoke('regions.list', { under: '430188002' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await registry.invoke('settings.get', {})).toMatchObject({ ok: true, value: { noticeDays: 7, nameMasking: 'middle' } });
  });
});

describe('settings.update', () => {
  it('refuses the standards, which the bureau chief sets for the district, and writes nothing', async () => {
    const { registry, t } = await setup();
    for (const patch of [{ approvalMinFen: 5_000_000 }, { noticeDays: 10 }, { dibaoStandardUrbanFen: 90_000, nameMasking: 'full' }]) {
      const bad = await registry.invoke('settings.update', patch as never);
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
      if (!bad.ok) expect(bad.error.message).toMatch(/保障标准由区民政局科长统一设定/);
    }
    expect(await registry.invoke('settings.update', { nameMasking: 'nobody' } as never)).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(t.handle.sqlite.prepare("SELECT count(*) FROM settings WHERE key = 'settings'").pluck().get()).toBe(0);
    expect(t.handle.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('saves a valid change and audits which keys changed', async () => {
    const { registry, t } = await setup();
    const res = await registry.invoke('settings.update', { nameMasking: 'surname' });
    expect(res).toMatchObject({ ok: true, value: { nameMasking: 'surname', noticeDays: 7 } });
    expect(await registry.invoke('settings.get', {})).toMatchObject({ ok: true, value: { nameMasking: 'surname' } });
    const audit = t.handle.sqlite.prepare('SELECT action, actor_id, details_json FROM audit_log').all();
    expect(audit).toEqual([{ action: 'settings.update', actor_id: 'u-staff', details_json: '{"keys":["nameMasking"]}' }]);
    // 设置 says who changed each setting last, from the audit log.
    const changes = await registry.invoke('settings.changes', {});
    expect(changes).toMatchObject({ ok: true, value: [expect.objectContaining({ key: 'nameMasking', by: expect.any(String) })] });
  });

  it('refuses the office name, address and phone as settings: they belong to each street, on its region', async () => {
    const { registry } = await setup();
    expect(await registry.invoke('settings.update', { officeName: '望江街道办事处' } as never)).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
  });
});
