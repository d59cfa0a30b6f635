// pinyin_key(text): a sort key whose byte order is the pinyin order of Intl.Collator('zh-Hans-CN-u-co-pinyin'),
// so SQLite can sort names as a Chinese reader expects (better-sqlite3 registers functions, not collations).
// In that collation nearly every Han character has a weight of its own (the few that tie share a rank),
// so comparing two names is comparing their characters' ranks in turn; each character becomes one code point
// of its rank, and UTF-8 keeps code-point order under SQLite's byte comparison. Checked against the collator
// on the generated district by tests/integration/case-window.test.ts.
import type BetterSqlite3 from 'better-sqlite3';

/** The Han blocks a name may draw on: Extension A and the basic block, the compatibility ideographs, Extension B. */
const HAN_BLOCKS: readonly (readonly [number, number])[] = [
  [0x3400, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x2a6df],
];
/** Ranks start above the ASCII and Latin range, where characters other than Han keep their own code point. */
const RANK_BASE = 0x1000;

let ranks: Map<number, string> | null = null;

/** Each Han character's key character, in pinyin order, built once (about 0.15 s) when first asked. */
function hanRanks(): Map<number, string> {
  if (ranks !== null) return ranks;
  const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  const chars: string[] = [];
  for (const [first, last] of HAN_BLOCKS) for (let cp = first; cp <= last; cp++) chars.push(String.fromCodePoint(cp));
  chars.sort(pinyin.compare);
  const table = new Map<number, string>();
  let rank = 0;
  chars.forEach((ch, i) => {
    // A few characters the collation holds equal (a compatibility form and its unified one) share a rank.
    if (i > 0 && pinyin.compare(chars[i - 1]!, ch) !== 0) rank++;
    const cp = RANK_BASE + rank;
    // Past U+D7FF the surrogates are skipped: a key must stay valid UTF-8 for SQLite to compare its bytes.
    table.set(ch.codePointAt(0)!, String.fromCodePoint(cp < 0xd800 ? cp : cp + 0x800));
  });
  ranks = table;
  return table;
}

/** The key of one name. Characters outside those blocks (a middle dot, Latin letters) sort before Han, by code point. */
export function pinyinKey(text: string): string {
  const table = hanRanks();
  let key = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    key += table.get(cp) ?? (cp < RANK_BASE ? ch : String.fromCharCode(RANK_BASE - 1));
  }
  return key;
}

/**
 * The desk's own record of which collation data its pinyin indexes were built with. Not the centre's:
 * PostgreSQL gets neither this table nor those indexes (server/postgres/schema.ts, copy.ts).
 */
export const SORT_KEY_VERSIONS_TABLE = 'sort_key_versions';

/** An index keyed by pinyin_key: the desk's grid alone reads it, and only a connection with the function can write it. */
export const isPinyinIndex = (createSql: string): boolean => createSql.includes('pinyin_key(');

/** What the keys depend on: the runtime's collation data. An index built under another version is rebuilt. */
export function pinyinKeyVersion(): string {
  return `icu ${process.versions.icu ?? '?'}, unicode ${process.versions.unicode ?? '?'}, cldr ${process.versions.cldr ?? '?'}`;
}

export function registerPinyinKey(sqlite: BetterSqlite3.Database): void {
  sqlite.function('pinyin_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? pinyinKey(text) : null));
}

/**
 * Rebuilds the indexes keyed by pinyin_key when they were built under other collation data than this
 * runtime's (a database moved between the CLI's Node and Electron, or an update of either): SQLite trusts a
 * deterministic function to give the same key forever, and an index built with other keys would be read
 * wrongly. Nothing to do before migration 0011 has run, or when the versions agree (one read).
 */
export function rebuildStaleSortKeys(sqlite: BetterSqlite3.Database): void {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sort_key_versions'").get();
  if (!hasTable) return;
  const current = pinyinKeyVersion();
  const stale = sqlite.prepare('SELECT index_name FROM sort_key_versions WHERE version <> ?').pluck().all(current) as string[];
  if (stale.length === 0) return;
  sqlite.transaction(() => {
    for (const name of stale) {
      // Names come from our own table, written by our migration; quoted all the same.
      sqlite.exec(`REINDEX "${name.replace(/"/g, '""')}"`);
      sqlite.prepare('UPDATE sort_key_versions SET version = ? WHERE index_name = ?').run(current, name);
    }
  })();
}
