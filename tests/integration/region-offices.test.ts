// Each street's office details live on its region (issue 14): migration 0005 adds them and retires the
// machine-wide office settings; the bureau changes a street's with regions.setOffice, which the centre
// runs again and syncs to every desk; street staff, another district's bureau and bad values are refused
// in Chinese, at the desk and at the centre.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deskAs } from '../../electron/backend/commands/desk';
import { openDatabase } from '../../electron/backend/db/open';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { setStreetOffice } from '../../electron/backend/regions/offices';
import { standingNoticeDocument } from '../../electron/backend/notices/notice-pdf';
import { getSettings } from '../../electron/backend/settings/settings';
import { rosterUserNamed } from '../../electron/backend/session/session';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { migrations } from '../../migrations';
import { hashPassword } from '../../server/auth';
import { api } from '../helpers/api';
import { centralTemplate, centreBackends, centreRows, centreValue, fastRetry } from '../helpers/central';
import { freshDatabase } from '../helpers/db';
import { seedMeetingWorld, signInAs } from '../helpers/meeting-world';
import { NOW, testContext } from '../helpers/minimal';
import { rawClient } from '../helpers/raw-client';

const office = (over: Record<string, unknown> = {}) => ({
  name: '麓山区望江街道办事处',
  address: '麓山区望江路1号',
  phone: '0731-8888 0001',
  hotlines: [
    { label: '民政服务热线', number: '12349' },
    { label: '政务服务便民热线', number: '12345' },
  ],
  ...over,
});

describe('migration 0005_region_offices', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('adds empty office columns to every region and drops the machine-wide office from stored settings, which still load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jrd-0005-'));
    dirs.push(dir);
    const handle = openDatabase(join(dir, 'db.sqlite'));
    try {
      await migrateToLatest(handle, { list: migrations.filter((m) => m.version < 5) });
      const db = handle.sqlite;
      db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188', '麓山区', 'district', NULL, 2024, ?)").run(NOW);
      db.prepare("INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430188004', '金盆街道', 'street', '430188', 2024, ?)").run(NOW);
      // An earlier version's settings: one office signed every street's documents.
      const old = { officeName: '望江街道办事处', officeAddress: '麓山区望江路88号', officePhone: '0731-8852 6120', noticeDays: 10 };
      db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('settings', ?, ?)").run(JSON.stringify(old), NOW);

      await migrateToLatest(handle);
      expect(db.prepare("SELECT office_name, office_address, office_phone, office_hotlines_json, office_changed_by FROM regions WHERE code = '430188004'").get()).toEqual({
        office_name: '',
        office_address: '',
        office_phone: '',
        office_hotlines_json: '[]',
        office_changed_by: null,
      });
      const stored = JSON.parse(db.prepare("SELECT value_json FROM settings WHERE key = 'settings'").pluck().get() as string) as Record<string, unknown>;
      expect(stored).toEqual({ noticeDays: 10 });
      expect((await getSettings(handle.db)).noticeDays).toBe(10);
      // The columns are checked: hotlines must be a JSON array, the name no longer than it prints.
      expect(() => db.prepare("UPDATE regions SET office_hotlines_json = '{}' WHERE code = '430188004'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE regions SET office_name = ? WHERE code = '430188004'").run('办'.repeat(61))).toThrow(/CHECK/);
    } finally {
      await handle.close();
    }
  });

  it('still loads a stored settings row that has the retired keys (written by an older build after the upgrade)', async () => {
    const t = await freshDatabase();
    try {
      t.handle.sqlite.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('settings', ?, ?)").run(JSON.stringify({ officeName: '街道办事处', officePhone: '', nameMasking: 'surname' }), NOW);
      expect((await getSettings(t.handle.db)).nameMasking).toBe('surname');
    } finally {
      await t.cleanup();
    }
  });
});

