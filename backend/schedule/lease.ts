import { eq, type SQL, sql } from 'drizzle-orm';
import { leases } from '../db/schema';
import { inJsonList, runSqlArrays } from '../db/sql';
import type { AppDeps } from '../deps';

/*
 * Named leases in the database, so that of several processes sharing one
 * database exactly one runs a schedule: a lease is held by one holder until
 * it expires, and each step below is one statement, atomic on its own.
 * Times are each process's `now()`: their clocks must agree to well within
 * a lease's length.
 */

export type LeaseDeps = Pick<AppDeps, 'writes' | 'now'>;

/**
 * Takes the lease `name` for `holder` until `ttlMs` from now, or renews it
 * when `holder` has it already; false while another holder's lease has not
 * expired.
 */
export function acquireLease(deps: LeaseDeps, name: string, holder: string, ttlMs: number): Promise<boolean> {
  return takeRow(deps, name, holder, ttlMs, (now) => sql`leases.holder = excluded.holder or leases.expires_at <= ${now}`);
}

/**
 * Claims the period `name` for `holder` until `periodMs` from now, unless a
 * claim of it has not run out yet: true for one caller per period, whichever
 * process asks and however often. The row is a lease nobody renews or gives
 * up, so the period stays claimed when its claimant stops or dies.
 */
export function claimPeriod(deps: LeaseDeps, name: string, holder: string, periodMs: number): Promise<boolean> {
  return takeRow(deps, name, holder, periodMs, (now) => sql`leases.expires_at <= ${now}`);
}

/** Writes the `leases` row `name` for `holder` until `ttlMs` from now, where there is none or `takeable` says so; true if written. */
async function takeRow(deps: LeaseDeps, name: string, holder: string, ttlMs: number, takeable: (now: number) => SQL): Promise<boolean> {
  const now = deps.now().getTime();
  const result = await deps.writes.run((tx) =>
    tx.run(sql`
      insert into leases (name, holder, expires_at) values (${name}, ${holder}, ${now + ttlMs})
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where ${takeable(now)}`),
  );
  return result.rowsAffected === 1;
}

/** Gives the lease up at once, if `holder` has it, so another holder need not wait for it to expire. */
export async function releaseLease(deps: LeaseDeps, name: string, holder: string): Promise<void> {
  await deps.writes.run((tx) => tx.run(sql`delete from leases where name = ${name} and holder = ${holder}`));
}

/**
 * Whether `holder` could take or renew the lease `name` now, read without a
 * write: false while another holder's lease runs. Lets a process that polls
 * many leases skip the write for those another process holds.
 */
export async function leaseAvailable(deps: Pick<AppDeps, 'db' | 'now'>, name: string, holder: string): Promise<boolean> {
  const [row] = await deps.db.reader.select({ holder: leases.holder, expiresAt: leases.expiresAt }).from(leases).where(eq(leases.name, name));
  return !row || row.holder === holder || row.expiresAt <= deps.now().getTime();
}

/** Of `names`, those another holder has now (the ones `leaseAvailable` refuses): one statement for any number. */
export async function leasesHeldElsewhere(deps: Pick<AppDeps, 'db' | 'now'>, names: readonly string[], holder: string): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await runSqlArrays(
    deps.db.reader,
    sql`select ${leases.name} from ${leases}
        where ${inJsonList(sql`${leases.name}`, names)}
          and ${leases.holder} <> ${holder} and ${leases.expiresAt} > ${deps.now().getTime()}`,
  );
  return new Set(rows.map(([name]) => String(name)));
}
