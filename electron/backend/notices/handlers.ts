import type { HandlerMap } from '../handlers/registry';
import { batchPage, dueMeetings, getBatch } from './notice-batches';
import { assertReadable, batchNoticeDocument, standingNoticeDocument, writeBatchNotice, writeStandingNotice, writeStreetNotice } from './notice-pdf';

/** The notice channels that only read or print; the writes are the commands of notice-batches.ts. */
export const noticeHandlers: HandlerMap<
  'notices.list' | 'notices.due' | 'notices.get' | 'notices.pdf' | 'notices.previewBatch' | 'notices.previewStanding' | 'notices.streetPdf' | 'notices.standingPdf'
> = {
  'notices.list': async (args, ctx, caller) => batchPage(ctx.db, caller.signedIn().regionCode, args),
  'notices.due': async (_args, ctx, caller) => dueMeetings(ctx.db, caller.signedIn().regionCode),
  'notices.get': async (args, ctx, caller) => getBatch(ctx, caller.signedIn(), args.batchId),
  'notices.pdf': async (args, ctx, caller) => writeBatchNotice(ctx, caller.signedIn(), args.batchId),
  'notices.previewBatch': async (args, ctx, caller) => {
    const user = caller.signedIn();
    const doc = await batchNoticeDocument(ctx, [args.batchId]);
    assertReadable(user, doc);
    return doc;
  },
  'notices.previewStanding': async (args, ctx, caller) => standingNoticeDocument(ctx, caller.signedIn(), args.communityCode),
  'notices.streetPdf': async (args, ctx, caller) => writeStreetNotice(ctx, caller.signedIn(), args.meetingId),
  'notices.standingPdf': async (args, ctx, caller) => writeStandingNotice(ctx, caller.signedIn(), args.communityCode),
};
