// What a caseworker types into the cases search, reduced to what the data holds. Chinese input methods
// in full-width mode give ０-９, Ｘ and －; a pasted ID number often carries spaces. NFKC folds the
// full-width forms to ASCII; no name, case number, ID number or phone contains white space.

/** The search text as it is compared: full-width folded to ASCII, white space removed, x upper-cased. */
export function normaliseCaseSearch(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/x/g, 'X');
}

/** A whole 18-character resident ID number (checked only for shape: a search, not a validation). */
export function looksLikeCitizenId(q: string): boolean {
  return /^\d{17}[\dX]$/.test(q);
}

/** A whole 11-digit mainland mobile number. */
export function looksLikeMobile(q: string): boolean {
  return /^1\d{10}$/.test(q);
}
