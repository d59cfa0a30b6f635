// Whether a client holds exactly the central rows it should: for every synced table, the server's rows
// inside the user's jurisdiction (spot checks for the bureau only) against all of the client's rows,
// column for column, version included. The centre is read through kysely, so on either engine.
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../electron/backend/db/schema';
import { isBureauRole } from '../../shared/access';
import { keyOf, syncedEntities, type Account, type SyncedEntity } from '../../shared/sync';
import { audienceOf, handedDown, scopeSql } from '../../server/scope';

const asText = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

/** The tables whose rows differ, with a count each way; empty when the copies agree. */
export async function differences(server: Kysely<Database>, client: BetterSqlite3.Database, user: Account): Promise<{ entity: SyncedEntity; onlyServer: number; onlyClient: number }[]> {
  const bureau = isBureauRole(user.role);
  const out: { entity: SyncedEntity; onlyServer: number; onlyClient: number }[] = [];
  for (const entity of syncedEntities) {
    const onClient = asText(client.prepare(`SELECT * FROM ${entity}`).all() as Record<string, unknown>[]);
    if (audienceOf(entity) === 'bureau' && !bureau) {
      if (onClient.length > 0) out.push({ entity, onlyServer: 0, onlyClient: onClient.length });
      continue;
    }
    // Rows a division sets for all below it (regions, a district's standards) reach the accounts under it too.
    const code = user.regionCode;
    const inside = handedDown.has(entity) ? sql`substr(s.r, 1, ${code.length}) = ${code} OR substr(${code}, 1, length(s.r)) = s.r` : sql`substr(s.r, 1, ${code.length}) = ${code}`;
    const serverRows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(entity)} WHERE ${sql.ref(keyOf(entity))} IN (SELECT s.k FROM (${sql.raw(scopeSql[entity])}) s WHERE ${inside})`.execute(server);
    const onServer = asText(serverRows.rows);
    const clientSet = new Set(onClient);
    const serverSet = new Set(onServer);
    const onlyServer = onServer.filter((r) => !clientSet.has(r)).length;
    const onlyClient = onClient.filter((r) => !serverSet.has(r)).length;
    if (onlyServer || onlyClient) out.push({ entity, onlyServer, onlyClient });
  }
  return out;
}
