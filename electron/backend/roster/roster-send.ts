// 报送财政: the bureau records that a month's roster of its district went to finance (seed 001 十: by
// the 5th). One row per district and month, synced like any command's writes, and the reminder the
// bureau sees from the 1st of the month until that row exists.
import type { Kysely, Transaction } from 'kysely';
import { canSendRoster, isBureauRole } from '../../../shared/access';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { latestRosterMonth, reminderMessage, rosterAllowed, rosterArgs, rosterDueOn, rosterTooEarlyMessage, type RosterReminder } from '../../../shared/roster';
import { defineCommand } from '../commands/command';
import type { Database } from '../db/schema';
import { rosterData } from './roster';

type Reader = Kysely<Database> | Transaction<Database>;

async function sendOf(db: Reader, districtCode: string, month: string) {
  return db.selectFrom('roster_sends').selectAll().where('district_code', '=', districtCode).where('month', '=', month).executeTakeFirst();
}

/** The reminder of the current month for the user's district: open until the bureau marks it sent. */
export async function rosterReminder(db: Reader, user: SessionUser, today: string, month = latestRosterMonth(today)): Promise<RosterReminder> {
  const sent = await sendOf(db, user.regionCode.slice(0, 6), month);
  const due = reminderMessage(month, today);
  return {
    month,
    dueOn: rosterDueOn(month),
    sent: sent ? { sentOn: sent.sent_on, sentByName: sent.sent_by_name, households: sent.households, totalFen: sent.total_fen } : null,
    overdue: !sent && due.overdue,
    // Only the bureau sends the roster, so only the bureau is reminded.
    message: sent || !isBureauRole(user.role) ? null : due.message,
  };
}

export const markRosterSent = defineCommand({
  name: 'roster.markSent',
  label: '花名册标记已报送财政',
  args: rosterArgs.markSent,
  load: async (cx, args) => sendOf(cx.trx, args.districtCode, args.month),
  access: (user, _row, args) => canSendRoster(user, args.districtCode),
  async run(cx, args, existing) {
    const m = Number(args.month.slice(5, 7));
    if (existing) throw new AppError('conflict', `${args.month.slice(0, 4)}年${m}月的花名册已于${existing.sent_on}由${existing.sent_by_name}标记报送财政，不能重复报送`);
    if (!rosterAllowed(args.month, cx.today)) throw new AppError('validation', rosterTooEarlyMessage(args.month), { problems: [{ field: 'month', message: rosterTooEarlyMessage(args.month) }] });
    // The counts recorded are those of the roster as this copy computes it on the day it was sent.
    const { view } = await rosterData(cx.trx, cx.user, { month: args.month, scope: args.districtCode }, cx.today);
    const id = cx.id('roster_send', args.districtCode, args.month);
    await cx.trx
      .insertInto('roster_sends')
      .values({
        id,
        district_code: args.districtCode,
        month: args.month,
        sent_on: cx.today,
        households: view.summary.households,
        persons: view.summary.persons,
        total_fen: view.summary.totalFen,
        note: args.sendNote ?? '',
        sent_by: cx.user.id,
        sent_by_name: cx.user.name,
        updated_at: cx.at,
      })
      .execute();
    cx.audit({ action: 'roster.send', entity: 'roster_send', entityId: id, details: { districtCode: args.districtCode, month: args.month, households: view.summary.households, totalFen: view.summary.totalFen } });
    return id;
  },
  // The month just marked, as the reminder now shows it (sent, so never overdue).
  reply: async (db, user, id) => {
    const row = await db.selectFrom('roster_sends').select(['month', 'sent_on']).where('id', '=', id).executeTakeFirstOrThrow();
    return rosterReminder(db, user, row.sent_on, row.month);
  },
});
