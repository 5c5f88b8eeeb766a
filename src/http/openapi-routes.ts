// The API's operations for the OpenAPI 3.1 document, with the same zod schema objects the routes
// validate with (one source of truth: a field added to an input shows here). Built into
// public/api/openapi.json by scripts/build-openapi.mjs at build time, never imported by the Worker.
// test/api/openapi.test.ts fails when a route registered on the app is missing from this list.
import {
  createComponentInput,
  createGroupInput,
  createIncidentInput,
  createMaintenanceInput,
  createTokenInput,
  createUpdateInput,
  editUpdateInput,
  gateSettingsInput,
  listIncidentsQuery,
  reorderComponentsInput,
  resolveIncidentInput,
  updateComponentInput,
  updateGroupInput,
  updateIncidentInput,
  updateMaintenanceInput,
} from '../core/inputs';
import { pageSettingsInput } from '../core/public/page-settings';
import { postmortemLinkInput } from '../core/sla/postmortem-settings';
import { slaSettingsInput } from '../core/sla/settings';
import { lintInput, summaryDraftInput } from '../core/summary/inputs';
import { lexiconSchema } from '../core/summary/lexicon';
import type { Scope } from '../core/types';
import * as z from '../core/zod';
import { listQuery as slaListQuery } from './routes/sla';
import { exportQuery, listQuery as subscriberListQuery } from './routes/subscribers';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiOperation {
  method: Method;
  /** As registered on the app, e.g. `/api/v1/incidents/:id`. */
  path: string;
  summary: string;
  /** The scope a token needs; `any` for any valid token, `none` for the public API. */
  scope: Scope | 'any' | 'none';
  body?: z.core.$ZodType;
  query?: z.core.$ZodType;
  /** The status a success answers with (200 unless said). */
  status?: 200 | 201 | 204;
}

const op = (
  method: Method,
  path: string,
  scope: ApiOperation['scope'],
  summary: string,
  more: Partial<ApiOperation> = {},
): ApiOperation => ({ method, path, scope, summary, ...more });

const v1 = '/api/v1';
const W = 'incidents:write';

