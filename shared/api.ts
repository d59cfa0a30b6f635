// The one contract between renderer and main: each channel's argument and result schemas. Main
// validates arguments with these; the preload exposes exactly these channels as `window.api`.
import { IntakeResult, intakeArgs } from './intake';
import { CaseRecordView, HouseholdMatch, RevealedValue, caseRecordArgs } from './case-record';
import { InvestigatorOption, investigationArgs } from './investigation';
import { z } from 'zod';
import { CaseListQuery, CaseRow, DivisionCodeString, Region, SessionUser } from './domain';
import { CaseWindow, CaseWindowArgs } from './case-page';
import { SettingChange, Settings, SettingsPatch } from './settings';
import { OfficeList, officeArgs } from './office';
import { PdfFile } from './pdf-file';
import { NoticeBatchDetail, NoticeBatchPage, NoticeBatchSummary, NoticeDocument, NoticeDueMeeting, noticeArgs } from './notice';
import { CandidateCase, CloseResult, MeetingDetail, MeetingSummary, MinutesFile, RosterMemberView, StoredMinutes, meetingArgs } from './meeting';
import { DrawDetail, DrawExport, DrawItemsPage, DrawSummary, PublishedCheck, SpotCheckFrame, spotCheckArgs } from './spotcheck';
import { SyncRejectionView, SyncReport, SyncStatus, syncArgs } from './sync-view';
import { StartupState } from './startup';
import { exportArgs } from './export';
import { ImportMapping } from './import/fields';
import { ImportProgress, ImportReport, importArgs } from './import/report';
import { SavedFile } from './saved-file';
import { ReviewCaseResult, reviewCaseArgs } from './review-case';
import { RosterReminder, RosterView, rosterArgs } from './roster';
import { StatisticsView, statisticsArgs } from './statistics';
import { StreetCorrection, correctionArgs } from './corrections';
import { DueList, deathArgs, dueArgs, followUpArgs } from './due';
import { LockStatus, lockArgs } from './lock';
import { SetStandardArgs, SetStandardResult, StandardList } from './standards';
import type { ChannelName, EventName } from './channels';
import type { ApiResult } from './result';

const Empty = z.object({}).strict();

export const FontRole = z.enum(['title', 'body', 'heading']);
export type FontRole = z.infer<typeof FontRole>;

export const FontReport = z.object({
  fonts: z.array(
    z.object({
      role: FontRole,
      family: z.string(),
      source: z.enum(['official', 'bundled']),
      file: z.string(),
    }),
  ),
  officialMissing: z.array(z.string()),
});
export type FontReport = z.infer<typeof FontReport>;

export { PdfFile } from './pdf-file';

