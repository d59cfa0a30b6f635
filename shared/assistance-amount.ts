// How much a household is paid each month, from the local standard and its verified income. One copy:
// the economic investigation proposes with it, the demo generator drafts with it.

/** Rounds to whole yuan: assistance is paid in whole yuan. */
export function wholeYuan(fen: number): number {
  return Math.round(fen / 100) * 100;
}

/** The floor of a recognised household's 低保金 per person: 10 % of the standard, never a token amount. */
export function dibaoFloorFen(standardFen: number): number {
  return Math.ceil(standardFen / 10);
}

/**
 * 低保金 = (standard − per-capita income) × household size, with a floor of 10 % of the standard per
 * person so that a recognised household never receives a token amount.
 */
export function dibaoAmountFen(standardFen: number, perCapitaIncomeFen: number, size: number): number {
  const gap = Math.max(standardFen - perCapitaIncomeFen, dibaoFloorFen(standardFen));
  return wholeYuan(gap * size);
}

/** 特困人员基本生活标准: 1.3 × the local 低保 standard per person. */
export function tekunAmountFen(standardFen: number, size: number): number {
  return wholeYuan((standardFen * 13) / 10) * size;
}

/** Street offices may approve 临时救助 up to `months` of the standard on their own (whole hundreds of yuan). */
export function temporaryLimitFen(standardFen: number, months: number): number {
  return Math.floor((standardFen * months) / 10_000) * 10_000;
}
