// Dated standards through a real centre on loopback (issue 17 item 5): the seeded district has its first
// record on every copy after the first pull; the bureau chief's desk sets a new one and pushes it, the
// centre runs standards.set again (closing the record before it), and a street desk pulls it and reads
// the new values from the day they take effect. A street account, another district's code and an
// overlap are refused at the centre in Chinese, with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskAs } from '../../electron/backend/commands/desk';
import { getSettings } from '../../electron/backend/settings/settings';
import { rosterUserNamed } from '../../electron/backend/session/session';
import { listStandards, setStandard } from '../../electron/backend/standards/standards';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow } from '../../electron/backend/sync/engine';
import { hashPassword } from '../../server/auth';
import { formatChineseDate } from '../../shared/dates';
import { defaultSettings } from '../../shared/settings';
import { centralTemplate, centreBackends, centreRows, centreValue, fastRetry, type Client } from '../helpers/central';
import { NOW } from '../helpers/minimal';
import { contextFor, rawClient } from '../helpers/raw-client';
import { differences } from '../helpers/sync-compare';
import type { Account } from '../../shared/sync';

const { nameMasking: _local, ...defaults } = defaultSettings;
const args = (over: Record<string, unknown> = {}, values: Record<string, unknown> = {}) => ({
  districtCode: '430188',
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
  values: { ...defaults, ...values },
  basisNote: '麓民发〔2026〕30号',
  ...over,
});

describe.each(centreBackends)('on the %s centre', (backend) => {
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

  const rows = <T>(text: string, ...p: unknown[]) => centreRows<T>(server.store.db, text, ...p);
  const value = <T>(text: string, ...p: unknown[]) => centreValue<T>(server.store.db, text, ...p);
  /** The centre's standards, change log and audit log: what a refusal must leave as it was. */
  const snapshot = async () =>
    JSON.stringify([
      await rows('SELECT id, effective_from, effective_to, version FROM standards ORDER BY district_code, effective_from'),
      await value('SELECT coalesce(max(seq), 0) FROM change_log'),
      await value('SELECT count(*) FROM audit_log'),
    ]);

  async function desk(username: string): Promise<Client & { account: Account }> {
    const client = await central.client();
    const account = await signIn(client.ctx, server.url, username, server.password(username), 'test', fastRetry);
    await syncNow(client.ctx, fastRetry);
    return { ...client, account };
  }

  describe('standards through the centre', () => {
    it('reaches every copy of the district, from the seed and from the bureau chief’s desk, and holds from its day', async () => {
      const street = await desk('st001-staff1');
      const staff = await rosterUserNamed(street.ctx.db, 'st001-staff1');
      const initial = await listStandards(street.ctx.db, staff);
      expect(initial).toMatchObject({ districtCode: '430188', canSet: false, refusal: '保障标准由区民政局科长设定' });
      expect(initial.records).toEqual([expect.objectContaining({ effectiveTo: null, note: '初始标准', values: expect.objectContaining({ dibaoStandardUrbanFen: 80_000 }) })]);

      const bureau = await desk('bureau-chief');
      const chief = await rosterUserNamed(bureau.ctx.db, 'bureau-chief');
      const result = await deskAs(bureau.ctx, chief).run(setStandard, args({}, { dibaoStandardUrbanFen: 85_000, dibaoStandardRuralFen: 72_000 }));
      expect(result.closed).toMatchObject({ effectiveTo: '2026-12-31' });
      expect(await syncNow(bureau.ctx, fastRetry)).toMatchObject({ pushed: 1, rejected: 0 });
      // The centre ran it again: the same rows, the earlier record closed, both audited there.
      expect(await rows("SELECT effective_from, effective_to, set_by_name FROM standards WHERE district_code = '430188' ORDER BY effective_from")).toEqual([
        { effective_from: initial.records[0]!.effectiveFrom, effective_to: '2026-12-31', set_by_name: expect.any(String) },
        { effective_from: '2027-01-01', effective_to: null, set_by_name: chief.name },
      ]);
      expect((await rows<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'standards.%' ORDER BY seq")).map((r) => r.action)).toEqual(['standards.close', 'standards.set']);

      await syncNow(street.ctx, fastRetry);
      // Both copies hold exactly the centre's rows of their jurisdiction, the district's standards among them.
      expect(await differences(server.store.db, street.ctx.sqlite, street.account)).toEqual([]);
      expect(await differences(server.store.db, bureau.ctx.sqlite, bureau.account)).toEqual([]);
      const on = (day: string) => getSettings(street.ctx.db, { districtCode: '430188', on: day });
      expect((await on('2027-01-02')).dibaoStandardUrbanFen).toBe(85_000);
      expect((await on('2027-01-01')).dibaoStandardRuralFen).toBe(72_000);
      expect((await on('2026-12-31')).dibaoStandardUrbanFen).toBe(80_000);
      expect((await listStandards(street.ctx.db, staff)).records.map((r) => [r.effectiveFrom, r.effectiveTo])).toEqual([
        ['2027-01-01', null],
        [initial.records[0]!.effectiveFrom, '2026-12-31'],
      ]);
      await street.close();
      await bureau.close();
    }, 120_000);

    it('refuses a street account, another district’s code, an overlap and the past, storing nothing', async () => {
      const at = new Date(Date.parse(NOW)).toISOString();
      const push = async (username: string, password: string, a: unknown) => {
        const client = await rawClient(server.url, username, password);
        const before = await snapshot();
        const r = await client.one({ name: 'standards.set', args: a, context: contextFor({}, at) });
        expect(r, 'the centre ran it').not.toBeNull();
        expect(r!.message).toMatch(/[\u4e00-\u9fff]/u);
        expect(await snapshot()).toBe(before);
        return r!;
      };
      expect(await push('st001-staff1', server.password('st001-staff1'), args({ effectiveFrom: '2027-07-01' }))).toMatchObject({ code: 'forbidden', message: '保障标准由区民政局科长设定' });
      expect(await push('bureau-insp1', server.password('bureau-insp1'), args({ effectiveFrom: '2027-07-01' }))).toMatchObject({ code: 'forbidden' });
      const chief = server.password('bureau-chief');
      expect(await push('bureau-chief', chief, args({ districtCode: '430199', effectiveFrom: '2027-07-01' }))).toMatchObject({ code: 'forbidden', message: '只能设定本区的保障标准' });
      expect(await push('other-chief', 'other-password-1', args({ effectiveFrom: '2027-07-01' }))).toMatchObject({ code: 'forbidden', message: '只能设定本区的保障标准' });
      // The first test left 2027-01-01 open: the same start clashes, and that open record is not closed.
      expect(await push('bureau-chief', chief, args({ effectiveFrom: '2027-01-01' }))).toMatchObject({ code: 'conflict', message: '与 2027年1月1日起执行的标准重叠' });
      // A closed range inside the seeded record's days clashes with that record.
      const seeded = await value<string>("SELECT effective_from FROM standards WHERE district_code = '430188' ORDER BY effective_from");
      expect(await push('bureau-chief', chief, args({ effectiveFrom: '2026-12-01', effectiveTo: '2026-12-15' }))).toMatchObject({ code: 'conflict', message: `与 ${formatChineseDate(seeded)}起执行的标准重叠` });
      expect(await push('bureau-chief', chief, args({ effectiveFrom: '2026-11-19' }))).toMatchObject({ code: 'validation', message: expect.stringMatching(/不能早于今天/) });
      expect(await value("SELECT effective_to FROM standards WHERE district_code = '430188' AND effective_from = '2027-01-01'")).toBeNull();
    }, 120_000);
  });
});
