// Console: scheduled maintenance and components, created and edited through the API's services and
// input schemas (so the live-text gate and the audit apply the same way).
import type { Context, Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  createComponentInput,
  createMaintenanceInput,
  updateComponentInput,
  updateMaintenanceInput,
} from '../../core/inputs';
import { COMPONENT_STATUSES, type Component, MAINTENANCE_STATUSES, type Maintenance } from '../../core/types';
import { createComponent, getComponent, listComponents, updateComponent } from '../../services/components';
import type { ConsoleSession } from '../../services/console-sessions';
import { createMaintenance, getMaintenance, listMaintenances, updateMaintenance } from '../../services/maintenances';
import { actorOf } from '../../services/tokens';
import type { ConsoleEnv } from './env';
import { can, needsScope, sessionOf } from './guard';
import { attempt, page, parsed, seeOther, utcField, utcInput } from './render';
import { ConsoleLayout, Csrf, ProblemBox, type ShownProblem, Time } from './views/layout';

type Values = Record<string, string | string[]>;

function formValues(body: Record<string, unknown>): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}
const one = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
const many = (v: Values, k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : v[k] ? [v[k] as string] : []);

const MaintenanceForm: FC<{ csrf: string; action: string; components: Component[]; v: Values; submit: string }> = ({
  csrf,
  action,
  components,
  v,
  submit,
}) => (
  <form method="post" action={action} class="stack">
    <Csrf token={csrf} />
    <label for="m-title">Title (public)</label>
    <input id="m-title" name="title" type="text" required value={one(v, 'title')} />
    <label for="m-body">Description (public, optional)</label>
    <textarea id="m-body" name="body" rows={3}>
      {`\n${one(v, 'body')}`}
    </textarea>
    <div class="grid2">
      <div>
        <label for="m-from">Starts (UTC)</label>
        <input id="m-from" name="scheduledFor" type="datetime-local" required value={one(v, 'scheduledFor')} />
      </div>
      <div>
        <label for="m-until">Ends (UTC)</label>
        <input id="m-until" name="scheduledUntil" type="datetime-local" required value={one(v, 'scheduledUntil')} />
      </div>
    </div>
    <label for="m-status">Status</label>
    <select id="m-status" name="status">
      {MAINTENANCE_STATUSES.map((s) => (
        <option value={s} selected={(one(v, 'status') || 'scheduled') === s}>
          {s}
        </option>
      ))}
    </select>
    <fieldset>
      <legend>Components under maintenance</legend>
      {components.map((comp) => (
        <label class="check">
          <input type="checkbox" name="components" value={comp.id} checked={many(v, 'components').includes(comp.id)} />{' '}
          {comp.name}
        </label>
      ))}
    </fieldset>
    <button type="submit">{submit}</button>
  </form>
);

function maintenanceInput(v: Values) {
  return {
    title: one(v, 'title').trim(),
    body: one(v, 'body').trim() || null,
    status: one(v, 'status') || undefined,
    scheduledFor: utcInput(one(v, 'scheduledFor')),
    scheduledUntil: utcInput(one(v, 'scheduledUntil')),
    components: many(v, 'components'),
  };
}

const MaintenanceView: FC<{
  session: ConsoleSession;
  csrf: string;
  list: Maintenance[];
  components: Component[];
  editing: Maintenance | null;
  v: Values;
  problem?: ShownProblem | null;
}> = ({ session, csrf, list, components, editing, v, problem }) => (
  <ConsoleLayout title="Maintenance" session={session} csrf={csrf} current="/admin/maintenance">
    <h1>{editing ? `Edit maintenance: ${editing.title}` : 'Maintenance'}</h1>
    <ProblemBox problem={problem} />
    {editing ? null : (
      <ul class="timeline">
        {list.map((m) => (
          <li>
            <a href={`/admin/maintenance/${m.id}`}>{m.title}</a> · {m.status} · <Time at={m.scheduledFor} /> to{' '}
            <Time at={m.scheduledUntil} />
          </li>
        ))}
        {list.length === 0 ? <li>No maintenance scheduled.</li> : null}
      </ul>
    )}
    {can(session, 'incidents:write') ? (
      <>
        <h2>{editing ? 'Change it' : 'Schedule maintenance'}</h2>
        <MaintenanceForm
          csrf={csrf}
          action={editing ? `/admin/maintenance/${editing.id}` : '/admin/maintenance'}
          components={components}
          v={v}
          submit={editing ? 'Save maintenance' : 'Schedule maintenance'}
        />
      </>
    ) : null}
  </ConsoleLayout>
);

function valuesOf(m: Maintenance): Values {
  return {
    title: m.title,
    body: m.body ?? '',
    status: m.status,
    scheduledFor: utcField(m.scheduledFor),
    scheduledUntil: utcField(m.scheduledUntil),
    components: m.components,
  };
}

async function maintenancePage(
  c: Context<ConsoleEnv>,
  editing: Maintenance | null,
  v: Values,
  problem?: ShownProblem | null,
  status: ContentfulStatusCode = 200,
) {
  const deps = c.get('deps');
  const [list, components] = await Promise.all([listMaintenances({ deps }), listComponents({ deps })]);
  return page(
    c,
    <MaintenanceView
      session={sessionOf(c)}
      csrf={c.get('csrf')}
      list={list}
      components={components}
      editing={editing}
      v={v}
      problem={problem}
    />,
    status,
  );
}

