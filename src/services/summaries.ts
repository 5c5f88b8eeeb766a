// The customer summary: lint (dry run), save a draft version, publish the latest clean version,
// list the history. Every draft is kept whatever its findings; only a version without an error
// finding under the current lexicon is published, and publishing it again changes nothing.

import { DomainError, notFound } from '../core/errors';
import { summaryPublishedEvent } from '../core/events';
import { assembleMarkdown } from '../core/summary/document';
import type { LintInput, SummaryDraftInput } from '../core/summary/inputs';
import { lintSummary } from '../core/summary/lint';
import type { SummaryPublication, SummaryVersion } from '../core/summary/records';
import { redactSecrets } from '../core/summary/redact';
import type { LintOptions, LintResult } from '../core/summary/types';
import type { Actor } from '../core/types';
import { VersionTaken } from '../db/store/summaries';
import { newId } from '../lib/id';
import type { Deps } from './deps';
import { getIncident } from './incidents';
import { getLexicon } from './lexicon';
import { summaryPublished } from './sla-events';
import { type SummaryStaleness, summaryStaleness } from './summary-staleness';

/** How many times a save retries when a concurrent save took the same version number. */
const SAVE_ATTEMPTS = 5;

/** The document as stored and linted: sections become one markdown text with canonical headings. */
function markdownOf(input: SummaryDraftInput): string {
  if (input.markdown !== undefined) return input.markdown;
  if (input.sections) return assembleMarkdown(input.sections);
  throw new DomainError('validation_failed', 'Send either "markdown" or "sections".');
}

async function lintFor(deps: Deps, input: SummaryDraftInput, incidentId: string | undefined): Promise<LintResult> {
  const lexicon = await getLexicon({ deps });
  const options: LintOptions = {};
  if (incidentId !== undefined) {
    const incident = await getIncident({ deps, id: incidentId });
    options.incident = { startedAt: incident.startedAt, resolvedAt: incident.resolvedAt };
  }
  return lintSummary(markdownOf(input), lexicon, options);
}

/** A dry run: the findings a draft would get, nothing stored. */
export async function lintDraft({ deps, input }: { deps: Deps; input: LintInput }): Promise<LintResult> {
  return lintFor(deps, input, input.incidentId);
}

export async function saveSummaryDraft({
  deps,
  incidentId,
  input,
  actor,
}: {
  deps: Deps;
  incidentId: string;
  input: SummaryDraftInput;
  actor: Actor;
}): Promise<SummaryVersion> {
  const result = await lintFor(deps, input, incidentId);
  // Everything the writer typed is kept except credentials: a pasted key is replaced by a
  // placeholder before it reaches the database (the findings, positions included, describe the
  // text as submitted and never repeat a credential).
  const markdown = redactSecrets(markdownOf(input), result.findings);
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock();
    const version: SummaryVersion = {
      id: newId('sum'),
      incidentId,
      version: (await deps.store.summaries.maxVersion(incidentId)) + 1,
      markdown,
      ok: result.ok,
      words: result.words,
      findings: result.findings,
      createdAt: now,
      createdByTokenId: actor.tokenId,
      createdBy: actor.label,
    };
    try {
      await deps.store.summaries.insertVersion(version, {
        actor,
        action: 'summary.save',
        targetType: 'incident',
        targetId: incidentId,
        at: now,
      });
      return version;
    } catch (err) {
      // The UNIQUE (incident, version) index turned a concurrent save away: take the next number.
      if (!(err instanceof VersionTaken) || attempt >= SAVE_ATTEMPTS) {
        if (err instanceof VersionTaken) {
          throw new DomainError('conflict', 'Too many concurrent saves of this summary; try again.');
        }
        throw err;
      }
    }
  }
}

export interface PublishOutcome {
  publication: SummaryPublication;
  version: SummaryVersion;
  /** False when this version had already been published (an idempotent repeat). */
  created: boolean;
}

export async function publishSummary({
  deps,
  incidentId,
  actor,
}: {
  deps: Deps;
  incidentId: string;
  actor: Actor;
}): Promise<PublishOutcome> {
  const incident = await getIncident({ deps, id: incidentId });
  // A summary says what happened and that it is over: while the incident is open it cannot.
  if (incident.status !== 'resolved') {
    throw new DomainError(
      'incident_open',
      `Incident "${incidentId}" is still ${incident.status}; resolve it before publishing its summary.`,
      { incidentStatus: incident.status },
    );
  }
  const latest = await deps.store.summaries.latest(incidentId);
  if (!latest) throw notFound('summary draft for incident', incidentId);

  const existing = await deps.store.summaries.publication(incidentId, latest.version);
  if (existing) return { publication: existing, version: latest, created: false };

  // Re-checked under today's lexicon: a name added to the roster since the save still blocks.
  const result = lintSummary(latest.markdown, await getLexicon({ deps }), {
    incident: { startedAt: incident.startedAt, resolvedAt: incident.resolvedAt },
  });
  if (!result.ok) {
    throw new DomainError(
      'summary_has_errors',
      `Version ${latest.version} has ${result.findings.filter((f) => f.severity === 'error').length} error finding(s); fix them and save a new version.`,
      { version: latest.version, findings: result.findings },
    );
  }

  const now = deps.clock();
  // Subscribers hear of the first publication; a revision is not news.
  const first = (await deps.store.summaries.publications(incidentId)).length === 0;
  const event = first ? summaryPublishedEvent(newId('evt'), incident, now, deps.config.publicUrl) : null;
  const publication: SummaryPublication = {
    id: newId('pub'),
    incidentId,
    version: latest.version,
    summaryVersionId: latest.id,
    publishedAt: now,
    publishedByTokenId: actor.tokenId,
    publishedBy: actor.label,
  };
  try {
    await deps.store.summaries.insertPublication(
      publication,
      {
        actor,
        action: 'summary.publish',
        targetType: 'incident',
        targetId: incidentId,
        at: now,
      },
      event ? [event] : [],
    );
  } catch (err) {
    if (!(err instanceof VersionTaken)) throw err;
    const winner = await deps.store.summaries.publication(incidentId, latest.version);
    if (!winner) throw err;
    return { publication: winner, version: latest, created: false };
  }
  await summaryPublished({ deps, incidentId });
  return { publication, version: latest, created: true };
}

export async function listSummaryVersions({
  deps,
  incidentId,
}: {
  deps: Deps;
  incidentId: string;
}): Promise<{ versions: SummaryVersion[]; publications: SummaryPublication[]; stale: SummaryStaleness | null }> {
  const incident = await getIncident({ deps, id: incidentId });
  const [versions, publications, stale] = await Promise.all([
    deps.store.summaries.versions(incidentId),
    deps.store.summaries.publications(incidentId),
    summaryStaleness({ deps, incident }),
  ]);
  return { versions, publications, stale };
}
