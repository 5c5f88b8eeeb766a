// Console: the lexicon (admin, as in the API): one list per field, one entry per line, and a roster
// CSV import (name, optional aliases) into the employee names.
import type { Context, Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Lexicon } from '../../core/summary/lexicon';
import { importRoster } from '../../services/console-roster';
import type { ConsoleSession } from '../../services/console-sessions';
import { getLexicon, putLexicon } from '../../services/lexicon';
import { actorOf } from '../../services/tokens';
import type { ConsoleEnv } from './env';
import { needsScope, sessionOf } from './guard';
import { attempt, page, rawField, seeOther } from './render';
import { ConsoleLayout, Csrf, ProblemBox, type ShownProblem } from './views/layout';

const FIELDS: { key: keyof Lexicon; label: string; hint: string }[] = [
  { key: 'employees', label: 'Employee names', hint: 'People on the team; a summary names none of them.' },
  { key: 'codenames', label: 'Codenames', hint: 'Internal project and system names customers do not know.' },
  { key: 'tools', label: 'Internal tools', hint: 'Tools customers do not see.' },
  { key: 'internalDomains', label: 'Internal domains', hint: 'Bare domains such as corp.example.com.' },
  { key: 'ticketPrefixes', label: 'Ticket prefixes', hint: 'Issue keys such as OPS (for OPS-1234).' },
  { key: 'allow', label: 'Allowed terms', hint: 'Words that look internal but are public (product names).' },
];

const LexiconView: FC<{
  session: ConsoleSession;
  csrf: string;
  lexicon: Lexicon;
  notice?: string | null;
  problem?: ShownProblem | null;
}> = ({ session, csrf, lexicon, notice, problem }) => (
  <ConsoleLayout title="Lexicon" session={session} csrf={csrf} current="/admin/lexicon">
    <h1>Lexicon</h1>
    <p class="hint">What the summary gate and the live-text gate know about your organisation. One entry per line.</p>
    {notice ? (
      <p class="notice" role="status">
        {notice}
      </p>
    ) : null}
    <ProblemBox problem={problem} />
    <form method="post" action="/admin/lexicon" class="stack">
      <Csrf token={csrf} />
      <div class="grid2">
        {FIELDS.map((f) => (
          <div>
            <label for={`lx-${f.key}`}>{f.label}</label>
            <p class="hint" id={`lx-${f.key}-hint`}>
              {f.hint}
            </p>
            <textarea id={`lx-${f.key}`} name={f.key} rows={6} aria-describedby={`lx-${f.key}-hint`}>
              {`\n${(lexicon[f.key] ?? []).join('\n')}`}
            </textarea>
          </div>
        ))}
      </div>
      <button type="submit">Save lexicon</button>
    </form>
    <h2 id="h-roster">Import a staff roster</h2>
    <form
      method="post"
      action="/admin/lexicon/roster"
      enctype="multipart/form-data"
      class="stack"
      aria-labelledby="h-roster"
    >
      <Csrf token={csrf} />
      <p class="hint" id="roster-hint">
        CSV with the name first and optional aliases after it (more columns, or separated by ";"), e.g.{' '}
        <code>Jane Doe,jdoe;JD</code>. A header row starting with "name" is skipped. Names are added to the employee
        names.
      </p>
      <label for="roster-file">CSV file</label>
      <input id="roster-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="roster-hint" />
      <label for="roster-text">or paste it here</label>
      <textarea id="roster-text" name="csv" rows={4} aria-describedby="roster-hint" />
      <button type="submit" class="secondary">
        Import roster
      </button>
    </form>
  </ConsoleLayout>
);

async function lexiconPage(
  c: Context<ConsoleEnv>,
  opts: {
    notice?: string | null;
    problem?: ShownProblem | null;
    status?: ContentfulStatusCode;
    lexicon?: Lexicon;
  } = {},
) {
  const lexicon = opts.lexicon ?? (await getLexicon({ deps: c.get('deps') }));
  return page(
    c,
    <LexiconView
      session={sessionOf(c)}
      csrf={c.get('csrf')}
      lexicon={lexicon}
      notice={opts.notice}
      problem={opts.problem}
    />,
    opts.status ?? 200,
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function lexiconArea(app: Hono<ConsoleEnv>): void {
  const admin = needsScope('admin');

  app.get('/lexicon', admin, (c) => {
    const imported = c.req.query('imported');
    return lexiconPage(c, {
      notice: c.req.query('saved') ? 'Lexicon saved.' : imported ? `Roster imported: ${imported} new name(s).` : null,
    });
  });

  app.post('/lexicon', admin, async (c) => {
    const body = await c.req.parseBody();
    const input: Record<string, string[]> = {};
    for (const f of FIELDS) input[f.key] = lines(rawField(body, f.key));
    const result = await attempt(() => putLexicon({ deps: c.get('deps'), input, actor: actorOf(sessionOf(c).token) }));
    if (result.ok) return seeOther(c, '/admin/lexicon?saved=1');
    return lexiconPage(c, { problem: result.problem, status: result.status, lexicon: input as Lexicon });
  });

  app.post('/lexicon/roster', admin, async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    const csv = file instanceof File && file.size > 0 ? await file.text() : rawField(body, 'csv');
    const result = await attempt(() => importRoster({ deps: c.get('deps'), csv, actor: actorOf(sessionOf(c).token) }));
    if (result.ok) return seeOther(c, `/admin/lexicon?imported=${result.value.added}`);
    return lexiconPage(c, { problem: result.problem, status: result.status });
  });
}
