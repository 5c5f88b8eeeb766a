// /api/v1/subscribers: the admin view of visitors' subscriptions (subscribers:read, subscribers:write).

import type { Subscriber } from '../../core/subscribers';
import * as z from '../../core/zod';
import { allSubscribers, deleteSubscriber, listSubscribers, subscriberCounts } from '../../services/subscriptions';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { iso } from '../present';
import { validate } from '../validate';

const read = needs('subscribers:read');
const write = needs('subscribers:write');

export const listQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(100))),
  limit: z._default(z.coercedNumber().check(z.int(), z.minimum(1), z.maximum(500)), 100),
  channel: z.optional(z.enum(['email', 'webhook', 'slack'])),
});
export const exportQuery = z.strictObject({ format: z._default(z.enum(['json', 'csv']), 'json') });

export function presentSubscriber(s: Subscriber) {
  return {
    id: s.id,
    channel: s.channel,
    address: s.address,
    status: s.status,
    everything: s.everything,
    components: s.targets,
    maintenance: s.maintenance,
    createdAt: iso(s.createdAt),
    confirmedAt: iso(s.confirmedAt),
  };
}

/** RFC 4180 field; a leading =, +, - or @ is quoted with an apostrophe so spreadsheets do not run it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_COLUMNS = [
  'id',
  'channel',
  'address',
  'status',
  'everything',
  'components',
  'maintenance',
  'createdAt',
  'confirmedAt',
] as const;

export const subscriberRoutes = new Hono<AppEnv>()
  .get('/subscribers', read, validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const page = await listSubscribers({ deps: c.get('deps'), cursor: q.cursor, limit: q.limit, channel: q.channel });
    return c.json({ subscribers: page.subscribers.map(presentSubscriber), nextCursor: page.nextCursor }, 200, {
      'Cache-Control': 'no-store',
    });
  })
  .get('/subscribers/counts', read, async (c) => c.json(await subscriberCounts({ deps: c.get('deps') })))
  .get('/subscribers/export', read, validate('query', exportQuery), async (c) => {
    const deps = c.get('deps');
    const rows: ReturnType<typeof presentSubscriber>[] = [];
    for await (const s of allSubscribers(deps)) rows.push(presentSubscriber(s));
    const headers = { 'Cache-Control': 'no-store' };
    if (c.req.valid('query').format === 'json') {
      return c.json({ subscribers: rows }, 200, {
        ...headers,
        'Content-Disposition': 'attachment; filename="subscribers.json"',
      });
    }
    const lines = [CSV_COLUMNS.join(',')];
    for (const r of rows) {
      lines.push(
        CSV_COLUMNS.map((k) => {
          const v = r[k];
          return csvField(Array.isArray(v) ? v.join(' ') : v === null ? '' : String(v));
        }).join(','),
      );
    }
    return c.body(`${lines.join('\r\n')}\r\n`, 200, {
      ...headers,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="subscribers.csv"',
    });
  })
  .delete('/subscribers/:id', write, async (c) => {
    await deleteSubscriber({ deps: c.get('deps'), id: c.req.param('id'), actor: actorOf(c.get('token')) });
    return c.body(null, 204);
  });
