// The Worker bundle only (wrangler.toml [alias]): stand-ins for six of drizzle-orm's internal modules
// whose code this app never runs, which keeps about 3.7 KB of gzipped code out of the Worker.
// - The relational query API (`db.query.<table>.findMany`, drizzle's relations.js and
//   sqlite-core/query-builders/query.js) exists only when drizzle() is given a schema: this app opens
//   drizzle without one (DRIZZLE_OPTIONS in src/db/db.ts), and the store writes every query itself.
// - The SQL builder asks `isPgEnum(chunk)`, and relations.js `is(x, PrimaryKeyBuilder)` (Postgres only):
//   on SQLite the answer is always "no", and these stand-ins give it.
// - `sqliteTable(name, (t) => ...)`, the callback form, hands every column builder to the callback;
//   src/db/schema.ts uses the object form, so builders it does not import are never needed.
// Anything here that is called says so and throws. `wrangler dev` and deploys run this bundle
// (test/browser/worker-page.test.ts reads and writes through it); the workerd test pool does not apply
// wrangler's aliases, so it runs drizzle's own modules.
// The alias matches exactly these import paths (only drizzle uses them). If a drizzle upgrade moves the
// files, the alias stops matching and the bundle check in .ci/run says so; if drizzle imports something
// new from them, the build fails.
import { entityKind } from 'drizzle-orm';

function unavailable(what: string): never {
  throw new Error(`${what} is left out of the Worker bundle (see src/db/drizzle-worker-stubs.ts)`);
}

/** pg-core/columns/enum.js: no SQLite value is a Postgres enum. */
export const isPgEnum = (_value: unknown) => false;
/** pg-core/primary-keys.js, as drizzle's relations.js imports it (the root module re-exports relations.js). */
// biome-ignore lint/complexity/noStaticOnlyClass: drizzle's `is()` takes a class and reads its static entity kind.
export class PrimaryKeyBuilder {
  static readonly [entityKind] = 'PgPrimaryKeyBuilder';
}

/** sqlite-core/columns/all.js: only the callback form of sqliteTable calls it. */
export const getSQLiteColumnBuilders = () => unavailable("sqliteTable's callback form");

/** relations.js, for drizzle(db, { schema }) and the relational queries. */
const relational = () => unavailable('The relational query API (db.query)');
export const extractTablesRelationalConfig = relational;
export const createTableRelationsHelpers = relational;
export const getOperators = relational;
export const getOrderByOperators = relational;
export const normalizeRelation = relational;
// biome-ignore lint/complexity/noStaticOnlyClass: drizzle's `is()` takes a class and reads its static entity kind.
export class One {
  static readonly [entityKind] = 'One';
}
// biome-ignore lint/complexity/noStaticOnlyClass: as above.
export class Many {
  static readonly [entityKind] = 'Many';
}

/** sqlite-core/query-builders/query.js: db.query's builders, made only for a schema. */
export class RelationalQueryBuilder {
  constructor() {
    relational();
  }
}
export class SQLiteRelationalQuery {}

/** sqlite-core/query-builders/count.js: `db.$count()`, which the store never calls (it counts in SQL). */
export class SQLiteCountBuilder {
  constructor() {
    unavailable('db.$count()');
  }
}