export const API_OPERATIONS: readonly ApiOperation[] = [
  op('get', `${v1}/components`, 'any', 'Components in display order'),
  op('post', `${v1}/components`, W, 'Create a component', { body: createComponentInput, status: 201 }),
  op('post', `${v1}/components/reorder`, W, 'Reorder components (these first, in this order)', {
    body: reorderComponentsInput,
  }),
  op('get', `${v1}/components/:id`, 'any', 'One component'),
  op('patch', `${v1}/components/:id`, W, 'Change a component', { body: updateComponentInput }),
  op('delete', `${v1}/components/:id`, W, 'Delete a component', { status: 204 }),
  op('get', `${v1}/component-groups`, 'any', 'Component groups'),
  op('post', `${v1}/component-groups`, W, 'Create a component group', { body: createGroupInput, status: 201 }),
  op('patch', `${v1}/component-groups/:id`, W, 'Change a component group', { body: updateGroupInput }),
  op('delete', `${v1}/component-groups/:id`, W, 'Delete a component group', { status: 204 }),
  op('get', `${v1}/incidents`, 'any', 'Incidents, newest first (nextCursor pages on)', { query: listIncidentsQuery }),
  op('post', `${v1}/incidents`, W, 'Open an incident', { body: createIncidentInput, status: 201 }),
  op('get', `${v1}/incidents/:id`, 'any', 'One incident with its updates'),
  op('patch', `${v1}/incidents/:id`, W, 'Change an incident', { body: updateIncidentInput }),
  op('post', `${v1}/incidents/:id/resolve`, W, 'Resolve an incident', { body: resolveIncidentInput }),
  op('get', `${v1}/incidents/:id/updates`, 'any', "An incident's updates"),
  op('post', `${v1}/incidents/:id/updates`, W, 'Post an update', { body: createUpdateInput, status: 201 }),
  op('patch', `${v1}/incidents/:id/updates/:updateId`, W, "Correct a posted update's text", {
    body: editUpdateInput,
  }),
  op('delete', `${v1}/incidents/:id/updates/:updateId`, W, 'Retract a posted update', { status: 204 }),
  op('get', `${v1}/incidents/:id/sla`, 'any', "An incident's 48-hour SLA clock"),
  op('get', `${v1}/incidents/:id/postmortem`, 'any', "An incident's internal postmortem: its deadline and link"),
  op('put', `${v1}/incidents/:id/postmortem`, 'incidents:write', "Record the internal postmortem's link", {
    body: postmortemLinkInput,
  }),
  op('get', `${v1}/incidents/:id/summary`, 'any', "An incident's customer summary versions and publication"),
  op('put', `${v1}/incidents/:id/summary`, 'summaries:publish', 'Save a customer summary draft', {
    body: summaryDraftInput,
    status: 201,
  }),
  op('post', `${v1}/incidents/:id/summary/publish`, 'summaries:publish', 'Publish the latest summary draft (no body)', {
    status: 201,
  }),
  op('post', `${v1}/lint`, 'summaries:publish', 'Dry-run the summary gate on a draft', { body: lintInput }),
  op('get', `${v1}/maintenances`, 'any', 'Scheduled maintenances'),
  op('post', `${v1}/maintenances`, W, 'Schedule a maintenance', { body: createMaintenanceInput, status: 201 }),
  op('get', `${v1}/maintenances/:id`, 'any', 'One maintenance'),
  op('patch', `${v1}/maintenances/:id`, W, 'Change a maintenance', { body: updateMaintenanceInput }),
  op('delete', `${v1}/maintenances/:id`, W, 'Delete a maintenance', { status: 204 }),
  op('get', `${v1}/tokens`, 'admin', 'API tokens'),
  op('post', `${v1}/tokens`, 'admin', 'Create a token (its secret is shown once)', {
    body: createTokenInput,
    status: 201,
  }),
  op('delete', `${v1}/tokens/:id`, 'admin', 'Revoke a token'),
  op('get', `${v1}/audit`, 'admin', 'The latest 200 audit entries'),
  op('get', `${v1}/settings/page`, 'admin', 'Page settings'),
  op('put', `${v1}/settings/page`, 'admin', 'Change page settings', { body: pageSettingsInput }),
  op('get', `${v1}/settings/gate`, 'admin', 'Live-text gate settings'),
  op('put', `${v1}/settings/gate`, 'admin', 'Change live-text gate settings', { body: gateSettingsInput }),
  op('get', `${v1}/lexicon`, 'admin', 'The summary lexicon'),
  op('put', `${v1}/lexicon`, 'admin', 'Replace the summary lexicon', { body: lexiconSchema }),
  op('get', `${v1}/sla`, 'any', 'SLA clocks', { query: slaListQuery }),
  op('post', `${v1}/sla/alerts/:id/retry`, 'admin', 'Re-queue a dead-lettered SLA alert (no body)'),
  op('get', `${v1}/sla/settings`, 'admin', 'SLA alert settings'),
  op('put', `${v1}/sla/settings`, 'admin', 'Change SLA alert settings', { body: slaSettingsInput }),
  op('get', `${v1}/subscribers`, 'subscribers:read', 'Subscribers', { query: subscriberListQuery }),
  op('get', `${v1}/subscribers/counts`, 'subscribers:read', 'Subscriber counts'),
  op('get', `${v1}/subscribers/export`, 'subscribers:read', 'Export subscribers (JSON or CSV)', {
    query: exportQuery,
  }),
  op('delete', `${v1}/subscribers/:id`, 'subscribers:write', 'Delete a subscriber'),
  ...(
    [
      ['summary.json', 'Page, components, open incidents and maintenances'],
      ['status.json', 'The overall status indicator'],
      ['components.json', 'Components'],
      ['incidents.json', 'The latest incidents'],
      ['incidents/unresolved.json', 'Open incidents'],
      ['scheduled-maintenances.json', 'Scheduled maintenances'],
      ['scheduled-maintenances/upcoming.json', 'Upcoming maintenances'],
      ['scheduled-maintenances/active.json', 'Maintenances in progress'],
    ] as const
  ).map(([file, summary]) => op('get', `/api/v2/${file}`, 'none', `${summary} (Statuspage v2, public)`)),
];

type Json = Record<string, unknown>;

/** A request schema as JSON Schema (draft 2020-12, which OpenAPI 3.1 uses), what a client may send. */
function jsonSchema(schema: z.core.$ZodType): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

const problemResponse = {
  description: 'An RFC 9457 problem with a stable `code`',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** The OpenAPI 3.1 document for every operation in API_OPERATIONS. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const o of API_OPERATIONS) {
    const path = o.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: Json[] = [...o.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (o.query) {
      const q = jsonSchema(o.query) as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    const status = o.status ?? 200;
    const operation: Json = {
      operationId: `${o.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: o.summary,
      tags: [o.path.startsWith('/api/v2/') ? 'Statuspage v2' : o.path.split('/')[3]],
      ...(o.scope === 'none' ? { security: [] } : {}),
      ...(o.scope === 'none' || o.scope === 'any' ? {} : { 'x-scope': o.scope }),
      ...(parameters.length ? { parameters } : {}),
      ...(o.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(o.body) } } } }
        : {}),
      responses: {
        [String(status)]: {
          description: status === 204 ? 'Done, no content' : 'Success',
          ...(status === 204 ? {} : { content: { 'application/json': { schema: { type: 'object' } } } }),
        },
        default: problemResponse,
      },
    };
    paths[path] ??= {};
    paths[path][o.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Afterword API',
      version,
      description:
        'The publish API (/api/v1, a bearer token; `x-scope` names the scope a write needs, admin implies every scope) and the public Statuspage-compatible v2 JSON.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}
