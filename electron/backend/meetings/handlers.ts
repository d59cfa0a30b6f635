import { canRead } from '../../../shared/access';
import { AppError } from '../../../shared/result';
import type { HandlerMap } from '../handlers/registry';
import { assertAllowed } from '../session/access';
import { settingsOfMeeting } from '../settings/settings';
import { writeMinutes } from './meeting-close';
import { meetingCandidates, streetRoster } from './meeting-prepare';
import { storedMinutes } from './stored-minutes';
import { listMeetings, meetingDetail } from './meeting-view';

/** The meeting channels that only read; the writes are the commands of meeting-prepare, -session and -close. */
export const meetingHandlers: HandlerMap<'meetings.list' | 'meetings.get' | 'meetings.roster' | 'meetings.candidates' | 'meetings.minutesPdf' | 'meetings.storedMinutes'> = {
  'meetings.list': async (_args, ctx, caller) => listMeetings(ctx.db, caller.signedIn().regionCode),
  'meetings.get': async (args, ctx, caller) => {
    const user = caller.signedIn();
    const detail = await meetingDetail(ctx.db, args.meetingId, await settingsOfMeeting(ctx.db, args.meetingId, ctx.clock.today()));
    assertAllowed(canRead(user, detail.streetCode, '这次会议'));
    return detail;
  },
  'meetings.roster': async (args, ctx, caller) => {
    const user = caller.signedIn();
    const street = args.streetCode ?? user.regionCode;
    if (!street.startsWith(user.regionCode) || street.length !== 9) throw new AppError('validation', '请选择您管辖范围内的街道');
    return streetRoster(ctx.db, street);
  },
  'meetings.candidates': async (args, ctx, caller) => meetingCandidates(ctx, caller.signedIn(), args.meetingId),
  'meetings.minutesPdf': async (args, ctx, caller) => writeMinutes(ctx, caller.signedIn(), args.meetingId),
  'meetings.storedMinutes': async (args, ctx, caller) => storedMinutes(ctx, caller.signedIn(), args.meetingId),
};
