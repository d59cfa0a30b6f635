// Receiving the centre's snapshot (server/snapshot.ts) into a staging file beside the copy: read as a
// stream, line by line, each line checked before a byte of it is written, rows written with prepared
// multi-row inserts into plain tables without indexes, triggers or journal. Nothing here touches the
// copy: the staging file is swapped in by snapshot-apply.ts only once the trailer has checked out, and
// a crash or a refusal leaves just the staging file, which the next attempt deletes.
import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { keyOf, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SyncedEntity, syncedEntities, SYNC_API } from '../../../shared/sync';
import { latestSchemaVersion } from '../../../migrations';
import { answerError, SyncError } from './http';

export type SnapshotLimits = {
  /** The most the client reads of a snapshot in all; beyond it, it stops and keeps its copy as it was. */
  maxBytes: number;
  /** The longest line (one table's header or one chunk of rows). */
  maxLineBytes: number;
  /** How long the stream may stay silent before the client gives up on it. */
  idleMs: number;
};
export const defaultSnapshotLimits: SnapshotLimits = { maxBytes: 4 * 1024 ** 3, maxLineBytes: 64 * 1024 ** 2, idleMs: 30_000 };

/** What arrived, checked against the trailer, in the staging file. */
export type StagedSnapshot = { file: string; cursor: string; tables: { entity: SyncedEntity; columns: string[] }[]; rows: number };

const refused = (why: string) => new SyncError('bad-response', `中心服务器发来的首次同步数据${why}，已停止接收，本机数据没有任何改动；请稍后再同步，如仍出现请联系技术支持`);
const sizeText = (n: number) => (n >= 1 << 20 ? `${Math.round(n / (1 << 20))} MB` : `${Math.round(n / 1024)} KB`);
const COLUMN = /^[a-z_][a-z0-9_]{0,63}$/;
/** Bound values per multi-row insert, below SQLite's 32,766. */
const VALUES_PER_INSERT = 30_000;

export const stagingFileOf = (databaseFile: string) => `${databaseFile}.snapshot`;

export function removeStaging(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Opens the snapshot as `token`: the answer when it is one, null when the centre has no snapshots (an
 * older centre: 404) or is busy making them for others (429), so the caller pulls page by page.
 */
export async function openSnapshot(base: URL, token: string, idleMs: number): Promise<{ response: Response; controller: AbortController } | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), idleMs);
  let response: Response;
  try {
    response = await fetch(new URL(`${SYNC_API}/sync/snapshot?schemaVersion=${latestSchemaVersion}`, base), {
      headers: { accept: 'application/x-ndjson', authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
  } catch {
    throw new SyncError('network', '无法连接中心服务器，请检查网络或服务器地址');
  } finally {
    clearTimeout(timer);
  }
  if (response.ok) return { response, controller };
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = JSON.parse(text.slice(0, 100_000));
  } catch {
    // Not JSON: the status says enough.
  }
  if (response.status === 404 || response.status === 429) return null;
  throw answerError(response.status, json);
}

/** Splits a byte stream into lines without copying a long line more than once. */
async function* lines(body: ReadableStream<Uint8Array>, limits: SnapshotLimits, controller: AbortController): AsyncGenerator<string> {
  const reader = body.getReader();
  let parts: Buffer[] = [];
  let partial = 0;
  let total = 0;
  let timer = setTimeout(() => controller.abort(), limits.idleMs);
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new SyncError('network', '接收首次同步数据时与中心服务器的连接中断，本机数据没有任何改动；请再同步一次');
      }
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), limits.idleMs);
      if (chunk.done) break;
      const bytes = Buffer.from(chunk.value.buffer, chunk.value.byteOffset, chunk.value.byteLength);
      total += bytes.length;
      if (total > limits.maxBytes) throw refused(`超过 ${sizeText(limits.maxBytes)} 的上限`);
      let start = 0;
      for (let nl = bytes.indexOf(10, start); nl !== -1; nl = bytes.indexOf(10, start)) {
        const piece = bytes.subarray(start, nl);
        yield parts.length === 0 ? piece.toString('utf8') : Buffer.concat([...parts, piece]).toString('utf8');
        parts = [];
        partial = 0;
        start = nl + 1;
      }
      if (start < bytes.length) {
        parts.push(bytes.subarray(start));
        partial += bytes.length - start;
        if (partial > limits.maxLineBytes) throw refused('中有一行过长');
      }
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
  if (partial > 0) throw refused('不完整（最后一行没有结束）');
}

const isValue = (v: unknown) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

function parseLine(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refused('格式不对（有一行不是有效的数据）');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refused('格式不对');
  return value as Record<string, unknown>;
}

type Table = { entity: SyncedEntity; columns: string[]; count: number; many: BetterSqlite3.Statement; perInsert: number; one: BetterSqlite3.Statement };

