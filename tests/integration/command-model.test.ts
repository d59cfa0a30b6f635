// A new write takes one definition: a command defined here, in a scratch domain, with no other edit
// anywhere, is at once a channel of the desk's handler table, reachable through the CLI's `call`, queued
// in the outbox with its arguments, run again by the centre under the pushing account, audited on both
// sides and named by its label when refused. And the pipeline's own rules: every queued command re-parses
// with its own schema, ids come out the same on both sides, local commands never travel.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canWriteStreet } from '../../shared/access';
import { allCommands } from '../../electron/backend/commands/all';
import { defineCommand } from '../../electron/backend/commands/command';
import { derivedId } from '../../electron/backend/commands/context';
import { deskAs } from '../../electron/backend/commands/desk';
import { runCli } from '../../electron/backend/cli/run';
import { createHandlerTable } from '../../electron/backend/handlers';
import { createMeeting, streetRoster } from '../../electron/backend/meetings/meeting-prepare';
import { rosterUserNamed } from '../../electron/backend/session/session';
import { signIn } from '../../electron/backend/sync/account';
import { syncNow, syncRejections } from '../../electron/backend/sync/engine';
import { holdDemoMeeting } from '../../electron/backend/demo/demo-meeting';
import { centralTemplate, centreBackends, centreValue, fastRetry } from '../helpers/central';
import { differences } from '../helpers/sync-compare';

// The scratch domain: 会议便签, a note a street's staff pin to a meeting (kept in its venue line here,
// so that the scratch domain needs no table of its own).
const pinNote = defineCommand({
  name: 'scratch.pinNote',
  label: '会议便签',
  args: z.object({ meetingId: z.string().min(1).max(64), pin: z.string().trim().min(1, '请填写便签').max(20, '便签不能超过 20 个字') }).strict(),
  async load({ trx }, args) {
    return trx.selectFrom('meetings').select(['id', 'street_code', 'venue']).where('id', '=', args.meetingId).executeTakeFirstOrThrow();
  },
  access: (user, meeting) => canWriteStreet(user, meeting.street_code, '会议'),
  async run({ trx, at, audit, expect: relyOn }, args, meeting) {
    await relyOn('meetings', meeting.id);
    await trx.updateTable('meetings').set({ venue: `${meeting.venue}（${args.pin}）`, updated_at: at }).where('id', '=', meeting.id).execute();
    audit({ action: 'scratch.pin', entity: 'meeting', entityId: meeting.id, details: {} });
    return { meetingId: meeting.id };
  },
});

