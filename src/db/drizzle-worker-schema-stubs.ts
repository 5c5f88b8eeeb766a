// The Worker bundle only (wrangler.toml [alias]): stand-ins for drizzle-orm's SQLite constraint and
// index modules (sqlite-core/foreign-keys.js, unique-constraint.js, indexes.js, primary-keys.js),
// which describe the schema to drizzle-kit and to nothing the app runs: queries never read a table's
// foreign keys, indexes or constraints, and the migrations in drizzle/ already hold them. About 0.5 KB
// of gzipped code.
// - `.references()` still makes a foreign-key builder for each column that has one (sqliteTable does
//   so as it builds the table): this one keeps nothing.
// - Every column still gets the unique-constraint name drizzle gives it (`uniqueKeyName`).
// - `index()`, `uniqueIndex()` and `primaryKey()` are only called by drizzle-kit, from the third
//   argument of sqliteTable (drizzle stores that callback and never runs it while querying): here
//   they say they are left out, and throw.
// Node runs drizzle's own modules; test/db/worker-stubs.test.ts holds these to the imports they
// stand in for.
import { getTableName, type Table } from 'drizzle-orm';

const leftOut = (): never => {
  throw new Error("drizzle's index and constraint builders are left out of the Worker bundle (drizzle-kit's)");
};

export class ForeignKeyBuilder {
  onUpdate(): this {
    return this;
  }
  onDelete(): this {
    return this;
  }
  build(): void {}
}
export const uniqueKeyName = (table: Table, columns: string[]) => `${getTableName(table)}_${columns.join('_')}_unique`;
export const index = leftOut;
export const uniqueIndex = leftOut;
export const primaryKey = leftOut;
export const foreignKey = leftOut;
export const unique = leftOut;
// Named in drizzle's own imports (getTableConfig, which only drizzle-kit calls, tests for them).
export class ForeignKey {}
export class UniqueConstraint {}
export class UniqueConstraintBuilder {}
export class UniqueOnConstraintBuilder {}
export class Index {}
export class IndexBuilder {}
export class IndexBuilderOn {}
export class PrimaryKey {}
export class PrimaryKeyBuilder {}
