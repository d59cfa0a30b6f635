// The printed sentences of a notice (公示) that the PDF template and the preview share. Plain functions
// of the notice's fields, apart from shared/notice.ts and shared/office.ts, whose schemas the PDF worker
// would otherwise load (zod and every schema) before its first notice.

/** The fields of a notice that say where and how to object. */
export type ObjectionSource = {
  kind: 'batch' | 'standing';
  issuer: string;
  objection: { address: string; phone: string; hotlines: readonly { label: string; number: string }[] };
};

/** The hotlines as a clause of a notice: "民政服务热线 12349 或政务服务便民热线 12345"; '' when there are none. */
export function hotlineClause(hotlines: ObjectionSource['objection']['hotlines']): string {
  return hotlines.map((h) => `${h.label} ${h.number}`).join('或');
}

/** "（地址：…，电话：…）", leaving out what the office record does not give. */
function contactOf(objection: ObjectionSource['objection']): string {
  const parts = [objection.address.trim() && `地址：${objection.address.trim()}`, objection.phone.trim() && `电话：${objection.phone.trim()}`].filter((s) => s !== '');
  return parts.length === 0 ? '' : `（${parts.join('，')}）`;
}

/**
 * How to object, as printed and as previewed: to the issuing office, with its address and phone, and
 * by the hotlines it publishes ("，也可拨打民政服务热线 12349 或政务服务便民热线 12345"), whichever it has.
 */
export function objectionSentence(doc: ObjectionSource): string {
  const when = doc.kind === 'batch' ? '公示期间，' : '';
  const lines = hotlineClause(doc.objection.hotlines);
  return `${when}如对公示对象有异议，可向${doc.issuer}反映${contactOf(doc.objection)}${lines === '' ? '' : `，也可拨打${lines}`}。`;
}
