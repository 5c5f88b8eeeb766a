// wrangler.toml [alias] swaps a few of drizzle-orm's internal modules for src/db/drizzle-worker-stubs.ts,
// its SQLite dialect for a trimmed copy (src/db/drizzle-worker-dialect.js), its index and constraint
// builders for src/db/drizzle-worker-schema-stubs.ts,
// and the two modules of Hono's app.mount(), its validator's cookie helper, hono/jsx's metadata
// components and its client-side context provider for src/http/hono-worker-stubs.ts, in the Worker bundle. Each
// alias must still match an import its package makes (after an upgrade a stale alias would silently stop
// saving anything), every name imported through it must exist in the stubs, and whatever a stub stands in
// for must say so if it is ever called.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import * as schemaStubs from '../../src/db/drizzle-worker-schema-stubs';
import * as stubs from '../../src/db/drizzle-worker-stubs';
import * as honoStubs from '../../src/http/hono-worker-stubs';
import { ROOT } from '../helpers/processes';

const DRIZZLE = join(ROOT, 'node_modules/drizzle-orm');
const HONO = join(ROOT, 'node_modules/hono/dist');
const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
// Up to the next table (with /m, `$` would end the block at its first line and check one alias only).
const aliasBlock = /^\[alias\]\n([\s\S]*?)(?:\n\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
const aliases = [...aliasBlock.matchAll(/^"([^"]+)"\s*=\s*"([^"]+)"/gm)].map((m) => ({ from: m[1]!, to: m[2]! }));

/** drizzle's ESM files in the directories the Worker's drizzle code lives in (root, sql, sqlite-core, d1). */
function drizzleFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) out.push(path);
    }
  };
  for (const f of readdirSync(DRIZZLE)) if (f.endsWith('.js')) out.push(join(DRIZZLE, f));
  for (const d of ['sql', 'sqlite-core', 'd1']) walk(join(DRIZZLE, d));
  return out;
}

/** Each stub file, the package directory its aliases point into, the files there, and what it exports. */
const STUBS: Record<string, { root: string; files: () => string[]; names: string[] }> = {
  './src/db/drizzle-worker-stubs.ts': { root: DRIZZLE, files: drizzleFiles, names: Object.keys(stubs) },
  './src/db/drizzle-worker-schema-stubs.ts': { root: DRIZZLE, files: drizzleFiles, names: Object.keys(schemaStubs) },
  // A trimmed copy of drizzle's dialect (test/db/drizzle-worker-dialect.test.ts): its export list.
  './src/db/drizzle-worker-dialect.js': {
    root: DRIZZLE,
    files: drizzleFiles,
    names: (
      /^export \{([^}]*)\}/m.exec(readFileSync(join(ROOT, 'src/db/drizzle-worker-dialect.js'), 'utf8'))?.[1] ?? ''
    )
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  },
  // Hono's own ESM files (not dist/cjs): hono-base.js, validator/validator.js and jsx/base.js are the importers.
  './src/http/hono-worker-stubs.ts': {
    root: HONO,
    files: () =>
      ['', 'validator', 'jsx'].flatMap((dir) =>
        readdirSync(join(HONO, dir))
          .filter((f) => f.endsWith('.js'))
          .map((f) => join(HONO, dir, f)),
      ),
    names: Object.keys(honoStubs),
  },
};

it('wrangler.toml aliases internals to the stubs, and each alias matches an import its package makes', () => {
  expect(aliases.length).toBe(20);
  expect(new Set(aliases.map((a) => a.to))).toEqual(new Set(Object.keys(STUBS)));
  for (const { from, to } of aliases) {
    const stub = STUBS[to];
    expect(stub, `${from} points at ${to}`).toBeDefined();
    const files = stub!.files().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    const importers = files.filter((f) => f.text.includes(`from "${from}"`));
    expect(
      importers.map((f) => relative(stub!.root, f.path)),
      `nothing in ${relative(ROOT, stub!.root)} imports "${from}"`,
    ).not.toEqual([]);
    for (const f of importers) {
      for (const m of f.text.matchAll(new RegExp(`import \\{([^}]*)\\} from "${from.replace(/\./g, '\\.')}"`, 'g'))) {
        for (const name of (m[1] ?? '')
          .split(',')
          .map((n) => n.trim().split(/\s+as\s+/)[0])
          .filter(Boolean)) {
          expect(stub!.names, `${relative(stub!.root, f.path)} imports ${name}`).toContain(name);
        }
      }
    }
  }
});

it('the stand-ins answer as drizzle does on SQLite, and anything called that was left out says so', () => {
  expect(stubs.isPgEnum({})).toBe(false);
  for (const f of [stubs.getSQLiteColumnBuilders, stubs.extractTablesRelationalConfig, stubs.getOperators]) {
    expect(() => f()).toThrow(/left out of the Worker bundle/);
  }
  expect(() => new stubs.RelationalQueryBuilder()).toThrow(/relational query API/);
  expect(() => new stubs.SQLiteCountBuilder()).toThrow(/db\.\$count\(\)/);
});

it("Hono's mount() and cookie-validation stand-ins say so if called", () => {
  expect(() => honoStubs.createMountedRequest()).toThrow(/app\.mount\(\) is left out of the Worker bundle/);
  expect(() => honoStubs.routePath()).toThrow(/left out of the Worker bundle/);
  expect(() => honoStubs.getCookie()).toThrow(/cookie validation target is left out of the Worker bundle/);
  // No element has a component of its own: hono/jsx renders each as written.
  expect(Object.keys(honoStubs.components_exports)).toEqual([]);
  expect(honoStubs.components_exports.title).toBeUndefined();
  // Made for every context (so making one must not throw); run only by the DOM renderer.
  const provider = honoStubs.createContextProviderFunction([]);
  expect(() => provider({ value: 1 })).toThrow(/DOM renderer is left out of the Worker bundle/);
});

it("drizzle's index and constraint stand-ins build the tables as drizzle does, and the rest say they are left out", async () => {
  const { sqliteTable, text } = await import('drizzle-orm/sqlite-core');
  const { uniqueKeyName } = await import('drizzle-orm/sqlite-core');
  const table = sqliteTable('incidents', { id: text('id') });
  // Every column gets drizzle's own unique-constraint name.
  expect(schemaStubs.uniqueKeyName(table, ['id', 'title'])).toBe(uniqueKeyName(table, ['id', 'title']));
  // `.references()` as sqliteTable calls it: the builder chains and keeps nothing.
  const builder = new schemaStubs.ForeignKeyBuilder();
  expect(builder.onUpdate().onDelete()).toBe(builder);
  expect(builder.build()).toBeUndefined();
  for (const f of [schemaStubs.index, schemaStubs.uniqueIndex, schemaStubs.primaryKey, schemaStubs.unique])
    expect(() => f()).toThrow(/left out of the Worker bundle/);
});
