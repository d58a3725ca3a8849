// drizzle-kit reads this through `npm run db:generate`, which runs from the workspace root; the
// generated SQL is committed and applied by src/lib/migrate.ts, never by drizzle-kit push.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './libs/registry/src/lib/schema.ts',
  out: './libs/registry/migrations',
});