export const AppInfo = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  dataDir: z.string(),
  databaseFile: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AuditCheck = z.object({
  ok: z.boolean(),
  rows: z.number().int().nonnegative(),
  firstBrokenSeq: z.number().int().nullable(),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

/** A new, empty data file made for this copy: the app goes on with it, the previous file is left as it was. */
export const NewDataFile = z.object({ databaseFile: z.string(), previousFile: z.string() });
export type NewDataFile = z.infer<typeof NewDataFile>;

export const contract = {
  'app.startup': { args: Empty, result: StartupState },
  'app.info': { args: Empty, result: AppInfo },
  'app.newDataFile': { args: Empty, result: NewDataFile },
  'session.current': { args: Empty, result: SessionUser },
  'lock.status': { args: lockArgs.status, result: LockStatus },
  'lock.unlock': { args: lockArgs.unlock, result: LockStatus },
  'lock.setPin': { args: lockArgs.setPin, result: LockStatus },
  'lock.lockNow': { args: lockArgs.lockNow, result: LockStatus },
  'lock.signOut': { args: lockArgs.signOut, result: LockStatus },
  'lock.setIdleMinutes': { args: lockArgs.setIdleMinutes, result: LockStatus },
  'regions.list': { args: z.object({ under: DivisionCodeString.optional() }).strict(), result: z.array(Region) },
  'regions.offices': { args: officeArgs.list, result: OfficeList },
  'regions.setOffice': { args: officeArgs.update, result: OfficeList },
  'cases.intake': { args: intakeArgs.apply, result: IntakeResult },
  'cases.list': { args: CaseListQuery, result: z.array(CaseRow) },
  'cases.page': { args: CaseWindowArgs, result: CaseWindow },
  'cases.record': { args: caseRecordArgs.record, result: CaseRecordView },
  'cases.findHousehold': { args: caseRecordArgs.findHousehold, result: z.array(HouseholdMatch) },
  'cases.investigators': { args: caseRecordArgs.investigators, result: z.array(InvestigatorOption) },
  'cases.recordInvestigation': { args: investigationArgs.record, result: CaseRecordView },
  'cases.fileCloseRelative': { args: caseRecordArgs.fileCloseRelative, result: CaseRecordView },
  'cases.recordComplaint': { args: caseRecordArgs.recordComplaint, result: CaseRecordView },
  'cases.closeComplaint': { args: caseRecordArgs.closeComplaint, result: CaseRecordView },
  'cases.recordPrepayment': { args: caseRecordArgs.recordPrepayment, result: CaseRecordView },
  'cases.reveal': { args: caseRecordArgs.reveal, result: RevealedValue },
  'cases.openReview': { args: reviewCaseArgs.open, result: ReviewCaseResult },
  'households.edit': { args: caseRecordArgs.editHousehold, result: CaseRecordView },
  'households.editMember': { args: caseRecordArgs.editMember, result: CaseRecordView },
  'households.addMember': { args: caseRecordArgs.addMember, result: CaseRecordView },
  'households.removeMember': { args: caseRecordArgs.removeMember, result: CaseRecordView },
  'households.recordDeath': { args: deathArgs.record, result: CaseRecordView },
  'cases.recordFollowUp': { args: followUpArgs.record, result: CaseRecordView },
  'due.list': { args: dueArgs.list, result: DueList },
  'settings.get': { args: Empty, result: Settings },
  'settings.update': { args: SettingsPatch, result: Settings },
  'settings.changes': { args: Empty, result: z.array(SettingChange) },
  'standards.list': { args: Empty, result: StandardList },
  'standards.set': { args: SetStandardArgs, result: SetStandardResult },
  'fonts.report': { args: Empty, result: FontReport },
  'pdf.communityCases': { args: z.object({ communityCode: DivisionCodeString }).strict(), result: PdfFile },
  'audit.verify': { args: Empty, result: AuditCheck },
  'meetings.list': { args: meetingArgs.list, result: z.array(MeetingSummary) },
  'meetings.get': { args: meetingArgs.get, result: MeetingDetail },
  'meetings.roster': { args: meetingArgs.roster, result: z.array(RosterMemberView) },
  'meetings.candidates': { args: meetingArgs.candidates, result: z.array(CandidateCase) },
  'meetings.create': { args: meetingArgs.create, result: MeetingDetail },
  'meetings.update': { args: meetingArgs.update, result: MeetingDetail },
  'meetings.addItem': { args: meetingArgs.addItem, result: MeetingDetail },
  'meetings.removeItem': { args: meetingArgs.removeItem, result: MeetingDetail },
  'meetings.setAttendance': { args: meetingArgs.setAttendance, result: MeetingDetail },
  'meetings.markAllPresent': { args: meetingArgs.markAllPresent, result: MeetingDetail },
  'meetings.addObserver': { args: meetingArgs.addObserver, result: MeetingDetail },
  'meetings.removeObserver': { args: meetingArgs.removeObserver, result: MeetingDetail },
  'meetings.open': { args: meetingArgs.open, result: MeetingDetail },
  'meetings.addRecusal': { args: meetingArgs.addRecusal, result: MeetingDetail },
  'meetings.removeRecusal': { args: meetingArgs.removeRecusal, result: MeetingDetail },
  'meetings.recordDecision': { args: meetingArgs.recordDecision, result: MeetingDetail },
  'meetings.clearDecision': { args: meetingArgs.clearDecision, result: MeetingDetail },
  'meetings.close': { args: meetingArgs.close, result: CloseResult },
  'meetings.minutesPdf': { args: meetingArgs.minutesPdf, result: MinutesFile },
  'meetings.storedMinutes': { args: meetingArgs.storedMinutes, result: StoredMinutes },
  'notices.list': { args: noticeArgs.list, result: NoticeBatchPage },
  'notices.due': { args: noticeArgs.due, result: z.array(NoticeDueMeeting) },
  'notices.get': { args: noticeArgs.get, result: NoticeBatchDetail },
  'notices.createFromMeeting': { args: noticeArgs.createFromMeeting, result: z.array(NoticeBatchSummary) },
  'notices.setPeriod': { args: noticeArgs.setPeriod, result: NoticeBatchDetail },
  'notices.setMeetingPeriod': { args: noticeArgs.setMeetingPeriod, result: z.array(NoticeBatchSummary) },
  'notices.post': { args: noticeArgs.post, result: NoticeBatchDetail },
  'notices.end': { args: noticeArgs.end, result: NoticeBatchDetail },
  'notices.recordObjection': { args: noticeArgs.recordObjection, result: NoticeBatchDetail },
  'notices.pdf': { args: noticeArgs.pdf, result: PdfFile },
  'notices.previewBatch': { args: noticeArgs.previewBatch, result: NoticeDocument },
  'notices.previewStanding': { args: noticeArgs.previewStanding, result: NoticeDocument },
  'notices.streetPdf': { args: noticeArgs.streetPdf, result: PdfFile },
  'notices.standingPdf': { args: noticeArgs.standingPdf, result: PdfFile },
  'spotchecks.list': { args: spotCheckArgs.list, result: z.array(DrawSummary) },
  'spotchecks.frame': { args: spotCheckArgs.frame, result: SpotCheckFrame },
  'spotchecks.draw': { args: spotCheckArgs.draw, result: DrawDetail },
  'spotchecks.get': { args: spotCheckArgs.get, result: DrawDetail },
  'spotchecks.items': { args: spotCheckArgs.items, result: DrawItemsPage },
  'spotchecks.extend': { args: spotCheckArgs.extend, result: DrawDetail },
  'spotchecks.assign': { args: spotCheckArgs.assign, result: DrawDetail },
  'spotchecks.autoAssign': { args: spotCheckArgs.autoAssign, result: DrawDetail },
  'spotchecks.recordFinding': { args: spotCheckArgs.recordFinding, result: DrawDetail },
  'spotchecks.orderCorrection': { args: spotCheckArgs.orderCorrection, result: DrawDetail },
  'spotchecks.setDeadline': { args: spotCheckArgs.setDeadline, result: DrawDetail },
  'spotchecks.closeCorrection': { args: spotCheckArgs.closeCorrection, result: DrawDetail },
  'spotchecks.export': { args: spotCheckArgs.exportDraw, result: DrawExport },
  'spotchecks.verifyPublished': { args: spotCheckArgs.verifyPublished, result: PublishedCheck },
  'spotchecks.worksheetPdf': { args: spotCheckArgs.worksheetPdf, result: PdfFile },
  'spotchecks.reportPdf': { args: spotCheckArgs.reportPdf, result: PdfFile },
  'spotchecks.recordPdf': { args: spotCheckArgs.recordPdf, result: PdfFile },
  // Corrections both ways (issue 17 item 2)
  'corrections.list': { args: correctionArgs.list, result: z.array(StreetCorrection) },
  'corrections.answer': { args: correctionArgs.answer, result: z.array(StreetCorrection) },
  'corrections.review': { args: correctionArgs.review, result: DrawDetail },
  'sync.status': { args: syncArgs.status, result: SyncStatus },
  'sync.signIn': { args: syncArgs.signIn, result: SyncStatus },
  'sync.signOut': { args: syncArgs.signOut, result: SyncStatus },
  'sync.now': { args: syncArgs.now, result: SyncReport },
  'sync.reset': { args: syncArgs.reset, result: SyncStatus },
  'sync.rejections': { args: syncArgs.rejections, result: z.array(SyncRejectionView) },
  'sync.resolveRejection': { args: syncArgs.resolveRejection, result: z.array(SyncRejectionView) },
  'imports.template': { args: exportArgs.template, result: SavedFile },
  'imports.check': { args: importArgs.check, result: ImportReport },
  'imports.run': { args: importArgs.run, result: ImportReport },
  'imports.refusals': { args: importArgs.refusals, result: SavedFile },
  'imports.mappings': { args: Empty, result: z.array(ImportMapping) },
  'imports.saveMapping': { args: importArgs.saveMapping, result: z.array(ImportMapping) },
  'imports.deleteMapping': { args: importArgs.deleteMapping, result: z.array(ImportMapping) },
  'exports.cases': { args: exportArgs.cases, result: SavedFile },
  'exports.decisions': { args: exportArgs.decisions, result: SavedFile },
  'exports.notice': { args: exportArgs.notice, result: SavedFile },
  'exports.sample': { args: exportArgs.sample, result: SavedFile },
  'roster.view': { args: rosterArgs.summary, result: RosterView },
  'roster.pdf': { args: rosterArgs.pdf, result: PdfFile },
  'roster.xlsx': { args: rosterArgs.xlsx, result: SavedFile },
  'roster.reminder': { args: rosterArgs.reminder, result: RosterReminder },
  'roster.markSent': { args: rosterArgs.markSent, result: RosterReminder },
  'statistics.view': { args: statisticsArgs.view, result: StatisticsView },
  'statistics.pdf': { args: statisticsArgs.pdf, result: PdfFile },
  'statistics.xlsx': { args: statisticsArgs.xlsx, result: SavedFile },
} as const satisfies Record<ChannelName, { args: z.ZodType; result: z.ZodType }>;

// Every name in channels.ts has a schema and every schema has a name.
type ContractKeys = keyof typeof contract;
const _sameChannels: [ContractKeys] extends [ChannelName] ? ([ChannelName] extends [ContractKeys] ? true : never) : never = true;
void _sameChannels;

export type ArgsOf<K extends ChannelName> = z.input<(typeof contract)[K]['args']>;
export type ParsedArgsOf<K extends ChannelName> = z.output<(typeof contract)[K]['args']>;
export type ResultOf<K extends ChannelName> = z.output<(typeof contract)[K]['result']>;

export const eventContract = {
  'pdf.progress': z.object({ jobId: z.string(), done: z.number().int(), total: z.number().int() }),
  /** total 0: not known yet. */
  'sync.progress': z.object({ phase: z.enum(['push', 'pull']), done: z.number().int(), total: z.number().int() }),
  'import.progress': ImportProgress,
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

/** What the renderer sees as `window.api`. */
export type RendererApi = {
  [K in ChannelName]: (args: ArgsOf<K>) => Promise<ApiResult<ResultOf<K>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
