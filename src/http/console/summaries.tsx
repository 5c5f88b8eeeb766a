// Console: the customer-summary editor at /admin/incidents/:id/summary. A textarea saved by a POST
// form works without JavaScript; public/console.js adds live checking with the same lintSummary.
// Saving and publishing go through the summary services (the server re-checks on publish).
import type { Context, Hono } from 'hono';
import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../core/errors';
import type { SummaryPublication, SummaryVersion } from '../../core/summary/records';
import { type Finding, MAX_WORDS, SECTION_KEYS, SECTION_TITLES } from '../../core/summary/types';
import type { Incident } from '../../core/types';
import type { ConsoleSession } from '../../services/console-sessions';
import { getIncident } from '../../services/incidents';
import { getLexicon } from '../../services/lexicon';
import { lintDraft, listSummaryVersions, publishSummary, saveSummaryDraft } from '../../services/summaries';
import { actorOf } from '../../services/tokens';
import { summaryHtml } from '../public/summary-html';
import { lineDiff } from './diff';
import type { ConsoleEnv } from './env';
import { can, needsScope, sessionOf } from './guard';
import { attempt, page, rawField, seeOther } from './render';
import { ConsoleLayout, Csrf, ProblemBox, type ShownProblem, Time } from './views/layout';

/** The four section headings, prefilled in a new summary. */
export const SUMMARY_TEMPLATE = SECTION_KEYS.map((k) => `## ${SECTION_TITLES[k]}\n\n`).join('\n');

interface EditorData {
  incident: Incident;
  versions: SummaryVersion[];
  publications: SummaryPublication[];
  markdown: string;
  findings: Finding[];
  words: number;
  ok: boolean;
  /** Shipped to the page for live checking, only to a session that may lint (summaries:publish), as in the API. */
  lexiconJson: string | null;
}

const FindingItem: FC<{ f: Finding; i: number }> = ({ f, i }) => (
  <li
    class={`finding f-${f.severity}`}
    id={`finding-${i}`}
    data-rule={f.rule}
    data-at={`${f.line}:${f.column}:${f.length}`}
  >
    <span class={`sev sev-${f.severity}`}>{f.severity}</span> <code>{f.rule}</code>{' '}
    <span class="where">line {f.line}: </span>
    {f.text ? (
      <>
        <mark class={`f-${f.severity}`}>{f.text}</mark>{' '}
      </>
    ) : null}
    <span class="message">{f.message}</span>
    {f.suggestion ? <span class="suggestion"> Suggestion: {f.suggestion}.</span> : null}
  </li>
);

