// drizzle-kit reads the schema here and writes SQL migrations into drizzle/.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
  // Columns are named by their keys in snake_case (src/db/schema.ts); the app's drizzle() says the same.
  casing: 'snake_case',
});
