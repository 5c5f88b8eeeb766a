// Shared by the workerd tests: deps over the test D1, an admin token, and the publish API via SELF.
import { env, SELF } from 'cloudflare:test';
import { drizzle } from 'drizzle-orm/d1';
import { parseConfig } from '../../src/config';
import type { Db } from '../../src/db/db';
import * as schema from '../../src/db/schema';
import { createStore } from '../../src/db/store';
import type { Deps } from '../../src/services/deps';
import { createToken } from '../../src/services/tokens';

export function d1Deps(): Deps {
  return {
    store: createStore(drizzle(env.DB, { schema }) as unknown as Db),
    clock: () => Date.now(),
    config: parseConfig({}),
  };
}

export async function adminToken(name = 'workerd'): Promise<string> {
  return (await createToken({ deps: d1Deps(), input: { name, scopes: ['admin'] }, actor: null })).secret;
}

export function api(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return SELF.fetch(`https://status.example.test/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
