import { and, eq, lt, lte, sql } from 'drizzle-orm';
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import { compiledRead, type Reader, type Tx } from '../db/sql';
import { sessions, users } from '../db/schema';
import type { WriteQueue } from '../db/write-queue';
import type { SessionUser } from './lucia';
import type { AuthPolicy } from './policy';
import type { Role } from '../../shared/enums';
import { sha256 } from './tokens';

/** The part of the policy sessions follow. */
export type SessionPolicy = Pick<AuthPolicy, 'sessionIdleMs' | 'sessionAbsoluteMs'>;

/**
 * `lastSeenAt` is rewritten only when it is at least this old, so a busy
 * session costs one write a minute rather than one per request. The idle
 * clock therefore runs from a use at most this long before the last one: a
 * session can end up to this much early, never late.
 */
const TOUCH_INTERVAL_MS = 60_000;

/** What a request needs to know about its session and user (never the password hash), in the lookup's column order. */
const lookupColumns = {
  userId: sessions.userId,
  createdAt: sessions.createdAt,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  id: users.id,
  orgId: users.orgId,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  deletedAt: users.deletedAt,
};
const lookupDecoders = Object.values(lookupColumns).map((column) => (value: unknown) => (value === null ? null : column.mapFromDriverValue(value)));

interface FoundSession {
  session: { userId: string; createdAt: number; lastSeenAt: number; expiresAt: number };
  user: SessionUser & { id: string };
}

function foundSessionOf(row: unknown[]): FoundSession {
  const [userId, createdAt, lastSeenAt, expiresAt, id, orgId, email, name, role, disabledAt, deletedAt] = row.map((value, i) => lookupDecoders[i]!(value));
  return {
    session: { userId: userId as string, createdAt: createdAt as number, lastSeenAt: lastSeenAt as number, expiresAt: expiresAt as number },
    user: {
      id: id as string,
      orgId: orgId as string,
      email: email as string,
      name: name as string,
      role: role as Role,
      disabledAt: disabledAt as Date | null,
      deletedAt: deletedAt as Date | null,
    },
  };
}

/** A live session, as `validate` finds it. `id` is the token the caller holds. */
export interface LiveSession {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end: however busy, the session is over then. */
  endsAt: Date;
}

/**
 * Lucia's storage, and the authority on when a session is over.
 *
 * Written by hand rather than with @lucia-auth/adapter-drizzle because the
 * table keeps only the SHA-256 of each session token (a leaked database
 * yields no usable session) and every write must go through the write queue.
 *
 * Expiry is decided here, by the app's clock (`now`), not by lucia: lucia 3
 * reads `Date.now()` and only slides a single expiry at half-life, which can
 * enforce neither an idle timeout nor an absolute lifetime. `validate` checks
 * both; `AuthLucia.validateSession` (lucia.ts) is built on it.
 */
export class SessionAdapter implements Adapter {
  // Runs on every authenticated request: its SQL built once, its row read as
  // an array (drizzle's query building and result shaping cost more than the
  // lookup itself).
  readonly #lookupRows: (args: [idHash: string]) => Promise<unknown[][]>;

