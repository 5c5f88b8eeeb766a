// A Worker deployed with PUBLIC_URL still at localhost says so: a warning in the log on the first
// public request, and in /healthz.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, it, vi } from 'vitest';
import worker, { type WorkerEnv } from '../../src/worker';

async function call(url: string, e: WorkerEnv) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(url) as never, e, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

it('warns once in the log and in /healthz when PUBLIC_URL is localhost on a public host', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const e = { ...(env as unknown as WorkerEnv), PUBLIC_URL: 'http://localhost:8787' };
  // Local requests (wrangler dev) decide nothing.
  const local = (await (await call('http://localhost:8787/healthz', e)).json()) as { ok: boolean; warnings?: string[] };
  expect(local.ok).toBe(true);
  expect(local.warnings).toBeUndefined();
  const health = (await (await call('https://status.example.com/healthz', e)).json()) as {
    ok: boolean;
    warnings: string[];
  };
  expect(health.ok).toBe(true);
  expect(health.warnings[0]).toContain(
    'PUBLIC_URL is "http://localhost:8787" but this Worker answers status.example.com',
  );
  await call('https://status.example.com/', e);
  expect(warn.mock.calls.filter((c) => String(c[0]).includes('PUBLIC_URL'))).toHaveLength(1);
  warn.mockRestore();
});
