// The harness's own endpoints and its handler table, as specs call them beside the page.
import { expect, type Page } from '@playwright/test';

/** Signs a roster user in (POST /__harness/login). */
export async function login(page: Page, username: string): Promise<void> {
  const res = await page.request.post('/__harness/login', { data: { username } });
  expect(res.ok()).toBe(true);
}

export type ApiAnswer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** A channel's answer as the page would get it, refusals included. */
export async function apiAnswer<T>(page: Page, channel: string, args: unknown): Promise<ApiAnswer<T>> {
  const res = await page.request.post(`/__api/${channel}`, { data: args });
  return (await res.json()) as ApiAnswer<T>;
}

/** A channel's value, for setting a scene; a refusal fails the spec with its message. */
export async function api<T>(page: Page, channel: string, args: unknown): Promise<T> {
  const body = await apiAnswer<T>(page, channel, args);
  if (!body.ok) throw new Error(`${channel}: ${body.error.message}`);
  return body.value;
}