describe('regions.setOffice at the desk', () => {
  async function world() {
    const t = await freshDatabase();
    const w = seedMeetingWorld(t.handle, 3);
    const ctx = testContext(t.handle, t.dir);
    return { t, w, ctx, a: api(ctx) };
  }

  it('lets the district bureau change a street office, audited, and every document of that street signs with it', async () => {
    const { t, w, ctx, a } = await world();
    try {
      // Not filled in yet: each street signs with its own name, never another street's.
      const before = await a.call('regions.offices', {});
      expect(before.own).toMatchObject({ code: '430188001', derived: true, office: { name: '望江街道办事处', address: '', hotlines: [] } });
      expect(before.canEdit).toBe(false);
      expect(before.streets.map((s) => s.code)).toEqual(['430188001']);

      signInAs(t.handle, 'u-bureau');
      const after = await a.call('regions.setOffice', { streetCode: '430188001', office: office({ name: '  麓山区望江街道办事处 ' }) });
      expect(after.canEdit).toBe(true);
      expect(after.own).toMatchObject({ code: '430188', level: 'district', office: { name: '麓山区民政局' } });
      expect(after.streets.map((s) => s.code)).toEqual(['430188001', '430188002']);
      expect(after.streets[0]).toMatchObject({ derived: false, office: office(), changedBy: '区督查', changedAt: expect.any(String) });
      expect(after.streets[1]).toMatchObject({ derived: true, office: { name: '岳麓街道办事处' } });
      const audit = t.handle.sqlite.prepare("SELECT actor_id, entity_id, details_json FROM audit_log WHERE action = 'region.office.update'").all();
      expect(audit).toEqual([{ actor_id: 'u-bureau', entity_id: '430188001', details_json: expect.stringContaining('office_address') }]);
      // Saving the same again is not a change.
      await a.refused('regions.setOffice', { streetCode: '430188001', office: office() }, 'conflict', /没有变化/);

      signInAs(t.handle, w.userId);
      const doc = await standingNoticeDocument(ctx, await rosterUserNamed(ctx.db, 'staff'), '430188001001');
      expect(doc.issuer).toBe('麓山区望江街道办事处');
      expect(doc.objection).toEqual({ address: '麓山区望江路1号', phone: '0731-8888 0001', hotlines: office().hotlines });
    } finally {
      await t.cleanup();
    }
  });

  it('refuses street staff, another district, a community, and bad values, each in Chinese', async () => {
    const { t, a } = await world();
    try {
      await a.refused('regions.setOffice', { streetCode: '430188001', office: office({ name: '本街道自己改的名字' }) }, 'forbidden', /由区民政局统一设置/);
      signInAs(t.handle, 'u-bureau');
      await a.refused('regions.setOffice', { streetCode: '430199001', office: office() }, 'forbidden', /不在本区/);
      await a.refused('regions.setOffice', { streetCode: '430188009', office: office() }, 'not-found', /没有区划代码为 430188009/);
      await a.refused('regions.setOffice', { streetCode: '430188001001', office: office() } as never, 'invalid-args', /请选择一个街道/);
      await a.refused('regions.setOffice', { streetCode: '430188001', office: office({ name: ' ' }) }, 'invalid-args', /^请填写单位名称$/);
      await a.refused('regions.setOffice', { streetCode: '430188001', office: office({ name: '办'.repeat(61) }) }, 'invalid-args', /单位名称不能超过 60 个字/);
      await a.refused('regions.setOffice', { streetCode: '430188001', office: office({ phone: '请拨打本人手机' }) }, 'invalid-args', /电话只能含数字/);
      await a.refused('regions.setOffice', { streetCode: '430188001', office: office({ hotlines: [{ label: '热线', number: '12a49' }] }) }, 'invalid-args', /热线号码应为 3 至 12 位数字/);
      await a.refused('regions.setOffice', { streetCode: '430188001', office: office({ hotlines: [{ label: '甲', number: '12349' }, { label: '乙', number: '12349' }] }) }, 'invalid-args', /不能重复/);
      const five = Array.from({ length: 5 }, (_, i) => ({ label: `热线${i}`, number: `1234${i}` }));
      await a.refused('regions.setOffice', { streetCode: '430188001', office: office({ hotlines: five }) }, 'invalid-args', /热线最多 4 条/);
      await a.refused('regions.setOffice', { streetCode: '430188001', office: { ...office(), extra: 1 } } as never, 'invalid-args');
      expect(t.handle.sqlite.prepare("SELECT office_name FROM regions WHERE code = '430188001'").pluck().get()).toBe('');
      expect(t.handle.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'region.office.update'").pluck().get()).toBe(0);
    } finally {
      await t.cleanup();
    }
  });
});

describe.each(centreBackends)('regions.setOffice through the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  let server: Awaited<ReturnType<typeof central.server>>;
  beforeAll(async () => {
    server = await central.server();
    const db = server.store.db;
    await centreRows(db, "INSERT INTO regions (code, name, level, parent_code, code_vintage, updated_at) VALUES ('430199', '别区', 'district', NULL, 2024, ?)", NOW);
    await centreRows(db, "INSERT INTO users (id, username, name, role, region_code, updated_at) VALUES ('u-other-chief', 'other-chief', '外区科长', 'bureau_chief', '430199', ?)", NOW);
    await centreRows(db, "INSERT INTO central_credentials (user_id, password_hash) VALUES ('u-other-chief', ?)", hashPassword('other-password-1', 1024));
  }, 240_000);
  afterAll(async () => {
    await central.cleanup();
    await central.dispose();
  });
  const one = <T>(sql: string, ...p: unknown[]) => centreValue<T>(server.store.db, sql, ...p);

  it('brings each street its own demo office to a fresh desk, carries the bureau’s change to the centre and on to the street’s desk', async () => {
    // A fresh street desk signs in: its region row arrives with the office columns.
    const street = await central.client();
    await signIn(street.ctx, server.url, 'st004-staff1', server.password('st004-staff1'), 'test', fastRetry);
    await syncNow(street.ctx, fastRetry);
    const row = () => street.ctx.sqlite.prepare("SELECT office_name, office_address, office_phone, office_hotlines_json, office_changed_by FROM regions WHERE code = '430188004'").get() as Record<string, string | null>;
    expect(row()).toMatchObject({ office_name: '麓山区金盆街道办事处', office_address: '麓山区金盆岭大道109号', office_phone: '0731-8845 2268', office_changed_by: null });
    expect(JSON.parse(row().office_hotlines_json!)).toEqual([
      { label: '民政服务热线', number: '12349' },
      { label: '政务服务便民热线', number: '12345' },
    ]);
    // A street desk sees its own street and the district above it, not the other streets.
    expect(street.ctx.sqlite.prepare("SELECT count(*) FROM regions WHERE level = 'street'").pluck().get()).toBe(1);

    // The section chief changes 金盆街道's address at the bureau's desk; the centre runs the command again.
    const bureau = await central.client();
    await signIn(bureau.ctx, server.url, 'bureau-chief', server.password('bureau-chief'), 'test', fastRetry);
    await syncNow(bureau.ctx, fastRetry);
    const chief = await rosterUserNamed(bureau.ctx.db, 'bureau-chief');
    await deskAs(bureau.ctx, chief).run(setStreetOffice, {
      streetCode: '430188004',
      office: { name: '麓山区金盆街道办事处', address: '麓山区金盆岭大道111号一楼', phone: '0731-8845 2268', hotlines: [{ label: '民政服务热线', number: '12349' }] },
    });
    expect(await syncNow(bureau.ctx, fastRetry)).toMatchObject({ pushed: 1, rejected: 0 });
    expect(await one<string>("SELECT office_address FROM regions WHERE code = '430188004'")).toBe('麓山区金盆岭大道111号一楼');
    expect(await one<string>("SELECT office_changed_by FROM regions WHERE code = '430188004'")).toBe(chief.name);
    expect(await one<number>("SELECT count(*) FROM audit_log WHERE action = 'region.office.update' AND entity_id = '430188004'")).toBe(1);

    // The street's desk pulls it and signs its next notice so.
    await syncNow(street.ctx, fastRetry);
    expect(row()).toMatchObject({ office_address: '麓山区金盆岭大道111号一楼', office_changed_by: chief.name });
    const doc = await standingNoticeDocument(street.ctx, await rosterUserNamed(street.ctx.db, 'st004-staff1'), '430188004001');
    expect(doc.objection).toEqual({ address: '麓山区金盆岭大道111号一楼', phone: '0731-8845 2268', hotlines: [{ label: '民政服务热线', number: '12349' }] });
    await street.close();
    await bureau.close();
  }, 120_000);

  it('refuses a street account, another district’s bureau and bad values at the centre, in Chinese, storing nothing', async () => {
    const args = { streetCode: '430188001', office: office({ name: '伪造的办事处' }) };
    const before = await one<number>('SELECT coalesce(max(seq), 0) FROM change_log');
    const streetStaff = await rawClient(server.url, 'st001-staff1', server.password('st001-staff1'));
    expect(await streetStaff.one({ name: 'regions.setOffice', args })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/由区民政局统一设置/) });
    const otherChief = await rawClient(server.url, 'other-chief', 'other-password-1');
    expect(await otherChief.one({ name: 'regions.setOffice', args })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/不在本区/) });
    const chief = await rawClient(server.url, 'bureau-chief', server.password('bureau-chief'));
    expect(await chief.one({ name: 'regions.setOffice', args: { ...args, office: office({ phone: 'x'.repeat(41) }) } })).toMatchObject({ code: 'invalid-args', message: expect.stringMatching(/电话/) });
    // A community is no street office, even where the code lies in the bureau's district.
    expect(await chief.one({ name: 'regions.setOffice', args: { ...args, streetCode: '430188001001' } })).toMatchObject({ code: 'invalid-args' });
    expect(await one<string>("SELECT office_name FROM regions WHERE code = '430188001'")).toBe('麓山区望江街道办事处');
    expect(await one<number>('SELECT coalesce(max(seq), 0) FROM change_log')).toBe(before);
  }, 60_000);
});
