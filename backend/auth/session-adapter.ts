import { eq, lte, sql } from 'drizzle-orm';
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import { sha256 } from './tokens';

/** What a request needs to know about its user: never the password hash. */
const sessionUserColumns = {
  id: users.id,
  orgId: users.orgId,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  deletedAt: users.deletedAt,
};

/**
 * Lucia's storage, written by hand rather than with @lucia-auth/adapter-drizzle
 * for two reasons: the table keeps only the SHA-256 of each session token (a
 * leaked database yields no usable session), and every write must go through
 * the write queue like all others.
 */
export class SessionAdapter implements Adapter {
  // Runs on every authenticated request: built once (drizzle's query building
  // costs more than running the query).
  readonly #lookup;

  constructor(
    private readonly reader: Db,
    private readonly writes: WriteQueue,
    private readonly now: () => Date,
  ) {
    this.#lookup = reader
      .select({ session: sessions, user: sessionUserColumns })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder('idHash')))
      .prepare();
  }

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const found = await this.#lookup.get({ idHash: sha256(sessionId) });
    if (!found) return [null, null];
    const { session, user } = found;
    return [
      { id: sessionId, userId: session.userId, expiresAt: new Date(session.expiresAt), attributes: {} },
      { id: user.id, attributes: user },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.reader.select().from(sessions).where(eq(sessions.userId, userId));
    // The token itself is not stored; these ids are its hashes.
    return rows.map((s) => ({ id: s.id, userId: s.userId, expiresAt: new Date(s.expiresAt), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const now = this.now().getTime();
    await this.writes.join((tx) =>
      tx.insert(sessions).values({
        id: sha256(session.id),
        userId: session.userId,
        expiresAt: session.expiresAt.getTime(),
        createdAt: now,
        lastSeenAt: now,
      }),
    );
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.writes.join((tx) =>
      tx.update(sessions).set({ expiresAt: expiresAt.getTime() }).where(eq(sessions.id, sha256(sessionId))),
    );
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.writes.join((tx) => tx.delete(sessions).where(eq(sessions.id, sha256(sessionId))));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.writes.join((tx) => tx.delete(sessions).where(eq(sessions.userId, userId)));
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.writes.join((tx) => tx.delete(sessions).where(lte(sessions.expiresAt, Date.now())));
  }
}

/**
 * Ends every session of a user inside the caller's transaction: when an
 * account is disabled or its password changes. Returns how many ended.
 */
export async function revokeUserSessions(tx: Db, userId: string, exceptSessionId?: string): Promise<number> {
  const all = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  const keep = exceptSessionId ? sha256(exceptSessionId) : null;
  const ended = all.filter((s) => s.id !== keep);
  for (const { id } of ended) await tx.delete(sessions).where(eq(sessions.id, id));
  return ended.length;
}