  constructor(
    private readonly reader: Reader,
    private readonly writes: WriteQueue,
    private readonly now: () => Date,
    private readonly policy: SessionPolicy,
  ) {
    this.#lookupRows = compiledRead(
      reader,
      reader.select(lookupColumns).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, sql.placeholder('idHash'))),
    );
  }

  async #lookup(idHash: string): Promise<FoundSession | undefined> {
    const [row] = await this.#lookupRows([idHash]);
    return row ? foundSessionOf(row) : undefined;
  }

  /**
   * The session of `token` and its user, or null when there is none or it is
   * over (idle too long, or past its absolute lifetime); an ended session is
   * deleted as soon as it is seen. Records the use when `lastSeenAt` is stale.
   */
  async validate(token: string): Promise<{ session: LiveSession; user: DatabaseUser } | null> {
    const idHash = sha256(token);
    const found = await this.#lookup(idHash);
    if (!found) return null;
    const { session, user } = found;
    const now = this.now().getTime();
    if (now >= this.#endOf(session.createdAt, session.lastSeenAt)) {
      await this.#delete(idHash);
      return null;
    }
    let lastSeenAt = session.lastSeenAt;
    if (now - lastSeenAt >= TOUCH_INTERVAL_MS) {
      lastSeenAt = now;
      await this.writes.run((tx) =>
        tx
          .update(sessions)
          .set({ lastSeenAt: now, expiresAt: this.#endOf(session.createdAt, now) })
          // Never moves lastSeenAt back when two requests touch at once.
          .where(and(eq(sessions.id, idHash), lt(sessions.lastSeenAt, now))),
      );
    }
    return {
      session: {
        id: token,
        userId: session.userId,
        createdAt: session.createdAt,
        lastSeenAt,
        endsAt: new Date(session.createdAt + this.policy.sessionAbsoluteMs),
      },
      user: { id: user.id, attributes: user },
    };
  }

  /** Stores a new session for `token`, started now, in the caller's transaction (a sign-in's); returns its absolute end. */
  async start(tx: Tx, token: string, userId: string): Promise<Date> {
    const now = this.now().getTime();
    await tx.insert(sessions).values({
      id: sha256(token),
      userId,
      expiresAt: this.#endOf(now, now),
      createdAt: now,
      lastSeenAt: now,
    });
    return new Date(now + this.policy.sessionAbsoluteMs);
  }

  /** `start` in a write transaction of its own. */
  startAlone(token: string, userId: string): Promise<Date> {
    return this.writes.run((tx) => this.start(tx, token, userId));
  }

  /** Ends the session of `token` in the caller's transaction (a sign-out's). */
  async end(tx: Tx, token: string): Promise<void> {
    await tx.delete(sessions).where(eq(sessions.id, sha256(token)));
  }

  /** When a session started at `createdAt` and last used at `lastSeenAt` is over, if not used again. */
  #endOf(createdAt: number, lastSeenAt: number): number {
    return Math.min(lastSeenAt + this.policy.sessionIdleMs, createdAt + this.policy.sessionAbsoluteMs);
  }

  async #delete(idHash: string): Promise<void> {
    await this.writes.run((tx) => tx.delete(sessions).where(eq(sessions.id, idHash)));
  }

  // --- lucia's Adapter interface ---

  /** Lucia's raw lookup; requests go through `validate`, which also enforces expiry. */
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const found = await this.#lookup(sha256(sessionId));
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
    // Lucia's expiresAt comes from Date.now(); the session's times are ours.
    await this.startAlone(session.id, session.userId);
  }

  async updateSessionExpiration(): Promise<void> {
    // Only lucia's half-life sliding calls this, and it is not used: `validate`
    // keeps expires_at (the idle end, capped by the absolute end) itself.
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.#delete(sha256(sessionId));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.writes.run((tx) => tx.delete(sessions).where(eq(sessions.userId, userId)));
  }

  async deleteExpiredSessions(): Promise<void> {
    const now = this.now().getTime();
    await this.writes.run((tx) => tx.delete(sessions).where(lte(sessions.expiresAt, now)));
  }
}

/**
 * Ends every session of a user inside the caller's transaction: when an
 * account is disabled or its password changes. `exceptSessionId` (a token)
 * keeps the caller's own session. Returns how many ended.
 */
export async function revokeUserSessions(tx: Tx, userId: string, exceptSessionId?: string): Promise<number> {
  const all = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  const keep = exceptSessionId ? sha256(exceptSessionId) : null;
  const ended = all.filter((s) => s.id !== keep);
  for (const { id } of ended) await tx.delete(sessions).where(eq(sessions.id, id));
  return ended.length;
}
