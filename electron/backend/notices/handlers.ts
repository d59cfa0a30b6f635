import type { HandlerMap } from '../handlers/registry';
import { currentUser } from '../session/session';
import { createFromMeeting, dueMeetings, endBatch, getBatch, listBatches, postBatch, recordObjection, setPeriod } from './notice-batches';
import { batchNoticeDocument, standingNoticeDocument, writeBatchNotice, writeStandingNotice, writeStreetNotice } from './notice-pdf';
import { assertWithin } from '../session/access';

export const noticeHandlers: HandlerMap<
  | 'notices.list'
  | 'notices.due'
  | 'notices.get'
  | 'notices.createFromMeeting'
  | 'notices.setPeriod'
  | 'notices.post'
  | 'notices.end'
  | 'notices.recordObjection'
  | 'notices.pdf'
  | 'notices.previewBatch'
  | 'notices.previewStanding'
  | 'notices.streetPdf'
  | 'notices.standingPdf'
> = {
  'notices.list': async (_args, ctx) => listBatches(ctx.db, (await currentUser(ctx.db)).regionCode),
  'notices.due': async (_args, ctx) => dueMeetings(ctx.db, (await currentUser(ctx.db)).regionCode),
  'notices.get': async (args, ctx) => getBatch(ctx, args.batchId),
  'notices.createFromMeeting': async (args, ctx) => createFromMeeting(ctx, args),
  'notices.setPeriod': async (args, ctx) => setPeriod(ctx, args),
  'notices.post': async (args, ctx) => postBatch(ctx, args),
  'notices.end': async (args, ctx) => endBatch(ctx, args),
  'notices.recordObjection': async (args, ctx) => recordObjection(ctx, args),
  'notices.pdf': async (args, ctx) => writeBatchNotice(ctx, args.batchId),
  'notices.previewBatch': async (args, ctx) => {
    const doc = await batchNoticeDocument(ctx, [args.batchId]);
    for (const section of doc.sections) assertWithin(await currentUser(ctx.db), section.communityCode, '这批公示');
    return doc;
  },
  'notices.previewStanding': async (args, ctx) => standingNoticeDocument(ctx, args.communityCode),
  'notices.streetPdf': async (args, ctx) => writeStreetNotice(ctx, args.meetingId),
  'notices.standingPdf': async (args, ctx) => writeStandingNotice(ctx, args.communityCode),
};
