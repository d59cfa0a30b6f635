// The two halves of a correction's loop after the bureau ordered it (spotchecks.orderCorrection): the
// street answers what it did, and the bureau's section chief accepts the answer (the correction is done,
// its result the answer) or returns it with a note (open again, the note shown to the street).
import { canOrganiseSpotCheck, canWriteStreet } from '../../../shared/access';
import { correctionArgs } from '../../../shared/corrections';
import { AppError } from '../../../shared/result';
import { defineCommand, type CommandContext } from '../commands/command';
import { drawReply } from '../spotchecks/draw-view';
import { listCorrections } from './correction-view';

const problem = (field: string, message: string) => new AppError('validation', message, { problems: [{ field, message }] });

async function correctionOf(cx: CommandContext, args: { correctionId: string }) {
  const c = await cx.trx
    .selectFrom('corrections as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .select(['k.id', 'k.street_code', 'k.status', 'k.ordered_on', 'c.household_id'])
    .where('k.id', '=', args.correctionId)
    .executeTakeFirst();
  if (!c) throw new AppError('not-found', '没有找到这项整改');
  return c;
}

/** A case named by an answer must be this street's and of the same household as the corrected case. */
async function namedCase(cx: CommandContext, caseId: string, at: { street_code: string; household_id: string }, field: string) {
  const c = await cx.trx.selectFrom('cases').select(['id', 'street_code', 'household_id']).where('id', '=', caseId).executeTakeFirst();
  if (!c || c.street_code !== at.street_code) throw problem(field, '答复中的个案不存在，或不是本街道的个案');
  if (c.household_id !== at.household_id) throw problem(field, '答复中的个案不是被要求整改的这一户的');
  return c;
}

export const answerCorrection = defineCommand({
  name: 'corrections.answer',
  label: '答复整改',
  args: correctionArgs.answer,
  load: correctionOf,
  access: (user, c) => canWriteStreet(user, c.street_code, '整改'),
  async run(cx, args, c) {
    if (c.status === 'done') throw new AppError('conflict', '这项整改已经审核通过，不能再答复');
    if (c.status === 'answered') throw new AppError('conflict', '上一次答复正在等待区民政局审核，请等审核后再答复');
    if (args.answeredOn > cx.today) throw problem('answeredOn', '答复日期不能晚于今天');
    if (args.answeredOn < c.ordered_on) throw problem('answeredOn', '答复日期不能早于整改下达日期');
    let caseId = args.caseId ?? null;
    if (caseId) await namedCase(cx, caseId, c, 'caseId');
    const decisionId = args.decisionId ?? null;
    if (decisionId) {
      const d = await cx.trx.selectFrom('decisions as d').innerJoin('meetings as m', 'm.id', 'd.meeting_id').select(['d.id', 'd.case_id', 'm.status']).where('d.id', '=', decisionId).executeTakeFirst();
      if (!d) throw problem('decisionId', '答复中的决定不存在');
      // Until its meeting closes a decision may still be voted again or cleared: only a final one answers.
      if (d.status !== 'closed') throw problem('decisionId', '答复中的决定所在会议尚未结束，会议结束后再以该决定答复');
      await namedCase(cx, d.case_id, c, 'decisionId');
      if (caseId && caseId !== d.case_id) throw problem('decisionId', '答复中的决定不是所列个案的决定');
      caseId = d.case_id;
    }
    await cx.expect('corrections', c.id);
    const id = cx.id('correction-answer');
    await cx.trx
      .insertInto('correction_answers')
      .values({ id, correction_id: c.id, street_code: c.street_code, answered_on: args.answeredOn, answer: args.answer, case_id: caseId, decision_id: decisionId, answered_by: cx.user.id, answered_at: cx.at, review: 'pending', reviewed_by: null, reviewed_at: null, updated_at: cx.at })
      .execute();
    await cx.trx.updateTable('corrections').set({ status: 'answered', updated_at: cx.at }).where('id', '=', c.id).execute();
    cx.audit({ action: 'correction.answer', entity: 'correction', entityId: c.id, details: { answerId: id, caseId, decisionId, answeredOn: args.answeredOn } });
    // The day it was answered, so that the reply flags what is overdue as of then.
    return cx.today;
  },
  reply: (db, user, today) => listCorrections(db, user, today),
});

async function answerOf(cx: CommandContext, args: { answerId: string }) {
  const a = await cx.trx
    .selectFrom('correction_answers as a')
    .innerJoin('corrections as k', 'k.id', 'a.correction_id')
    .select(['a.id', 'a.review', 'a.answer', 'a.answered_on', 'a.answered_at', 'k.id as correction_id', 'k.street_code', 'k.finding_id', 'k.status'])
    .where('a.id', '=', args.answerId)
    .executeTakeFirst();
  if (!a) throw new AppError('not-found', '没有找到这条整改答复');
  return a;
}

export const reviewCorrectionAnswer = defineCommand({
  name: 'corrections.review',
  label: '审核整改答复',
  args: correctionArgs.review,
  load: answerOf,
  access: (user, a) => canOrganiseSpotCheck(user, '审核整改答复', a.street_code.slice(0, 6)),
  async run(cx, args, a) {
    if (a.review !== 'pending' || a.status !== 'answered') throw new AppError('conflict', '这条答复已经审核过');
    cx.notBefore(a.answered_at, '街道答复的时间');
    await cx.expect('correction_answers', a.id);
    await cx.expect('corrections', a.correction_id);
    await cx.trx
      .updateTable('correction_answers')
      .set({ review: args.verdict, review_note: args.note, reviewed_by: cx.user.id, reviewed_at: cx.at, updated_at: cx.at })
      .where('id', '=', a.id)
      .execute();
    // Accepted: the correction is done, its result what the street answered. Returned: open again.
    const done = args.verdict === 'accepted';
    await cx.trx
      .updateTable('corrections')
      .set(done ? { status: 'done', result: a.answer, closed_on: cx.today < a.answered_on ? a.answered_on : cx.today, updated_at: cx.at } : { status: 'open', updated_at: cx.at })
      .where('id', '=', a.correction_id)
      .execute();
    cx.audit({ action: 'correction.review', entity: 'correction', entityId: a.correction_id, details: { answerId: a.id, verdict: args.verdict } });
    const draw = await cx.trx
      .selectFrom('spot_check_findings as f')
      .innerJoin('spot_check_items as i', 'i.id', 'f.item_id')
      .select('i.draw_id')
      .where('f.id', '=', a.finding_id)
      .executeTakeFirst();
    if (!draw) throw new AppError('not-found', '没有找到这项整改所依据的核查结论');
    return draw.draw_id;
  },
  reply: drawReply,
});
