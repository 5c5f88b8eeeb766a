// The Node server runs the SLA tick by itself: at start-up and every minute after.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app';
import { nodeDeps } from '../../src/node-deps';
import { createToken } from '../../src/services/tokens';
import { startServer, tempDbPath } from '../helpers/processes';
import { TEST_WEBHOOK_SECRET } from '../helpers/world';
import { HOUR, startReceiver } from './helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('npm start', () => {
  it('delivers a due SLA reminder without anyone running the CLI, and stops cleanly', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const env = {
      DATABASE_PATH: tempDbPath(),
      AFTERWORD_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      AFTERWORD_ALLOW_PRIVATE_TARGETS: '1',
    };
    const { deps, handle } = nodeDeps({ ...process.env, ...env });
    const { secret } = await createToken({ deps, input: { name: 't', scopes: ['admin'] }, actor: null });
    const res = await createApp(deps).request('/api/v1/incidents', {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      // Started 30 h ago (real time): T-24h is already due when the server starts.
      body: JSON.stringify({
        title: 'Queue backlog',
        severity: 'SEV-1',
        startedAt: new Date(Date.now() - 30 * HOUR).toISOString(),
        lead: { name: 'Dana', webhookUrl: receiver.url },
      }),
    });
    expect(res.status).toBe(201);
    handle.close();

    const server = await startServer(env);
    cleanups.push(server.stop);
    await receiver.waitFor(1);
    expect(receiver.received[0]!.json).toMatchObject({ checkpoint: 'T-24h', type: 'sla.checkpoint', state: 'pending' });
    expect(receiver.received[0]!.signatureValid).toBe(true);
    await server.stop();
    expect(server.process.exitCode).toBe(0);
  });
});