/**
 * Reads the whole snapshot into `file` (made anew), checking each line: the header first, tables known
 * and in the sync order, each once, with their key column; every row as long as its columns and holding
 * only scalars; and at the end a trailer whose counts match what came. Anything else is refused.
 */
export async function receiveSnapshot(opened: { response: Response; controller: AbortController }, file: string, limits: SnapshotLimits, onRows: (rows: number) => void): Promise<StagedSnapshot> {
  const { response, controller } = opened;
  if (!response.body) throw refused('是空的');
  removeStaging(file);
  const staging = new BetterSqlite3(file);
  try {
    staging.pragma('journal_mode = OFF');
    staging.pragma('synchronous = OFF');
    staging.pragma('locking_mode = EXCLUSIVE');
    staging.prepare('BEGIN').run();
    let cursor: string | null = null;
    let table: Table | null = null;
    const tables: Table[] = [];
    let rows = 0;
    let ended = false;
    for await (const text of lines(response.body, limits, controller)) {
      const line = parseLine(text);
      if (ended) throw refused('在结束标记之后还有内容');
      if (cursor === null) {
        if (line.format !== SNAPSHOT_FORMAT || line.version !== SNAPSHOT_VERSION || typeof line.cursor !== 'string' || line.cursor.length === 0 || line.cursor.length > 200) throw refused('开头不对（不是本程序能读的格式）');
        cursor = line.cursor;
      } else if ('table' in line) {
        table = startTable(staging, line, tables[tables.length - 1]?.entity ?? null);
        tables.push(table);
      } else if ('rows' in line) {
        if (!table || !Array.isArray(line.rows)) throw refused('格式不对（数据行不属于任何表）');
        writeRows(table, line.rows as unknown[]);
        rows += line.rows.length;
        onRows(rows);
      } else if (line.end === true) {
        checkCounts(tables, line.counts);
        ended = true;
      } else throw refused('格式不对（有一行不认识）');
    }
    if (!ended) throw refused('不完整（没有结束标记，可能连接中断）');
    staging.prepare('COMMIT').run();
    return { file, cursor: cursor!, tables: tables.map((t) => ({ entity: t.entity, columns: t.columns })), rows };
  } finally {
    controller.abort();
    staging.close();
  }
}

function startTable(staging: BetterSqlite3.Database, line: Record<string, unknown>, previous: SyncedEntity | null): Table {
  const entity = SyncedEntity.safeParse(line.table);
  if (!entity.success) throw refused(`中有本程序不认识的表（${String(line.table).slice(0, 40)}）`);
  if (previous !== null && syncedEntities.indexOf(entity.data) <= syncedEntities.indexOf(previous)) throw refused(`中“${entity.data}”表重复或次序不对`);
  const columns = line.columns;
  if (!Array.isArray(columns) || columns.length === 0 || columns.length > 500 || !columns.every((c) => typeof c === 'string' && COLUMN.test(c)) || new Set(columns).size !== columns.length) {
    throw refused(`中“${entity.data}”表的列名不对`);
  }
  if (!columns.includes(keyOf(entity.data))) throw refused(`中“${entity.data}”表缺少编号列`);
  const names = columns as string[];
  // Plain columns, no types: values stay as sent, and the copy's own columns give them their types.
  staging.prepare(`CREATE TABLE "${entity.data}" (${names.map((c) => `"${c}"`).join(', ')})`).run();
  const tuple = `(${names.map(() => '?').join(', ')})`;
  const perInsert = Math.max(1, Math.min(500, Math.floor(VALUES_PER_INSERT / names.length)));
  const insert = (n: number) => staging.prepare(`INSERT INTO "${entity.data}" VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`);
  return { entity: entity.data, columns: names, count: 0, many: insert(perInsert), perInsert, one: insert(1) };
}

function writeRows(table: Table, rows: unknown[]): void {
  const width = table.columns.length;
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== width || !row.every(isValue)) throw refused(`中“${table.entity}”表有一行与列对不上`);
  }
  let i = 0;
  if (rows.length >= table.perInsert) {
    const values: unknown[] = new Array(table.perInsert * width);
    for (; i + table.perInsert <= rows.length; i += table.perInsert) {
      for (let r = 0; r < table.perInsert; r++) {
        const row = rows[i + r] as unknown[];
        for (let c = 0; c < width; c++) values[r * width + c] = row[c];
      }
      table.many.run(values);
    }
  }
  for (; i < rows.length; i++) table.one.run(rows[i] as unknown[]);
  table.count += rows.length;
}

function checkCounts(tables: Table[], counts: unknown): void {
  if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) throw refused('的结束标记不对');
  const declared = counts as Record<string, unknown>;
  const got = Object.fromEntries(tables.map((t) => [t.entity, t.count]));
  const names = new Set([...Object.keys(declared), ...Object.keys(got)]);
  for (const name of names) {
    if (declared[name] !== got[name]) throw refused(`与结束标记对不上（“${name}”表应有 ${String(declared[name] ?? 0)} 行，实收 ${got[name] ?? 0} 行）`);
  }
}
