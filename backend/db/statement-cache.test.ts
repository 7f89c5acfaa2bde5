import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { installStatementCache } from './statement-cache';

describe('the libsql statement cache', () => {
  it('returns each query’s own rows when the same statement runs again with other arguments', async () => {
    installStatementCache();
    installStatementCache();
    const client = createClient({ url: ':memory:' });
    await client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, tags TEXT)');
    await client.execute({ sql: 'INSERT INTO t VALUES (?, ?, ?), (?, ?, ?)', args: [1, 'a', '[]', 2, 'b', '["x"]'] });
    for (const [id, name] of [[1, 'a'], [2, 'b'], [1, 'a']] as const) {
      const result = await client.execute({ sql: 'SELECT * FROM t WHERE id = ?', args: [id] });
      expect(result.columns).toEqual(['id', 'name', 'tags']);
      expect(result.rows[0]?.name).toBe(name);
    }
    await client.execute({ sql: 'UPDATE t SET name = ? WHERE id = ?', args: ['changed', 1] });
    expect((await client.execute({ sql: 'SELECT * FROM t WHERE id = ?', args: [1] })).rows[0]?.name).toBe('changed');
    client.close();
  });
});
