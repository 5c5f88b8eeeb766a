// The OpenAPI 3.1 document (public/api/openapi.json, built from src/http/openapi-routes.ts): its shape,
// every schema in it compiles, it names every route the app registers under /api/v1 and /api/v2 (and
// none it doesn't), the README's example requests pass its request schemas, and Node serves it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Schema, Validator } from '@cfworker/json-schema';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/core/types';
import { openApiDocument } from '../../src/http/openapi-routes';
import { createNodeApp } from '../../src/node-server';
import { registeredRoutes, samplePath } from '../helpers/routes';
import { createWorld } from '../helpers/world';

const ROOT = resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };
const doc = openApiDocument(version) as unknown as OpenApiDoc;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  operationId: string;
  security?: unknown[];
  'x-scope'?: Scope;
  parameters?: { name: string; in: string; required?: boolean; schema: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

// The part of the OpenAPI 3.1 specification this document uses, as a JSON Schema (2020-12).
const schemaObject = { type: ['object', 'boolean'] };
const OPERATION = {
  type: 'object',
  required: ['responses', 'operationId'],
  properties: {
    operationId: { type: 'string', pattern: '^[A-Za-z0-9]+$' },
    summary: { type: 'string', minLength: 1 },
    tags: { type: 'array', items: { type: 'string', minLength: 1 } },
    security: { type: 'array' },
    parameters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'in', 'schema'],
        properties: {
          name: { type: 'string', minLength: 1 },
          in: { enum: ['path', 'query', 'header', 'cookie'] },
          required: { type: 'boolean' },
          schema: schemaObject,
        },
        // A path parameter is required.
        anyOf: [
          { properties: { in: { not: { const: 'path' } } } },
          { required: ['required'], properties: { required: { const: true } } },
        ],
      },
    },
    requestBody: {
      type: 'object',
      required: ['content'],
      properties: {
        content: {
          type: 'object',
          minProperties: 1,
          additionalProperties: { type: 'object', required: ['schema'], properties: { schema: schemaObject } },
        },
      },
    },
    responses: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^([1-5][0-9X]{2}|default)$' },
      additionalProperties: { type: 'object', required: ['description'] },
    },
  },
  patternProperties: { '^x-': true },
  unevaluatedProperties: false,
};
const OPENAPI_31 = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: { type: 'string' }, version: { type: 'string' } },
    },
    servers: { type: 'array', items: { type: 'object', required: ['url'] } },
    paths: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        minProperties: 1,
        propertyNames: { enum: [...METHODS] },
        additionalProperties: OPERATION,
      },
    },
    components: { type: 'object', properties: { schemas: { type: 'object', additionalProperties: schemaObject } } },
  },
};

function operations() {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ path, method, op: item[method] as Operation }] : [])),
  );
}

/** Every schema in the document, with where it is. */
function schemas(): [string, Schema][] {
  const out: [string, Schema][] = Object.entries(doc.components.schemas).map(([n, s]) => [
    `#/components/schemas/${n}`,
    s,
  ]);
  for (const { path, method, op } of operations()) {
    const at = `${method.toUpperCase()} ${path}`;
    for (const p of op.parameters ?? []) out.push([`${at} parameter ${p.name}`, p.schema]);
    for (const [type, c] of Object.entries(op.requestBody?.content ?? {})) out.push([`${at} body ${type}`, c.schema]);
    for (const [status, r] of Object.entries(op.responses))
      for (const [type, c] of Object.entries(r.content ?? {})) out.push([`${at} ${status} ${type}`, c.schema]);
  }
  return out;
}

const DOC_URI = 'https://afterword.invalid/openapi.json';

/** A validator for a schema in the document (its `#/components/...` references resolve against the document). */
function validator(schema: Schema) {
  const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${DOC_URI}#/`)) as Schema;
  const v = new Validator(rebased, '2020-12', false);
  v.addSchema(doc as unknown as Schema, DOC_URI);
  return v;
}

