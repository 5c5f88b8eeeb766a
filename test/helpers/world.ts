// A fresh world per test: in-memory SQLite with every migration, a fixed clock, deps and the app.
import type { AlertPorts } from '../../src/alerts/ports';
import { parseConfig } from '../../src/config';
import type { Scope } from '../../src/core/types';
import { openSqlite } from '../../src/db/node-sqlite';
import { createStore } from '../../src/db/store';
import { createApp } from '../../src/http/create-app';
import type { Deps } from '../../src/services/deps';
import { createToken } from '../../src/services/tokens';

export const T0 = Date.parse('2026-11-20T12:00:00Z');

export interface TestClock {
  (): number;
  set(at: number | string): void;
  advance(ms: number): void;
}

export function fixedClock(start: number = T0): TestClock {
  let now = start;
  const clock = (() => now) as TestClock;
  clock.set = (at) => {
    now = typeof at === 'string' ? Date.parse(at) : at;
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/** The SLA webhook signing secret every test world uses (assembled, so it is obviously not a real one). */
export const TEST_WEBHOOK_SECRET = ['test', 'webhook', 'secret'].join('-');

/** The subscription-link secret of test worlds (assembled at run time). */
export const TEST_LINK_SECRET = ['test', 'link', 'secret', 'for', 'hmac'].join('-');

export function createWorld(
  opts: { clock?: TestClock; alerts?: Partial<AlertPorts>; allowPrivateTargets?: boolean } = {},
) {
  const handle = openSqlite(':memory:');
  const clock = opts.clock ?? fixedClock();
  const deps: Deps = {
    store: createStore(handle.db),
    clock,
    // Test receivers listen on 127.0.0.1: worlds opt in to private targets, as local development does.
    config: parseConfig({
      PUBLIC_URL: 'https://status.example.test',
      AFTERWORD_ALLOW_PRIVATE_TARGETS: opts.allowPrivateTargets === false ? '0' : '1',
      AFTERWORD_LINK_SECRET: TEST_LINK_SECRET,
    }),
    alerts: {
      fetch: (input, init) => fetch(input, init),
      mailer: null,
      webhookSecret: TEST_WEBHOOK_SECRET,
      emailFrom: 'Afterword <afterword@example.test>',
      allowPrivateTargets: opts.allowPrivateTargets !== false,
      ...opts.alerts,
    },
  };
  const app = createApp(deps);

  async function token(...scopes: Scope[]): Promise<string> {
    const { secret } = await createToken({ deps, input: { name: `test-${scopes.join('+')}`, scopes }, actor: null });
    return secret;
  }

  /** Calls the app in-process with a JSON body and bearer token. */
  async function call(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  return { deps, app, clock, handle, token, call, close: () => handle.close() };
}

export type World = ReturnType<typeof createWorld>;
