// Console: the incident list (SLA state and time left, soonest deadline first), a new incident, one
// incident with its timeline, posting an update (the live-text gate's findings shown inline),
// component statuses and resolving. Writes go through the same service verbs as the API.
import type { Context, Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createIncidentInput, createUpdateInput, editUpdateInput, updateIncidentInput } from '../../core/inputs';
import { STATUS_LABEL } from '../../core/public/status';
import { humanDuration } from '../../core/sla/alert';
import type { SlaClock } from '../../core/sla/clock';
import type { IncidentPostmortemClock } from '../../core/sla/postmortem-clock';
import {
  type AffectedComponent,
  COMPONENT_STATUSES,
  type Component,
  INCIDENT_STATUSES,
  type Incident,
  type IncidentUpdate,
  SEVERITIES,
} from '../../core/types';
import { listComponents } from '../../services/components';
import { type ConsoleIncidentRow, listConsoleIncidents } from '../../services/console-incidents';
import type { ConsoleSession } from '../../services/console-sessions';
import {
  createIncident,
  editIncidentUpdate,
  getIncident,
  listIncidentUpdates,
  postIncidentUpdate,
  resolveIncident,
  retractIncidentUpdate,
  updateIncident,
} from '../../services/incidents';
import { getIncidentPostmortem, type IncidentPostmortemView } from '../../services/postmortem-deadline';
import { getIncidentSla } from '../../services/sla-status';
import { actorOf } from '../../services/tokens';
import type { ConsoleEnv } from './env';
import { can, needsScope, sessionOf } from './guard';
import { attempt, field, page, parsed, rawField, seeOther, utcInput } from './render';
import { ConsoleLayout, Csrf, ProblemBox, type ShownProblem, Time } from './views/layout';

const SLA_LABEL: Record<SlaClock['state'], string> = {
  not_required: 'Not required',
  pending: 'Pending',
  due_soon: 'Due soon',
  breached: 'Breached',
  met: 'Met',
  met_late: 'Met late',
};

export const SlaState: FC<{ sla: SlaClock | null }> = ({ sla }) => {
  if (!sla?.required) return <span class="sla sla-not_required">{SLA_LABEL.not_required}</span>;
  const s = sla.secondsLeft ?? 0;
  let left: string;
  if (sla.state === 'met' || sla.state === 'met_late')
    left = s >= 0 ? `${humanDuration(s)} early` : `${humanDuration(s)} late`;
  else left = s >= 0 ? `${humanDuration(s)} left` : `${humanDuration(s)} overdue`;
  return (
    <span class={`sla sla-${sla.state}`}>
      {SLA_LABEL[sla.state]} <span class="sla-left">({left})</span>
    </span>
  );
};

const POSTMORTEM_LABEL: Record<IncidentPostmortemClock['state'], string> = {
  not_started: 'Starts at resolution',
  pending: 'Pending',
  due_soon: 'Due soon',
  breached: 'Overdue',
  met: 'Linked',
  met_late: 'Linked late',
};

/** The internal postmortem's deadline: its state, and the time left (or how late it was linked). */
export const PostmortemState: FC<{ clock: IncidentPostmortemClock | null }> = ({ clock }) => {
  if (!clock?.required) return <span class="sla sla-not_required">Not required</span>;
  if (clock.deadline === null) return <span class="sla sla-pending">{POSTMORTEM_LABEL.not_started}</span>;
  const s = clock.secondsLeft ?? 0;
  const linked = clock.state === 'met' || clock.state === 'met_late';
  const left = linked
    ? `${humanDuration(s)} ${s >= 0 ? 'early' : 'late'}`
    : `${humanDuration(s)} ${s >= 0 ? 'left' : 'overdue'}`;
  return (
    <span class={`sla sla-${clock.state}`}>
      {POSTMORTEM_LABEL[clock.state]} <span class="sla-left">({left})</span>
    </span>
  );
};

/** The affected components chosen on a form: one select per component, "" meaning not affected. */
function affectedFrom(body: Record<string, unknown>, components: Component[]): AffectedComponent[] {
  const out: AffectedComponent[] = [];
  for (const comp of components) {
    const v = field(body, `component.${comp.id}`);
    if (v) out.push({ id: comp.id, status: v as AffectedComponent['status'] });
  }
  return out;
}

