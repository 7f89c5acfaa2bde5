import { existsSync } from 'node:fs';
import { NativeConnection } from '../../db/native-connection';
import type { ChainQuery } from './source';

export interface ChainFile {
  query: ChainQuery;
  /** The workspaces that have a chain (a head or any event), in id order. */
  orgIds(): string[];
  close(): void;
}

/**
 * A database file opened for verification only: one connection of the
 * project's embedded driver with writes refused (query_only), no
 * migrations, no server. The whole verification reads one snapshot: a
 * read transaction is held until close.
 */
export function openChainFile(path: string): ChainFile {
  if (!existsSync(path)) throw new Error(`no database file at ${path}`);
  const connection = new NativeConnection(path, { timeoutMs: 5_000 });
  connection.executeMultiple('PRAGMA query_only = ON; BEGIN');
  const query: ChainQuery = (sql, args) => connection.arrays(sql, args);
  return {
    query,
    orgIds: () =>
      connection
        .arrays('select org_id from audit_chain_heads union select distinct org_id from audit_events order by 1', [])
        .map((row) => String(row[0])),
    close: () => connection.close(),
  };
}
