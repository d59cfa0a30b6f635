// Whether a client holds exactly the central rows it should: for every synced table, the server's rows
// inside the user's jurisdiction (spot checks for the bureau only) against all of the client's rows,
// column for column, version included.
import type BetterSqlite3 from 'better-sqlite3';
import { isBureauRole } from '../../shared/access';
import { keyOf, syncedEntities, type Account, type SyncedEntity } from '../../shared/sync';
import { audienceOf, handedDown, scopeSql } from '../../server/scope';

function rows(sqlite: BetterSqlite3.Database, sqlText: string, ...params: unknown[]): string[] {
  return (sqlite.prepare(sqlText).all(...params) as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort();
}

/** The tables whose rows differ, with a count each way; empty when the copies agree. */
export function differences(server: BetterSqlite3.Database, client: BetterSqlite3.Database, user: Account): { entity: SyncedEntity; onlyServer: number; onlyClient: number }[] {
  const bureau = isBureauRole(user.role);
  const out: { entity: SyncedEntity; onlyServer: number; onlyClient: number }[] = [];
  for (const entity of syncedEntities) {
    if (audienceOf(entity) === 'bureau' && !bureau) {
      const local = rows(client, `SELECT * FROM ${entity}`);
      if (local.length > 0) out.push({ entity, onlyServer: 0, onlyClient: local.length });
      continue;
    }
    // Rows a division sets for all below it (regions, a district's standards) reach the accounts under it too.
    const visible = `SELECT k FROM (${scopeSql[entity]}) WHERE substr(r, 1, ?) = ? OR (? = 1 AND substr(?, 1, length(r)) = r)`;
    const onServer = rows(server, `SELECT * FROM ${entity} WHERE ${keyOf(entity)} IN (${visible})`, user.regionCode.length, user.regionCode, handedDown.has(entity) ? 1 : 0, user.regionCode);
    const onClient = rows(client, `SELECT * FROM ${entity}`);
    const clientSet = new Set(onClient);
    const serverSet = new Set(onServer);
    const onlyServer = onServer.filter((r) => !clientSet.has(r)).length;
    const onlyClient = onClient.filter((r) => !serverSet.has(r)).length;
    if (onlyServer || onlyClient) out.push({ entity, onlyServer, onlyClient });
  }
  return out;
}
