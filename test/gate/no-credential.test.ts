// End to end: a credential written into any public text field, a summary draft or a lint request
// reaches no database row, no API response, no feed and no page, even with the live-text gate in
// `warn` mode and every write asking for an override. Table-driven over CREDENTIAL_CASES; a control
// case shows that harmless text written the same way does reach those views.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN } from '../core/summary/fixtures';
import { createWorld } from '../helpers/world';
import { CREDENTIAL_CASES, type CredentialCase } from './credentials';
import { databaseText, INCIDENT, PUBLIC_FIELDS, send } from './fields';

const PUBLIC_VIEWS = [
  '/',
  '/history',
  '/history.atom',
  '/history.rss',
  '/api/v2/summary.json',
  '/api/v2/incidents.json',
  '/api/v2/incidents/unresolved.json',
  '/api/v2/components.json',
  '/api/v2/scheduled-maintenances.json',
];
const API_VIEWS = ['/api/v1/incidents', '/api/v1/components', '/api/v1/component-groups', '/api/v1/maintenances'];

/** Writes `text` everywhere a writer can put public text; returns every response body and what every view shows. */
async function writeEverywhere(text: string) {
  const w = createWorld();
  const token = await w.token('admin');
  await w.call('PUT', '/api/v1/settings/gate', { token, body: { liveText: 'warn' } });
  const responses: string[] = [];
  for (const field of PUBLIC_FIELDS) {
    const write = await field.prepare(w, token);
    responses.push((await send(w, token, write(text), { override: { reason: 'end-to-end test' } })).text);
  }
  const summaryIncident = (await w.call('POST', '/api/v1/incidents', { token, body: INCIDENT })).json.id;
  const markdown = CLEAN.replace('We rolled back the change', `${text}. We rolled back the change`);
  responses.push((await w.call('POST', '/api/v1/lint', { token, body: { markdown } })).text);
  responses.push(
    (await w.call('PUT', `/api/v1/incidents/${summaryIncident}/summary`, { token, body: { markdown } })).text,
  );

  const ids = ((await w.call('GET', '/api/v1/incidents', { token })).json.incidents as { id: string }[]).map(
    (i) => i.id,
  );
  const views: Record<string, string> = {};
  const paths = [
    ...PUBLIC_VIEWS,
    ...API_VIEWS,
    '/api/v1/audit',
    ...ids.flatMap((id) => [`/incidents/${id}`, `/api/v1/incidents/${id}`, `/api/v1/incidents/${id}/summary`]),
  ];
  for (const path of paths) {
    const res = await w.call('GET', path, { token: path.startsWith('/api/v1') ? token : undefined });
    expect(res.status, path).toBe(200);
    views[path] = res.text;
  }
  views.database = databaseText(w);
  return { w, responses, views };
}

describe('the control: harmless text written the same way', () => {
  let result: Awaited<ReturnType<typeof writeEverywhere>>;
  beforeAll(async () => {
    result = await writeEverywhere('Quokka payments note');
  });
  afterAll(() => result.w.close());

  it.each([
    'database',
    '/',
    '/history.atom',
    '/history.rss',
    '/api/v2/incidents.json',
    '/api/v2/components.json',
    '/api/v2/scheduled-maintenances.json',
  ])('reaches %s', (view) => {
    expect(result.views[view]).toContain('Quokka payments note');
  });
});

describe.each(CREDENTIAL_CASES)('$name', (c: CredentialCase) => {
  it('reaches no database row, API response, feed or page', async () => {
    const { w, responses, views } = await writeEverywhere(c.text);
    try {
      for (const secret of c.forbidden) {
        for (const [i, body] of responses.entries()) expect(body, `response ${i}`).not.toContain(secret);
        for (const [view, body] of Object.entries(views)) expect(body, view).not.toContain(secret);
      }
    } finally {
      w.close();
    }
  });
});
