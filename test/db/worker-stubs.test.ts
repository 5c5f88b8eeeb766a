// wrangler.toml [alias] swaps a few of drizzle-orm's internal modules for src/db/drizzle-worker-stubs.ts in
// the Worker bundle. Each alias must still match an import drizzle makes (after an upgrade a stale alias
// would silently stop saving anything), every name drizzle imports through it must exist in the stubs, and
// whatever a stub stands in for must say so if it is ever called.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import * as stubs from '../../src/db/drizzle-worker-stubs';
import { ROOT } from '../helpers/processes';

const DRIZZLE = join(ROOT, 'node_modules/drizzle-orm');
const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
const aliasBlock = /^\[alias\]\n([\s\S]*?)(?:\n\[|$)/m.exec(toml)?.[1] ?? '';
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

it('wrangler.toml aliases drizzle internals to the stubs, and each alias matches an import drizzle makes', () => {
  expect(aliases.length).toBeGreaterThan(0);
  const files = drizzleFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  for (const { from, to } of aliases) {
    expect(to).toBe('./src/db/drizzle-worker-stubs.ts');
    const importers = files.filter((f) => f.text.includes(`from "${from}"`));
    expect(
      importers.map((f) => relative(DRIZZLE, f.path)),
      `nothing in drizzle imports "${from}"`,
    ).not.toEqual([]);
    for (const f of importers) {
      for (const m of f.text.matchAll(new RegExp(`import \\{([^}]*)\\} from "${from.replace(/\./g, '\\.')}"`, 'g'))) {
        for (const name of (m[1] ?? '')
          .split(',')
          .map((n) => n.trim().split(/\s+as\s+/)[0])
          .filter(Boolean)) {
          expect(Object.keys(stubs), `${relative(DRIZZLE, f.path)} imports ${name}`).toContain(name);
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