const EditorView: FC<{
  session: ConsoleSession;
  csrf: string;
  d: EditorData;
  notice?: string | null;
  problem?: ShownProblem | null;
  preview?: string | null;
}> = ({ session, csrf, d, notice, problem, preview }) => {
  const i = d.incident;
  const editable = can(session, 'summaries:publish');
  const base = `/admin/incidents/${i.id}/summary`;
  const published = d.publications.at(-1);
  const latest = d.versions.at(-1);
  return (
    <ConsoleLayout
      title={`Summary: ${i.title}`}
      session={session}
      csrf={csrf}
      current="/admin/incidents"
      scripts={editable ? ['/console.js'] : []}
    >
      <p>
        <a href={`/admin/incidents/${i.id}`}>← {i.title}</a>
      </p>
      <h1>Customer summary</h1>
      <p class="hint">
        {latest ? `Version ${latest.version} saved ` : 'Not saved yet. '}
        {latest ? <Time at={latest.createdAt} /> : null}
        {published ? (
          <>
            {' '}
            · version {published.version} published <Time at={published.publishedAt} /> ·{' '}
            <a href={`/incidents/${i.id}#summary`}>public page</a>
          </>
        ) : (
          ' · not published'
        )}
      </p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ProblemBox problem={problem} />
      {editable ? null : (
        <p class="notice" role="note">
          Read only: this token lacks the summaries:publish scope, so it cannot save or publish.
        </p>
      )}
      <form method="post" action={base} id="summary-form" class="editor-layout">
        <Csrf token={csrf} />
        <div class="editor-main">
          <label for="summary-md">Summary (markdown)</label>
          <p class="hint" id="summary-help">
            Four sections, plain words, times in UTC, at most {MAX_WORDS} words. Findings are underlined as you type.
          </p>
          <div class="editor">
            <div class="editor-mirror" id="summary-mirror" aria-hidden="true" />
            <textarea
              id="summary-md"
              name="markdown"
              rows={22}
              spellcheck
              readonly={!editable}
              aria-describedby="summary-help word-count findings-status"
              data-lexicon={d.lexiconJson ?? undefined}
              data-started-at={String(i.startedAt)}
              data-resolved-at={i.resolvedAt === null ? undefined : String(i.resolvedAt)}
            >
              {/* The HTML parser drops one newline right after <textarea>: this one, never the writer's. */}
              {`\n${d.markdown}`}
            </textarea>
          </div>
          <p id="word-count" class={d.words > MAX_WORDS ? 'over' : undefined}>
            {d.words} / {MAX_WORDS} words
          </p>
          {editable ? (
            <div class="actions">
              <button type="submit" class="secondary">
                Save draft
              </button>
              <button type="submit" class="secondary" formaction={`${base}/preview`}>
                Preview
              </button>
              <button
                type="submit"
                id="publish-button"
                formaction={`${base}/publish`}
                disabled={!d.ok || i.status !== 'resolved'}
                data-blocked={i.status !== 'resolved' ? 'incident-open' : undefined}
                aria-describedby={i.status !== 'resolved' ? 'publish-blocked' : undefined}
              >
                Publish
              </button>
              {i.status !== 'resolved' ? (
                <p id="publish-blocked" class="hint">
                  The incident is still {i.status}: resolve it before publishing its summary.
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
        <section class="editor-side" aria-labelledby="h-findings">
          <h2 id="h-findings">Findings</h2>
          <p id="findings-status" role="status" aria-live="polite">
            {d.findings.length === 0 ? 'No findings.' : `${d.findings.length} finding(s).`}
          </p>
          <ol id="finding-list" class="finding-list">
            {d.findings.map((f, n) => (
              <FindingItem f={f} i={n} />
            ))}
          </ol>
        </section>
      </form>
      {preview !== undefined && preview !== null ? (
        <section class="section preview" id="summary" aria-labelledby="h-preview">
          <h2 id="h-preview">Preview: as the public page will show it</h2>
          <div class="summary">{raw(preview)}</div>
        </section>
      ) : null}
      <h2 id="h-versions">Versions</h2>
      {d.versions.length === 0 ? (
        <p>No saved versions yet.</p>
      ) : (
        <>
          <section class="table-wrap" aria-label="Versions" tabindex={0}>
            <table class="list" aria-labelledby="h-versions">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Saved</th>
                  <th scope="col">By</th>
                  <th scope="col">Words</th>
                  <th scope="col">Gate</th>
                  <th scope="col">Published</th>
                </tr>
              </thead>
              <tbody>
                {[...d.versions].reverse().map((v) => {
                  const p = d.publications.find((x) => x.version === v.version);
                  return (
                    <tr>
                      <td>{v.version}</td>
                      <td>
                        <Time at={v.createdAt} />
                      </td>
                      <td>{v.createdBy}</td>
                      <td>{v.words}</td>
                      <td>{v.ok ? 'passes' : `${v.findings.filter((f) => f.severity === 'error').length} error(s)`}</td>
                      <td>{p ? <Time at={p.publishedAt} /> : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          {d.versions.length > 1 ? (
            <form method="get" action={`${base}/diff`} class="actions">
              <label for="diff-from">Compare version</label>
              <select id="diff-from" name="from">
                {d.versions.map((v) => (
                  <option value={String(v.version)} selected={v.version === d.versions.length - 1}>
                    {v.version}
                  </option>
                ))}
              </select>
              <label for="diff-to">with</label>
              <select id="diff-to" name="to">
                {d.versions.map((v) => (
                  <option value={String(v.version)} selected={v.version === d.versions.length}>
                    {v.version}
                  </option>
                ))}
              </select>
              <button type="submit" class="secondary">
                Show differences
              </button>
            </form>
          ) : null}
        </>
      )}
    </ConsoleLayout>
  );
};

const DiffView: FC<{
  session: ConsoleSession;
  csrf: string;
  incident: Incident;
  from: SummaryVersion;
  to: SummaryVersion;
}> = ({ session, csrf, incident, from, to }) => {
  const lines = lineDiff(from.markdown, to.markdown);
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  return (
    <ConsoleLayout title={`Versions ${from.version} and ${to.version}`} session={session} csrf={csrf}>
      <p>
        <a href={`/admin/incidents/${incident.id}/summary`}>← Summary editor</a>
      </p>
      <h1>
        Version {from.version} → version {to.version}
      </h1>
      <p>
        {added} line(s) added, {removed} line(s) removed.
      </p>
      <pre class="diff">
        {lines.map((l) =>
          l.kind === 'same' ? (
            <span class="diff-same">{`  ${l.text}\n`}</span>
          ) : l.kind === 'added' ? (
            <ins>{`+ ${l.text}\n`}</ins>
          ) : (
            <del>{`- ${l.text}\n`}</del>
          ),
        )}
      </pre>
    </ConsoleLayout>
  );
};

async function loadEditor(c: Context<ConsoleEnv>, id: string, markdown?: string): Promise<EditorData> {
  const deps = c.get('deps');
  const session = sessionOf(c);
  const incident = await getIncident({ deps, id });
  const { versions, publications } = await listSummaryVersions({ deps, incidentId: id });
  const text = markdown ?? versions.at(-1)?.markdown ?? SUMMARY_TEMPLATE;
  const result = await lintDraft({ deps, input: { markdown: text, incidentId: id } });
  const lexiconJson = can(session, 'summaries:publish') ? JSON.stringify(await getLexicon({ deps })) : null;
  return { incident, versions, publications, markdown: text, ...result, lexiconJson };
}

async function editorPage(
  c: Context<ConsoleEnv>,
  id: string,
  opts: {
    markdown?: string;
    notice?: string | null;
    problem?: ShownProblem | null;
    preview?: string | null;
    status?: ContentfulStatusCode;
  } = {},
) {
  const d = await loadEditor(c, id, opts.markdown);
  return page(
    c,
    <EditorView
      session={sessionOf(c)}
      csrf={c.get('csrf')}
      d={d}
      notice={opts.notice}
      problem={opts.problem}
      preview={opts.preview}
    />,
    opts.status ?? 200,
  );
}

export function summaryArea(app: Hono<ConsoleEnv>): void {
  const publish = needsScope('summaries:publish');

  app.get('/incidents/:id/summary', async (c) => {
    const saved = c.req.query('saved');
    const published = c.req.query('published');
    const notice = published
      ? `Published version ${published}. It is on the public page now.`
      : saved
        ? `Saved version ${saved}.`
        : null;
    return editorPage(c, c.req.param('id'), { notice });
  });

  app.post('/incidents/:id/summary', publish, async (c) => {
    const id = c.req.param('id');
    const markdown = rawField(await c.req.parseBody(), 'markdown');
    const result = await attempt(() =>
      saveSummaryDraft({
        deps: c.get('deps'),
        incidentId: id,
        input: { markdown },
        actor: actorOf(sessionOf(c).token),
      }),
    );
    if (result.ok) return seeOther(c, `/admin/incidents/${id}/summary?saved=${result.value.version}`);
    return editorPage(c, id, { markdown, problem: result.problem, status: result.status });
  });

  app.post('/incidents/:id/summary/preview', async (c) => {
    const id = c.req.param('id');
    const markdown = rawField(await c.req.parseBody(), 'markdown');
    return editorPage(c, id, { markdown, preview: summaryHtml(markdown) });
  });

  app.post('/incidents/:id/summary/publish', publish, async (c) => {
    const deps = c.get('deps');
    const id = c.req.param('id');
    const markdown = rawField(await c.req.parseBody(), 'markdown');
    const actor = actorOf(sessionOf(c).token);
    const result = await attempt(async () => {
      // Publishing publishes what the writer sees: the text is saved first when it differs from the latest version.
      const { versions } = await listSummaryVersions({ deps, incidentId: id });
      if (markdown && versions.at(-1)?.markdown !== markdown) {
        await saveSummaryDraft({ deps, incidentId: id, input: { markdown }, actor });
      }
      return publishSummary({ deps, incidentId: id, actor });
    });
    if (result.ok) return seeOther(c, `/admin/incidents/${id}/summary?published=${result.value.version.version}`);
    return editorPage(c, id, { markdown, problem: result.problem, status: result.status });
  });

  app.get('/incidents/:id/summary/diff', async (c) => {
    const deps = c.get('deps');
    const id = c.req.param('id');
    const incident = await getIncident({ deps, id });
    const { versions } = await listSummaryVersions({ deps, incidentId: id });
    const pick = (n: string | undefined) => versions.find((v) => String(v.version) === n);
    const from = pick(c.req.query('from'));
    const to = pick(c.req.query('to'));
    if (!from || !to) {
      throw new DomainError('not_found', 'Choose two saved versions of this summary to compare.');
    }
    return page(c, <DiffView session={sessionOf(c)} csrf={c.get('csrf')} incident={incident} from={from} to={to} />);
  });
}
