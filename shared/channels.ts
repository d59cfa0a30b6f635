// The channel names of the contract, with no dependencies, so the sandboxed preload can bundle the list
// without zod. shared/api.ts proves at compile time that this list and the schemas match.

export const channelNames = [
  'app.startup',
  'app.info',
  'app.newDataFile',
  'session.current',
  'regions.list',
  'regions.offices',
  'regions.setOffice',
  'cases.intake',
  'cases.list',
  'settings.get',
  'settings.update',
  'settings.changes',
  'fonts.report',
  'pdf.communityCases',
  'audit.verify',
  'meetings.list',
  'meetings.get',
  'meetings.roster',
  'meetings.candidates',
  'meetings.create',
  'meetings.update',
  'meetings.addItem',
  'meetings.removeItem',
  'meetings.setAttendance',
  'meetings.markAllPresent',
  'meetings.addObserver',
  'meetings.removeObserver',
  'meetings.open',
  'meetings.addRecusal',
  'meetings.removeRecusal',
  'meetings.recordDecision',
  'meetings.clearDecision',
  'meetings.close',
  'meetings.minutesPdf',
  'meetings.storedMinutes',
  'notices.list',
  'notices.due',
  'notices.get',
  'notices.createFromMeeting',
  'notices.setPeriod',
  'notices.setMeetingPeriod',
  'notices.post',
  'notices.end',
  'notices.recordObjection',
  'notices.pdf',
  'notices.previewBatch',
  'notices.previewStanding',
  'notices.streetPdf',
  'notices.standingPdf',
  'spotchecks.list',
  'spotchecks.frame',
  'spotchecks.draw',
  'spotchecks.get',
  'spotchecks.extend',
  'spotchecks.assign',
  'spotchecks.autoAssign',
  'spotchecks.recordFinding',
  'spotchecks.orderCorrection',
  'spotchecks.setDeadline',
  'spotchecks.closeCorrection',
  'spotchecks.export',
  'spotchecks.verifyPublished',
  'spotchecks.worksheetPdf',
  'spotchecks.reportPdf',
  'spotchecks.recordPdf',
  'sync.status',
  'sync.signIn',
  'sync.signOut',
  'sync.now',
  'sync.reset',
  'sync.rejections',
  'sync.resolveRejection',
] as const;

export type ChannelName = (typeof channelNames)[number];

export const eventNames = ['pdf.progress', 'sync.progress'] as const;
export type EventName = (typeof eventNames)[number];

/** The IPC channel string for a contract channel; one prefix so main can reject anything else. */
export function ipcChannel(name: ChannelName): string {
  return `api:${name}`;
}
export function ipcEventChannel(name: EventName): string {
  return `event:${name}`;
}
