import { defineConfig } from 'drizzle-kit';

// Only `npm run db:generate` reads this: migrations are generated from the
// schema and committed; the server applies them at start (backend/db/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './backend/db/schema/index.ts',
  out: './backend/db/migrations',
});