describe('OpenAPI document', () => {
  it('has the OpenAPI 3.1 shape: top-level fields, every path and operation', () => {
    const result = new Validator(OPENAPI_31 as unknown as Schema, '2020-12', false).validate(doc);
    expect(result.errors.map((e) => `${e.instanceLocation}: ${e.error}`)).toEqual([]);
    expect(doc.info.version).toBe(version);
    const ids = operations().map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations()) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(declared, `${method} ${path}`).toEqual(inPath);
    }
  });

  it('every schema in it compiles as JSON Schema 2020-12, and every $ref resolves', () => {
    const all = schemas();
    expect(all.length).toBeGreaterThan(60);
    for (const [where, schema] of all) {
      expect(() => validator(schema).validate({}), where).not.toThrow();
      for (const ref of JSON.stringify(schema).matchAll(/"\$ref":"#\/([^"]+)"/g)) {
        const target = (ref[1] ?? '').split('/').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], doc);
        expect(target, `${where}: ${ref[0]}`).toBeTypeOf('object');
      }
    }
    // Compiled for real: a body schema from the zod inputs rejects what the route rejects.
    const create = doc.paths['/api/v1/components']?.post?.requestBody?.content['application/json']?.schema as Schema;
    expect(validator(create).validate({ name: 'API' }).valid).toBe(true);
    expect(validator(create).validate({ name: 'API', surprise: 1 }).valid).toBe(false);
    expect(validator(create).validate({}).valid).toBe(false);
  });

  const world = createWorld();
  afterAll(() => world.close());

  it('names every route the app registers under /api/v1 and /api/v2, and none it does not', () => {
    const registered = [...registeredRoutes(world.app, '/api/v1/'), ...registeredRoutes(world.app, '/api/v2/')].map(
      (r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`,
    );
    expect(registered.length).toBeGreaterThan(40);
    const documented = operations().map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(
      registered.filter((r) => !documented.includes(r)),
      'routes missing from src/http/openapi-routes.ts',
    ).toEqual([]);
    expect(
      documented.filter((d) => !registered.includes(d)),
      'operations the app does not register',
    ).toEqual([]);
  });

  it("states each operation's scope as the app enforces it", async () => {
    const others: Scope[] = ['incidents:write', 'summaries:publish', 'subscribers:read', 'subscribers:write'];
    const tokens = new Map<string, string>();
    for (const s of others) tokens.set(s, await world.token(s));
    const allButAdmin = await world.token(...others);
    const wrong: string[] = [];
    for (const { path, method, op } of operations()) {
      const url = samplePath(path.replace(/\{([^}]+)\}/g, ':$1'));
      const call = (token?: string) =>
        world.call(method.toUpperCase(), url, {
          token,
          ...(method === 'get' || method === 'delete' ? {} : { body: {} }),
        });
      const scope = op['x-scope'];
      const at = `${method.toUpperCase()} ${path}`;
      if (op.security?.length === 0) {
        if ((await call()).status === 401) wrong.push(`${at}: documented public, answers 401 without a token`);
      } else if (!scope) {
        const { status } = await call(tokens.get('subscribers:write'));
        if (status === 401 || status === 403) wrong.push(`${at}: documented for any token, answers ${status}`);
      } else if (scope === 'admin') {
        if ((await call(allButAdmin)).status !== 403) wrong.push(`${at}: documented admin, allowed without it`);
      } else {
        if ((await call(tokens.get(scope))).status === 403) wrong.push(`${at}: refused with ${scope}`);
        const other = others.find((s) => s !== scope) as Scope;
        if ((await call(tokens.get(other))).status !== 403)
          wrong.push(`${at}: documented ${scope}, allowed with ${other}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("accepts every README example request against /api/v1 (curl -d bodies pass the operation's request schema)", () => {
    const examples = readmeCurls().filter((c) => c.path.startsWith('/api/v1/'));
    const withBody = examples.filter((c) => c.body !== undefined);
    expect(withBody.length).toBeGreaterThanOrEqual(8);
    for (const ex of examples) {
      const at = `README: curl -X ${ex.method} ${ex.path}`;
      const found = operations().find(
        (o) => o.method === ex.method.toLowerCase() && pathPattern(o.path).test(ex.path.split('?')[0] as string),
      );
      expect(found, `${at}: no such operation in the document`).toBeDefined();
      const body = found?.op.requestBody;
      if (ex.fromFile) {
        expect(body, `${at}: the operation takes no body`).toBeDefined();
        continue;
      }
      if (ex.body === undefined) {
        expect(body?.required ?? false, `${at}: the operation requires a body, the example sends none`).toBe(false);
        continue;
      }
      expect(body, `${at}: the operation takes no body`).toBeDefined();
      const schema = body?.content['application/json']?.schema as Schema;
      const parsed: unknown = JSON.parse(ex.body);
      const result = validator(schema).validate(parsed);
      expect(
        result.errors.map((e) => `${e.instanceLocation}: ${e.error}`),
        at,
      ).toEqual([]);
    }
  });

  it('is served at /api/openapi.json (built into public/ by npm run build), the same document', async () => {
    const { app } = createNodeApp(world.deps);
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
    const page = await app.request('/api/docs/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('openapi.json');
  });
});

function pathPattern(template: string): RegExp {
  return new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
}

/** The README's curl commands (joined across `\` continuations and multi-line quoted bodies). */
function readmeCurls(): { method: string; path: string; body?: string; fromFile?: boolean }[] {
  const lines = readFileSync(resolve(ROOT, 'README.md'), 'utf8').split('\n');
  const commands: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!/^\s*curl\s/.test(line)) continue;
    let cmd = line;
    while ((cmd.trimEnd().endsWith('\\') || (cmd.match(/'/g)?.length ?? 0) % 2 === 1) && i + 1 < lines.length) {
      cmd = `${cmd.trimEnd().replace(/\\$/, '')}\n${lines[++i]}`;
    }
    commands.push(cmd);
  }
  return commands.flatMap((cmd) => {
    const url = cmd.match(/(?:\$API|\$URL\/api\/v1|\/\/[^/\s]+\/api\/v1|localhost:\d+\/api\/v1)(\/[^\s'"]*)/);
    if (!url) return [];
    const method = cmd.match(/-X\s+([A-Z]+)/)?.[1] ?? (/\s(-d|--data)\s/.test(cmd) ? 'POST' : 'GET');
    const body = cmd.match(/\s(?:-d|--data(?:-raw)?)\s+'([^']*)'/)?.[1];
    const fromFile = /\s(?:-d|--data(?:-raw)?)\s+@/.test(cmd);
    return [{ method, path: `/api/v1${url[1]}`, fromFile, ...(body === undefined ? {} : { body }) }];
  });
}
