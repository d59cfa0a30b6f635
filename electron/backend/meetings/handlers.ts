import { AppError } from '../../../shared/result';
import type { HandlerMap } from '../handlers/registry';
import { currentUser } from '../session/session';
import { getSettings } from '../settings/settings';
import { closeMeeting, writeMinutes } from './meeting-close';
import { addAgendaItem, createMeeting, meetingCandidates, removeAgendaItem, streetRoster, updateMeeting } from './meeting-prepare';
import {
  addObserver,
  addRecusal,
  clearDecision,
  markAllPresent,
  openMeeting,
  recordDecision,
  removeObserver,
  removeRecusal,
  setAttendance,
} from './meeting-session';
import { listMeetings, meetingDetail } from './meeting-view';


export const meetingHandlers: HandlerMap<
  | 'meetings.list'
  | 'meetings.get'
  | 'meetings.roster'
  | 'meetings.candidates'
  | 'meetings.create'
  | 'meetings.update'
  | 'meetings.addItem'
  | 'meetings.removeItem'
  | 'meetings.setAttendance'
  | 'meetings.markAllPresent'
  | 'meetings.addObserver'
  | 'meetings.removeObserver'
  | 'meetings.open'
  | 'meetings.addRecusal'
  | 'meetings.removeRecusal'
  | 'meetings.recordDecision'
  | 'meetings.clearDecision'
  | 'meetings.close'
  | 'meetings.minutesPdf'
> = {
  'meetings.list': async (_args, ctx) => listMeetings(ctx.db, (await currentUser(ctx.db)).regionCode),
  'meetings.get': async (args, ctx) => {
    const user = await currentUser(ctx.db);
    const detail = await meetingDetail(ctx.db, args.meetingId, await getSettings(ctx.db));
    if (!detail.streetCode.startsWith(user.regionCode)) throw new AppError('forbidden', '这次会议不在您的管辖范围内');
    return detail;
  },
  'meetings.roster': async (args, ctx) => {
    const user = await currentUser(ctx.db);
    const street = args.streetCode ?? user.regionCode;
    if (!street.startsWith(user.regionCode) || street.length !== 9) throw new AppError('validation', '请选择您管辖范围内的街道');
    return streetRoster(ctx.db, street);
  },
  'meetings.candidates': async (args, ctx) => meetingCandidates(ctx, args.meetingId),
  'meetings.create': async (args, ctx) => createMeeting(ctx, args),
  'meetings.update': async (args, ctx) => updateMeeting(ctx, args),
  'meetings.addItem': async (args, ctx) => addAgendaItem(ctx, args),
  'meetings.removeItem': async (args, ctx) => removeAgendaItem(ctx, args),
  'meetings.setAttendance': async (args, ctx) => setAttendance(ctx, args),
  'meetings.markAllPresent': async (args, ctx) => markAllPresent(ctx, args),
  'meetings.addObserver': async (args, ctx) => addObserver(ctx, args),
  'meetings.removeObserver': async (args, ctx) => removeObserver(ctx, args),
  'meetings.open': async (args, ctx) => openMeeting(ctx, args),
  'meetings.addRecusal': async (args, ctx) => addRecusal(ctx, args),
  'meetings.removeRecusal': async (args, ctx) => removeRecusal(ctx, args),
  'meetings.recordDecision': async (args, ctx) => recordDecision(ctx, args),
  'meetings.clearDecision': async (args, ctx) => clearDecision(ctx, args),
  'meetings.close': async (args, ctx) => closeMeeting(ctx, args),
  'meetings.minutesPdf': async (args, ctx) => writeMinutes(ctx, args.meetingId),
};