const ComponentForm: FC<{ csrf: string; action: string; v: Values; submit: string; idp: string }> = ({
  csrf,
  action,
  v,
  submit,
  idp,
}) => (
  <form method="post" action={action} class="stack">
    <Csrf token={csrf} />
    <label for={`${idp}-name`}>Name (public)</label>
    <input id={`${idp}-name`} name="name" type="text" required value={one(v, 'name')} />
    <label for={`${idp}-desc`}>Description (public, optional)</label>
    <input id={`${idp}-desc`} name="description" type="text" value={one(v, 'description')} />
    <label for={`${idp}-status`}>Status</label>
    <select id={`${idp}-status`} name="status">
      {COMPONENT_STATUSES.map((s) => (
        <option value={s} selected={(one(v, 'status') || 'operational') === s}>
          {s}
        </option>
      ))}
    </select>
    <button type="submit">{submit}</button>
  </form>
);

const ComponentsView: FC<{
  session: ConsoleSession;
  csrf: string;
  list: Component[];
  editing: Component | null;
  v: Values;
  problem?: ShownProblem | null;
}> = ({ session, csrf, list, editing, v, problem }) => (
  <ConsoleLayout title="Components" session={session} csrf={csrf} current="/admin/components">
    <h1>{editing ? `Edit component: ${editing.name}` : 'Components'}</h1>
    <ProblemBox problem={problem} />
    {editing ? null : (
      <ul class="timeline">
        {list.map((comp) => (
          <li>
            <a href={`/admin/components/${comp.id}`}>{comp.name}</a> · {comp.status}
          </li>
        ))}
        {list.length === 0 ? <li>No components yet.</li> : null}
      </ul>
    )}
    {can(session, 'incidents:write') ? (
      <>
        <h2>{editing ? 'Change it' : 'Add a component'}</h2>
        <ComponentForm
          csrf={csrf}
          action={editing ? `/admin/components/${editing.id}` : '/admin/components'}
          v={v}
          submit={editing ? 'Save component' : 'Add component'}
          idp="k"
        />
      </>
    ) : null}
  </ConsoleLayout>
);

function componentInput(v: Values) {
  return {
    name: one(v, 'name').trim(),
    description: one(v, 'description').trim() || null,
    status: one(v, 'status') || undefined,
  };
}

async function componentsPage(
  c: Context<ConsoleEnv>,
  editing: Component | null,
  v: Values,
  problem?: ShownProblem | null,
  status: ContentfulStatusCode = 200,
) {
  const list = await listComponents({ deps: c.get('deps') });
  return page(
    c,
    <ComponentsView
      session={sessionOf(c)}
      csrf={c.get('csrf')}
      list={list}
      editing={editing}
      v={v}
      problem={problem}
    />,
    status,
  );
}

export function maintenanceArea(app: Hono<ConsoleEnv>): void {
  const write = needsScope('incidents:write');

  app.get('/maintenance', (c) => maintenancePage(c, null, {}));
  app.get('/maintenance/:id', async (c) => {
    const m = await getMaintenance({ deps: c.get('deps'), id: c.req.param('id') });
    return maintenancePage(c, m, valuesOf(m));
  });
  app.post('/maintenance', write, async (c) => {
    const v = formValues(await c.req.parseBody({ all: true }));
    const result = await attempt(() =>
      createMaintenance({
        deps: c.get('deps'),
        input: parsed(createMaintenanceInput, maintenanceInput(v)),
        actor: actorOf(sessionOf(c).token),
      }),
    );
    if (result.ok) return seeOther(c, '/admin/maintenance');
    return maintenancePage(c, null, v, result.problem, result.status);
  });
  app.post('/maintenance/:id', write, async (c) => {
    const deps = c.get('deps');
    const current = await getMaintenance({ deps, id: c.req.param('id') });
    const v = formValues(await c.req.parseBody({ all: true }));
    const result = await attempt(() =>
      updateMaintenance({
        deps,
        id: current.id,
        input: parsed(updateMaintenanceInput, maintenanceInput(v)),
        actor: actorOf(sessionOf(c).token),
      }),
    );
    if (result.ok) return seeOther(c, '/admin/maintenance');
    return maintenancePage(c, current, v, result.problem, result.status);
  });

  app.get('/components', (c) => componentsPage(c, null, {}));
  app.get('/components/:id', async (c) => {
    const comp = await getComponent({ deps: c.get('deps'), id: c.req.param('id') });
    return componentsPage(c, comp, { name: comp.name, description: comp.description ?? '', status: comp.status });
  });
  app.post('/components', write, async (c) => {
    const v = formValues(await c.req.parseBody());
    const result = await attempt(() =>
      createComponent({
        deps: c.get('deps'),
        input: parsed(createComponentInput, componentInput(v)),
        actor: actorOf(sessionOf(c).token),
      }),
    );
    if (result.ok) return seeOther(c, '/admin/components');
    return componentsPage(c, null, v, result.problem, result.status);
  });
  app.post('/components/:id', write, async (c) => {
    const deps = c.get('deps');
    const current = await getComponent({ deps, id: c.req.param('id') });
    const v = formValues(await c.req.parseBody());
    const result = await attempt(() =>
      updateComponent({
        deps,
        id: current.id,
        input: parsed(updateComponentInput, componentInput(v)),
        actor: actorOf(sessionOf(c).token),
      }),
    );
    if (result.ok) return seeOther(c, '/admin/components');
    return componentsPage(c, current, v, result.problem, result.status);
  });
}
