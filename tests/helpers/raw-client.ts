// A hand-made client of the centre for attack tests: it signs in over HTTP and pushes whatever it is
// told to, with a client id of its own and mutation ids in sequence, as a script an attacker wrote would.
import { randomUUID } from 'node:crypto';
import { latestSchemaVersion } from '../../migrations';
import type { CommandContextRecord, PushResponse } from '../../shared/sync';

export type RawPush = { name: string; args: unknown; context?: Partial<CommandContextRecord> };

export type RawClient = {
  token: string;
  clientId: string;
  /** Pushes the mutations as the next ids of this client; answers the HTTP status and the body. */
  push(mutations: RawPush[]): Promise<{ status: number; body: PushResponse & { error?: { code: string; message: string } } }>;
  /** One mutation, expected to be answered 200: its rejection, or null when the centre ran it. */
  one(mutation: RawPush): Promise<PushResponse['rejected'][number] | null>;
};

export function contextFor(partial: Partial<CommandContextRecord> = {}, at = new Date().toISOString()): CommandContextRecord {
  return { key: randomUUID(), at, basis: [], chosen: {}, claims: {}, touched: [], ...partial };
}

export async function login(url: string, username: string, password: string): Promise<Response> {
  return fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password, deviceName: 'script' }) });
}

export async function rawClient(url: string, username: string, password: string): Promise<RawClient> {
  const r = await login(url, username, password);
  if (r.status !== 200) throw new Error(`sign-in of ${username} answered ${r.status}`);
  const token = ((await r.json()) as { accessToken: string }).accessToken;
  const clientId = randomUUID();
  let next = 1;
  const client: RawClient = {
    token,
    clientId,
    async push(mutations) {
      const body = {
        clientId,
        schemaVersion: latestSchemaVersion,
        mutations: mutations.map((m) => ({ id: next++, name: m.name, args: m.args, context: contextFor(m.context) })),
      };
      const res = await fetch(`${url}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as PushResponse & { error?: { code: string; message: string } } };
    },
    async one(mutation) {
      const { status, body } = await client.push([mutation]);
      if (status !== 200) throw new Error(`push answered ${status}: ${JSON.stringify(body)}`);
      return body.rejected[0] ?? null;
    },
  };
  return client;
}
