// /api/v1/lint, /api/v1/lexicon and /api/v1/incidents/:id/summary: the customer-summary gate.

import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../core/errors';
import { gateSettingsInput } from '../../core/inputs';
import { lintInput, MAX_SUMMARY_BYTES, summaryDraftInput } from '../../core/summary/inputs';
import type { SummaryPublication, SummaryVersion } from '../../core/summary/records';
import { getGateSettings, putGateSettings } from '../../services/gate-settings';
import { getLexicon, putLexicon } from '../../services/lexicon';
import { lintDraft, listSummaryVersions, publishSummary, saveSummaryDraft } from '../../services/summaries';
import { actorOf } from '../../services/tokens';
import type { AppEnv } from '../env';
import { Hono } from '../hono';
import { needs } from '../middleware/auth';
import { iso } from '../present';
import { problem } from '../problem';
import { validate } from '../validate';

const publish = needs('summaries:publish');
const admin = needs('admin');

/** Summaries are short by rule (400 words): 64 KiB of request body is already generous. */
const summaryBodyLimit = bodyLimit({
  maxSize: MAX_SUMMARY_BYTES,
  onError: (c) =>
    problem(c, new DomainError('payload_too_large', `Summary requests are limited to ${MAX_SUMMARY_BYTES} bytes.`)),
});

function presentVersion(v: SummaryVersion, publication: SummaryPublication | undefined) {
  return {
    version: v.version,
    ok: v.ok,
    words: v.words,
    findings: v.findings,
    markdown: v.markdown,
    createdAt: iso(v.createdAt),
    createdBy: v.createdBy,
    published: publication !== undefined,
    publishedAt: publication ? iso(publication.publishedAt) : null,
  };
}

function presentPublication(p: SummaryPublication) {
  return { version: p.version, publishedAt: iso(p.publishedAt), publishedBy: p.publishedBy };
}

export const summaryRoutes = new Hono<AppEnv>()
  .post('/lint', publish, summaryBodyLimit, validate('json', lintInput), async (c) => {
    return c.json(await lintDraft({ deps: c.get('deps'), input: c.req.valid('json') }));
  })
  .get('/settings/gate', admin, async (c) => c.json(await getGateSettings({ deps: c.get('deps') })))
  .put('/settings/gate', admin, validate('json', gateSettingsInput), async (c) =>
    c.json(await putGateSettings({ deps: c.get('deps'), input: c.req.valid('json'), actor: actorOf(c.get('token')) })),
  )
  .get('/lexicon', admin, async (c) => c.json(await getLexicon({ deps: c.get('deps') })))
  .put('/lexicon', admin, async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new DomainError('malformed_json', 'The request body could not be parsed as JSON.');
    }
    return c.json(await putLexicon({ deps: c.get('deps'), input: body, actor: actorOf(c.get('token')) }));
  })
  .get('/incidents/:id/summary', async (c) => {
    const incidentId = c.req.param('id');
    const { versions, publications, stale } = await listSummaryVersions({ deps: c.get('deps'), incidentId });
    const byVersion = new Map(publications.map((p) => [p.version, p]));
    const latest = publications.at(-1);
    return c.json({
      incidentId,
      versions: versions.map((v) => presentVersion(v, byVersion.get(v.version))),
      published: latest ? presentPublication(latest) : null,
      // The published version's time findings it gained when the incident's times changed; null: accurate.
      stale,
    });
  })
  .put('/incidents/:id/summary', publish, summaryBodyLimit, validate('json', summaryDraftInput), async (c) => {
    const incidentId = c.req.param('id');
    const saved = await saveSummaryDraft({
      deps: c.get('deps'),
      incidentId,
      input: c.req.valid('json'),
      actor: actorOf(c.get('token')),
    });
    return c.json({ incidentId, ...presentVersion(saved, undefined) }, 201, {
      Location: `/api/v1/incidents/${incidentId}/summary`,
    });
  })
  .post('/incidents/:id/summary/publish', publish, summaryBodyLimit, async (c) => {
    const incidentId = c.req.param('id');
    const outcome = await publishSummary({ deps: c.get('deps'), incidentId, actor: actorOf(c.get('token')) });
    return c.json(
      {
        incidentId,
        ...presentPublication(outcome.publication),
        summary: presentVersion(outcome.version, outcome.publication),
      },
      outcome.created ? 201 : 200,
    );
  });
