import type { Client, InStatement } from '@libsql/client';

/**
 * The client migrations run through on a libSQL server. sqld refuses
 * `ANALYZE` in every form ("unsupported statement"), so the migrations'
 * statistics refreshes become no-ops there; nothing else changes. A
 * server's log cannot have been analyzed through it, so no index has
 * statistics that a new one would need to match.
 */
export function migrationClientForServer(client: Client): Client {
  return new Proxy(client, {
    get(target, key) {
      if (key === 'migrate') return (statements: InStatement[]) => target.migrate(statements.map(withoutAnalyze));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

// A no-op in its place keeps every statement's result at its index.
function withoutAnalyze(statement: InStatement): InStatement {
  const sql = typeof statement === 'string' ? statement : statement.sql;
  return /^(\s|--[^\n]*\n)*ANALYZE\b/i.test(sql) ? 'SELECT 1' : statement;
}
