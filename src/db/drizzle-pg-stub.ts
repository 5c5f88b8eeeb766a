// The Worker bundle only (wrangler.toml [alias]). drizzle-orm's shared code reaches into its Postgres
// module twice: the SQL builder asks `isPgEnum(chunk)` and the relations code asks
// `is(entry, PrimaryKeyBuilder)`. On SQLite both answers are always "no", but the imports pull in
// drizzle's Postgres column classes (1.1 KB gzipped). The alias points exactly those two import paths
// here; each stand-in gives the same "no". If a drizzle upgrade moves the files the alias stops matching
// and the bundle check in .ci/run says so; if it imports something new from them, the build fails.
import { entityKind } from 'drizzle-orm';

/** drizzle-orm/pg-core/columns/enum.js: no SQLite value is a Postgres enum. */
export function isPgEnum(_value: unknown): false {
  return false;
}

/** drizzle-orm/pg-core/primary-keys.js: the same entity kind, so `is()` answers as drizzle's own would. */
// biome-ignore lint/complexity/noStaticOnlyClass: drizzle's `is()` takes a class and reads its static entity kind.
export class PrimaryKeyBuilder {
  static readonly [entityKind] = 'PgPrimaryKeyBuilder';
}