const ComponentSelects: FC<{ components: Component[]; affected: AffectedComponent[] }> = ({ components, affected }) =>
  components.length === 0 ? (
    <p class="hint">No components yet.</p>
  ) : (
    <div class="grid2">
      {components.map((comp) => {
        const current = affected.find((a) => a.id === comp.id)?.status ?? '';
        return (
          <div>
            <label for={`c-${comp.id}`}>{comp.name}</label>
            <select id={`c-${comp.id}`} name={`component.${comp.id}`}>
              <option value="" selected={current === ''}>
                Not affected
              </option>
              {COMPONENT_STATUSES.filter((s) => s !== 'operational').map((s) => (
                <option value={s} selected={current === s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );

const IncidentListView: FC<{ session: ConsoleSession; csrf: string; rows: ConsoleIncidentRow[] }> = ({
  session,
  csrf,
  rows,
}) => (
  <ConsoleLayout title="Incidents" session={session} csrf={csrf} current="/admin/incidents">
    <div class="actions">
      <h1>Incidents</h1>
      {can(session, 'incidents:write') ? (
        <a class="button secondary" href="/admin/incidents/new">
          New incident
        </a>
      ) : null}
    </div>
    <p class="hint">Open and recent incidents; summaries still owed come first, the soonest deadline at the top.</p>
    {rows.length === 0 ? (
      <p>No incidents yet.</p>
    ) : (
      <section class="table-wrap" aria-label="Incidents" tabindex={0}>
        <table class="list stacked">
          <caption class="vh">Incidents with their customer-summary deadline</caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Severity</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Summary SLA</th>
              <th scope="col">Postmortem</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ incident: i, sla, postmortem }) => (
              <tr>
                <td data-label="Incident">
                  <a href={`/admin/incidents/${i.id}`}>{i.title}</a>
                </td>
                <td data-label="Severity">{i.severity}</td>
                <td data-label="Status">{postmortem?.label ?? i.status}</td>
                <td data-label="Started">
                  <Time at={i.startedAt} />
                </td>
                <td data-label="Summary SLA">
                  <SlaState sla={sla} />
                </td>
                <td data-label="Postmortem">
                  <PostmortemState clock={postmortem} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    )}
  </ConsoleLayout>
);

interface IncidentPageData {
  incident: Incident;
  updates: IncidentUpdate[];
  components: Component[];
  sla: SlaClock | null;
  postmortem: IncidentPostmortemView;
}

const IncidentDetailView: FC<{
  session: ConsoleSession;
  csrf: string;
  d: IncidentPageData;
  problem?: ShownProblem | null;
  draft?: { status?: string; body?: string };
}> = ({ session, csrf, d, problem, draft }) => {
  const i = d.incident;
  const write = can(session, 'incidents:write');
  return (
    <ConsoleLayout title={i.title} session={session} csrf={csrf} current="/admin/incidents">
      <p>
        <a href="/admin/incidents">← Incidents</a>
      </p>
      <h1>{i.title}</h1>
      <p>
        {i.severity} · {d.postmortem.clock.label ?? i.status} · started <Time at={i.startedAt} />
        {i.resolvedAt !== null ? (
          <>
            {' '}
            · resolved <Time at={i.resolvedAt} />
          </>
        ) : null}{' '}
        · lead {i.lead.name}
      </p>
      <p>
        Customer summary: <SlaState sla={d.sla} />{' '}
        <a class="button secondary" href={`/admin/incidents/${i.id}/summary`}>
          Write the customer summary
        </a>{' '}
        <a href={`/incidents/${i.id}`}>Public page</a>
      </p>
      {d.postmortem.clock.required ? (
        <p>
          Internal postmortem: <PostmortemState clock={d.postmortem.clock} />
          {d.postmortem.clock.deadline !== null ? (
            <>
              {' '}
              · due <Time at={d.postmortem.clock.deadline} />
            </>
          ) : null}
          {d.postmortem.link ? (
            <>
              {' '}
              · <a href={d.postmortem.link.url}>the document</a> (linked <Time at={d.postmortem.link.linkedAt} />)
            </>
          ) : null}
        </p>
      ) : null}
      <ProblemBox problem={problem} />
      {write ? (
        <>
          <h2 id="h-update">Post an update</h2>
          <form method="post" action={`/admin/incidents/${i.id}/updates`} class="stack" aria-labelledby="h-update">
            <Csrf token={csrf} />
            <label for="u-status">Status</label>
            <select id="u-status" name="status">
              {INCIDENT_STATUSES.map((s) => (
                <option value={s} selected={(draft?.status ?? i.status) === s}>
                  {s}
                </option>
              ))}
            </select>
            <label for="u-body">Message (public)</label>
            <textarea id="u-body" name="body" required rows={4}>
              {draft?.body ?? ''}
            </textarea>
            <fieldset>
              <legend>Affected components</legend>
              <ComponentSelects components={d.components} affected={i.components} />
            </fieldset>
            <button type="submit">Post update</button>
          </form>

          <h2 id="h-components">Component statuses</h2>
          <form method="post" action={`/admin/incidents/${i.id}/components`} aria-labelledby="h-components">
            <Csrf token={csrf} />
            <ComponentSelects components={d.components} affected={i.components} />
            <button type="submit" class="secondary">
              Save component statuses
            </button>
          </form>

          {i.status !== 'resolved' ? (
            <>
              <h2 id="h-resolve">Resolve</h2>
              <form method="post" action={`/admin/incidents/${i.id}/resolve`} aria-labelledby="h-resolve">
                <Csrf token={csrf} />
                <label for="r-message">Closing message (optional, public)</label>
                <textarea id="r-message" name="message" rows={2} />
                <button type="submit">Resolve incident</button>
              </form>
            </>
          ) : null}
        </>
      ) : (
        <p class="hint">This token cannot change incidents (it lacks the incidents:write scope).</p>
      )}

      <h2>Timeline</h2>
      <ol class="timeline" reversed>
        {[...d.updates].reverse().map((u) => (
          <li id={`update-${u.id}`}>
            <strong>{u.status}</strong> · <Time at={u.createdAt} />
            {u.editedAt !== null ? (
              <>
                {' '}
                · corrected <Time at={u.editedAt} />
              </>
            ) : null}
            <p>{u.body}</p>
            {write ? (
              <details>
                <summary>Correct or retract this update</summary>
                <form method="post" action={`/admin/incidents/${i.id}/updates/${u.id}/edit`}>
                  <Csrf token={csrf} />
                  <label for={`e-${u.id}`}>Corrected message (public)</label>
                  <textarea id={`e-${u.id}`} name="body" required rows={3}>
                    {`\n${u.body}`}
                  </textarea>
                  <button type="submit" class="secondary">
                    Save correction
                  </button>
                </form>
                <form method="post" action={`/admin/incidents/${i.id}/updates/${u.id}/retract`}>
                  <Csrf token={csrf} />
                  <button type="submit" class="secondary">
                    Retract (remove from the public page)
                  </button>
                </form>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </ConsoleLayout>
  );
};

const NewIncidentView: FC<{
  session: ConsoleSession;
  csrf: string;
  components: Component[];
  problem?: ShownProblem | null;
  values?: Record<string, string>;
}> = ({ session, csrf, components, problem, values = {} }) => (
  <ConsoleLayout title="New incident" session={session} csrf={csrf} current="/admin/incidents">
    <p>
      <a href="/admin/incidents">← Incidents</a>
    </p>
    <h1>New incident</h1>
    <ProblemBox problem={problem} />
    <form method="post" action="/admin/incidents" class="stack">
      <Csrf token={csrf} />
      <label for="n-title">Title (public)</label>
      <input id="n-title" name="title" type="text" required value={values.title ?? ''} />
      <label for="n-severity">Severity</label>
      <select id="n-severity" name="severity">
        {SEVERITIES.map((s) => (
          <option value={s} selected={(values.severity ?? 'SEV-2') === s}>
            {s}
          </option>
        ))}
      </select>
      <label for="n-started">Started (UTC)</label>
      <input
        id="n-started"
        name="startedAt"
        type="datetime-local"
        required
        value={values.startedAt ?? ''}
        aria-describedby="n-started-hint"
      />
      <p id="n-started-hint" class="hint">
        Every time in the console is UTC.
      </p>
      <div class="grid2">
        <div>
          <label for="n-lead">Incident lead</label>
          <input id="n-lead" name="leadName" type="text" required value={values.leadName ?? ''} />
        </div>
        <div>
          <label for="n-lead-email">Lead's email (SLA reminders, optional)</label>
          <input id="n-lead-email" name="leadEmail" type="email" value={values.leadEmail ?? ''} />
        </div>
      </div>
      <label for="n-message">First update (public, optional)</label>
      <textarea id="n-message" name="message" rows={3}>
        {values.message ?? ''}
      </textarea>
      <fieldset>
        <legend>Affected components</legend>
        <ComponentSelects components={components} affected={[]} />
      </fieldset>
      <button type="submit">Open incident</button>
    </form>
  </ConsoleLayout>
);

async function loadDetail(c: Context<ConsoleEnv>, id: string): Promise<IncidentPageData> {
  const deps = c.get('deps');
  const incident = await getIncident({ deps, id });
  const [updates, components, sla, postmortem] = await Promise.all([
    listIncidentUpdates({ deps, id }),
    listComponents({ deps }),
    getIncidentSla({ deps, incidentId: id }).then((v) => v.clock),
    getIncidentPostmortem({ deps, incidentId: id }),
  ]);
  return { incident, updates, components, sla, postmortem };
}

async function detailWithProblem(
  c: Context<ConsoleEnv>,
  id: string,
  problem: ShownProblem,
  status: ContentfulStatusCode,
  draft?: { status?: string; body?: string },
) {
  const d = await loadDetail(c, id);
  return page(
    c,
    <IncidentDetailView session={sessionOf(c)} csrf={c.get('csrf')} d={d} problem={problem} draft={draft} />,
    status,
  );
}

export function incidentArea(app: Hono<ConsoleEnv>): void {
  const write = needsScope('incidents:write');

  app.get('/incidents', async (c) => {
    const rows = await listConsoleIncidents({ deps: c.get('deps') });
    return page(c, <IncidentListView session={sessionOf(c)} csrf={c.get('csrf')} rows={rows} />);
  });

  app.get('/incidents/new', write, async (c) => {
    const components = await listComponents({ deps: c.get('deps') });
    return page(c, <NewIncidentView session={sessionOf(c)} csrf={c.get('csrf')} components={components} />);
  });

  app.post('/incidents', write, async (c) => {
    const deps = c.get('deps');
    const body = await c.req.parseBody();
    const components = await listComponents({ deps });
    const result = await attempt(() => {
      const input = parsed(createIncidentInput, {
        title: field(body, 'title'),
        severity: field(body, 'severity'),
        startedAt: utcInput(field(body, 'startedAt')),
        lead: { name: field(body, 'leadName'), email: field(body, 'leadEmail') || null },
        message: field(body, 'message') || undefined,
        components: affectedFrom(body, components),
      });
      return createIncident({ deps, input, actor: actorOf(sessionOf(c).token) });
    });
    if (result.ok) return seeOther(c, `/admin/incidents/${result.value.id}`);
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<
      string,
      string
    >;
    return page(
      c,
      <NewIncidentView
        session={sessionOf(c)}
        csrf={c.get('csrf')}
        components={components}
        problem={result.problem}
        values={values}
      />,
      result.status,
    );
  });

  app.get('/incidents/:id', async (c) => {
    const d = await loadDetail(c, c.req.param('id'));
    return page(c, <IncidentDetailView session={sessionOf(c)} csrf={c.get('csrf')} d={d} />);
  });

  app.post('/incidents/:id/updates', write, async (c) => {
    const deps = c.get('deps');
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const components = await listComponents({ deps });
    const draft = { status: field(body, 'status'), body: rawField(body, 'body') };
    const result = await attempt(() => {
      const input = parsed(createUpdateInput, {
        status: draft.status,
        body: draft.body,
        components: affectedFrom(body, components),
      });
      return postIncidentUpdate({ deps, id, input, actor: actorOf(sessionOf(c).token) });
    });
    if (result.ok) return seeOther(c, `/admin/incidents/${id}`);
    return detailWithProblem(c, id, result.problem, result.status, draft);
  });

  app.post('/incidents/:id/updates/:updateId/edit', write, async (c) => {
    const deps = c.get('deps');
    const id = c.req.param('id');
    const updateId = c.req.param('updateId');
    const body = await c.req.parseBody();
    const result = await attempt(() => {
      const input = parsed(editUpdateInput, { body: rawField(body, 'body') });
      return editIncidentUpdate({ deps, incidentId: id, updateId, input, actor: actorOf(sessionOf(c).token) });
    });
    if (result.ok) return seeOther(c, `/admin/incidents/${id}#update-${updateId}`);
    return detailWithProblem(c, id, result.problem, result.status);
  });

  app.post('/incidents/:id/updates/:updateId/retract', write, async (c) => {
    const id = c.req.param('id');
    const updateId = c.req.param('updateId');
    await retractIncidentUpdate({
      deps: c.get('deps'),
      incidentId: id,
      updateId,
      actor: actorOf(sessionOf(c).token),
    });
    return seeOther(c, `/admin/incidents/${id}`);
  });

  app.post('/incidents/:id/components', write, async (c) => {
    const deps = c.get('deps');
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const components = await listComponents({ deps });
    const result = await attempt(() => {
      const input = parsed(updateIncidentInput, { components: affectedFrom(body, components) });
      return updateIncident({ deps, id, input, actor: actorOf(sessionOf(c).token) });
    });
    if (result.ok) return seeOther(c, `/admin/incidents/${id}`);
    return detailWithProblem(c, id, result.problem, result.status);
  });

  app.post('/incidents/:id/resolve', write, async (c) => {
    const deps = c.get('deps');
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const message = rawField(body, 'message').trim();
    const result = await attempt(() =>
      resolveIncident({ deps, id, input: message ? { message } : {}, actor: actorOf(sessionOf(c).token) }),
    );
    if (result.ok) return seeOther(c, `/admin/incidents/${id}`);
    return detailWithProblem(c, id, result.problem, result.status);
  });
}