describe.each(centreBackends)('on the %s centre', (backend) => {
  const central = centralTemplate(300, backend);
  afterEach(() => central.cleanup());
  afterAll(() => central.dispose());

  async function streetCopy(withMeeting = true) {
    const server = await central.server();
    const client = await central.client();
    const account = await signIn(client.ctx, server.url, 'st001-staff1', server.password('st001-staff1'), 'test', fastRetry);
    await syncNow(client.ctx, fastRetry);
    const desk = deskAs(client.ctx, await rosterUserNamed(client.ctx.db, 'st001-staff1'));
    const roster = await streetRoster(client.ctx.db, '430188001');
    const chair = roster.find((r) => r.position === 'chair')!.id;
    const meeting = withMeeting ? await desk.run(createMeeting, { month: '2026-11', venue: '会议室', scheduledAt: '2026-11-25T09:00', chairMemberId: chair, recorderMemberId: chair }) : null;
    return { server, client, account, desk, meeting: meeting! };
  }

  describe('a command defined in one place', () => {
    it('is at the desk, in the CLI’s call, in the outbox and at the centre', async () => {
      const { server, client, account, meeting } = await streetCopy();
      // The desk: a channel of the handler table, arguments checked with its schema, access with its rule.
      const table = createHandlerTable(client.ctx, { checkResults: true });
      expect(table.names()).toContain('scratch.pinNote');
      expect(await table.invoke('scratch.pinNote', { meetingId: meeting.id, pin: '' })).toEqual({ ok: false, error: { code: 'invalid-args', message: '请填写便签', details: { problems: [{ field: 'pin', message: '请填写便签' }] } } });
      expect(await table.invoke('scratch.pinNote', { meetingId: meeting.id, pin: '请带印章' })).toEqual({ ok: true, value: { meetingId: meeting.id } });
      // The CLI's call, as the user named, in this process: the same command, the same envelope.
      const printed: string[] = [];
      const errors: string[] = [];
      expect(await runCli(['call', '--db', client.file, '--as', 'st001-staff2', 'scratch.pinNote', JSON.stringify({ meetingId: meeting.id, pin: '九点开始' })], (l) => printed.push(l), (l) => errors.push(l)), errors.join('\n')).toBe(0);
      expect(JSON.parse(printed[0]!)).toEqual({ ok: true, value: { meetingId: meeting.id } });
      printed.length = 0;
      expect(await runCli(['call', '--db', client.file, '--as', 'st001-staff2', 'scratch.pinNote', JSON.stringify({ meetingId: meeting.id, pin: '这张便签写得实在是太长了超过二十个字的限制' })], (l) => printed.push(l))).toBe(1);
      expect(JSON.parse(printed[0]!)).toEqual({ ok: false, error: { code: 'invalid-args', message: '便签不能超过 20 个字', details: { problems: [{ field: 'pin', message: '便签不能超过 20 个字' }] } } });
      // The outbox: its name and its arguments, never rows.
      const queued = client.ctx.sqlite.prepare("SELECT args_json FROM outbox WHERE name = 'scratch.pinNote' ORDER BY id").pluck().all() as string[];
      expect(queued.map((q) => (JSON.parse(q) as { args: { pin: string } }).args.pin)).toEqual(['请带印章', '九点开始']);
      // The centre runs it again, under the account that pushed it, and audits it.
      expect(await syncNow(client.ctx, fastRetry)).toMatchObject({ rejected: 0 });
      const db = server.store.db;
      expect(await centreValue(db, 'SELECT venue FROM meetings WHERE id = ?', meeting.id)).toBe('会议室（请带印章）（九点开始）');
      expect(await centreValue(db, "SELECT count(*) FROM audit_log WHERE action = 'scratch.pin'")).toBe(2);
      expect(await centreValue(db, "SELECT count(*) FROM change_log WHERE entity = 'meetings' AND row_key = ?", meeting.id)).toBe(3);
      expect(await differences(db, client.ctx.sqlite, account)).toEqual([]);
    });

    it('is refused by the centre under its own label when the centre finds the meeting changed', async () => {
      const { server, client, desk, meeting } = await streetCopy();
      await syncNow(client.ctx, fastRetry);
      // Someone else changes the meeting at the centre meanwhile.
      const other = await central.client();
      await signIn(other.ctx, server.url, 'st001-staff2', server.password('st001-staff2'), 'test', fastRetry);
      await syncNow(other.ctx, fastRetry);
      await deskAs(other.ctx, await rosterUserNamed(other.ctx.db, 'st001-staff2')).run(pinNote, { meetingId: meeting.id, pin: '先到' });
      await syncNow(other.ctx, fastRetry);
      await desk.run(pinNote, { meetingId: meeting.id, pin: '后到' });
      expect(await syncNow(client.ctx, fastRetry)).toMatchObject({ rejected: 1 });
      expect(await syncRejections(client.ctx)).toMatchObject([{ name: 'scratch.pinNote', label: '会议便签', code: 'conflict' }]);
      expect(client.ctx.sqlite.prepare('SELECT venue FROM meetings WHERE id = ?').pluck().get(meeting.id)).toBe('会议室（先到）');
    });
  });

  describe('the pipeline', () => {
    it('queues arguments that parse again with each command’s own schema, as the centre parses them', async () => {
      const { client, desk } = await streetCopy(false);
      await holdDemoMeeting(client.ctx, '2026-11', desk.user);
      const rows = client.ctx.sqlite.prepare('SELECT name, args_json FROM outbox').all() as { name: string; args_json: string }[];
      expect(rows.length).toBeGreaterThan(5);
      const byName = new Map(allCommands().map((c) => [c.name, c]));
      for (const r of rows) {
        const { args } = JSON.parse(r.args_json) as { args: unknown };
        const parsed = byName.get(r.name)!.args.safeParse(args);
        expect(parsed.success, r.name).toBe(true);
        expect(parsed.data, r.name).toEqual(args);
      }
    });

    it('never queues a local command, and the centre refuses one pushed anyway', async () => {
      const { server, client } = await streetCopy();
      const before = client.ctx.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
      const table = createHandlerTable(client.ctx);
      expect(await table.invoke('settings.update', { nameMasking: 'surname' })).toMatchObject({ ok: true });
      expect(client.ctx.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(before);
      const { rawClient } = await import('../helpers/raw-client');
      const raw = await rawClient(server.url, 'st001-staff1', server.password('st001-staff1'));
      expect(await raw.one({ name: 'settings.update', args: { nameMasking: 'full' } })).toMatchObject({ code: 'forbidden' });
    });
  });
});

describe('the pipeline, without a centre', () => {
  it('derives the same ids from the same key and parts, different ones otherwise, as RFC 9562 version-8 UUIDs', () => {
    const key = '6f1c2f8e-6d2e-4c55-9a43-4a4a2b9e6d10';
    const a = derivedId(key, ['agenda', 'case-1']);
    expect(derivedId(key, ['agenda', 'case-1'])).toBe(a);
    expect(derivedId(key, ['agenda', 'case-2'])).not.toBe(a);
    expect(derivedId('0e7c2f8e-6d2e-4c55-9a43-4a4a2b9e6d10', ['agenda', 'case-1'])).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
