import { createHash } from 'node:crypto';
import { decodeTime } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_TYPES, CATEGORIES } from '../../shared/enums';
import { createApp } from '../../backend/app';
import { bootstrap } from '../../backend/bootstrap';
import { DEMO_PASSWORD, seedDemoIfEmpty, type SeedSummary } from '../../backend/demo/seed';
import type { AppDeps } from '../../backend/deps';
import { createLogger } from '../../backend/logger';

const NOW = new Date('2026-03-02T15:30:00Z');
const NINETY_DAYS = 90 * 24 * 60 * 60 * 1000;

async function emptyDatabase(): Promise<AppDeps> {
  // In memory: these tests check what the seed writes, not how it is stored, and each of its commits would sync a file.
  return bootstrap({ databaseUrl: ':memory:', log: createLogger('silent'), now: () => NOW });
}

async function rows<T>(deps: AppDeps, sql: string): Promise<T[]> {
  return (await deps.db.writerClient.execute(sql)).rows as unknown as T[];
}

/** A digest of everything the audit log says, in id order. */
async function auditDigest(deps: AppDeps): Promise<string> {
  const hash = createHash('sha256');
  const events = await rows<Record<string, unknown>>(
    deps,
    'SELECT id, occurred_at, actor_type, actor_name, event, property, before, after FROM audit_events ORDER BY id',
  );
  for (const event of events) hash.update(JSON.stringify(Object.values(event)));
  return hash.digest('hex');
}

describe('the demo workspace seed', () => {
  let deps: AppDeps;
  let summary: SeedSummary | null;
  const progress: string[] = [];

  beforeAll(async () => {
    deps = await emptyDatabase();
    summary = await seedDemoIfEmpty(deps, { now: NOW, progress: (text) => progress.push(text) });
  }, 180_000);
  afterAll(() => deps.db.close());

  it('records at least 50,000 audit events, all within the last 90 days', async () => {
    const [span] = await rows<{ n: number; first: number; last: number }>(
      deps,
      'SELECT count(*) AS n, min(occurred_at) AS first, max(occurred_at) AS last FROM audit_events',
    );
    expect(span!.n).toBeGreaterThanOrEqual(50_000);
    expect(summary?.auditEvents).toBe(span!.n);
    expect(span!.first).toBeGreaterThanOrEqual(NOW.getTime() - NINETY_DAYS);
    expect(span!.last).toBeLessThan(NOW.getTime());
    // Spread over the window, not bunched at one end.
    const [recent] = await rows<{ n: number }>(deps, `SELECT count(*) AS n FROM audit_events WHERE occurred_at >= ${NOW.getTime() - NINETY_DAYS / 3}`);
    expect(recent!.n / span!.n).toBeGreaterThan(0.2);
    expect(recent!.n / span!.n).toBeLessThan(0.5);
  });

  it('builds a workspace of realistic size: ~200 customers, ~40 companies, ~1,000 conversations', () => {
    expect(summary).toMatchObject({ organizations: 2, days: 90 });
    expect(summary!.customers).toBeGreaterThanOrEqual(190);
    expect(summary!.customers).toBeLessThanOrEqual(250);
    expect(summary!.companies).toBeGreaterThanOrEqual(40);
    expect(summary!.conversations).toBeGreaterThanOrEqual(950);
    expect(summary!.conversations).toBeLessThanOrEqual(1_150);
    expect(summary!.messages).toBeGreaterThan(summary!.conversations * 2);
    expect(summary!.surveys).toBeGreaterThan(300);
  });

  it('has changes by people and by every kind of automation, in every event type', async () => {
    const actors = (await rows<{ actor_type: string }>(deps, 'SELECT DISTINCT actor_type FROM audit_events')).map((r) => r.actor_type);
    expect(actors).toEqual(expect.arrayContaining(ACTOR_TYPES.filter((type) => type !== 'system')));
    const categories = (await rows<{ category: string }>(deps, 'SELECT DISTINCT category FROM audit_events')).map((r) => r.category);
    expect(categories.sort()).toEqual([...CATEGORIES].sort());
  });

  it('names automations the way the log shows them: a rule or workflow by its own name and id', async () => {
    const automations = await rows<{ actor_type: string; actor_id: string | null; actor_name: string }>(
      deps,
      "SELECT DISTINCT actor_type, actor_id, actor_name FROM audit_events WHERE actor_type IN ('business_rule', 'workflow')",
    );
    const rules = await rows<{ id: string; name: string }>(deps, 'SELECT id, name FROM business_rules UNION ALL SELECT id, name FROM workflows');
    for (const actor of automations) expect(rules).toContainEqual({ id: actor.actor_id, name: actor.actor_name });
    expect(automations.map((a) => a.actor_name)).toContain('Auto-tag refunds');
  });

  it('tells the story of a support team: the lifecycle events of conversations all happen', async () => {
    const events = (await rows<{ event: string }>(deps, 'SELECT DISTINCT event FROM audit_events')).map((r) => r.event);
    expect(events).toEqual(
      expect.arrayContaining([
        'create', 'update', 'delete', 'merge', 'redact', 'sla_breach', 'enabled', 'disabled', 'status_changed',
        'queue_entered', 'accepted', 'assigned', 'survey_scheduled', 'survey_offered', 'survey_rated',
        'survey_commented', 'shortcut_applied', 'shortcut_message', 'login', 'login_failed', 'logout',
      ]),
    );
    const [inbound] = await rows<{ n: number }>(
      deps,
      "SELECT count(*) AS n FROM messages WHERE direction = 'in' AND json_extract(author, '$.type') = 'customer'",
    );
    expect(inbound!.n).toBeGreaterThan(1_000);
  });

  it('gives events ids that sort by simulated time, as the keyset-paginated log expects', async () => {
    const events = await rows<{ id: string; occurred_at: number }>(deps, 'SELECT id, occurred_at FROM audit_events ORDER BY id');
    const outOfStep = events.filter(({ id, occurred_at }, i) => decodeTime(id) !== occurred_at || occurred_at < (events[i - 1]?.occurred_at ?? 0));
    expect(outOfStep).toEqual([]);
  });

  it('keeps each workspace to itself: Other Co has its own people, customers and conversations', async () => {
    const perOrg = await rows<{ name: string; users: number; customers: number; conversations: number }>(
      deps,
      `SELECT o.name,
        (SELECT count(*) FROM users u WHERE u.org_id = o.id) AS users,
        (SELECT count(*) FROM customers c WHERE c.org_id = o.id) AS customers,
        (SELECT count(*) FROM conversations v WHERE v.org_id = o.id) AS conversations
       FROM organizations o ORDER BY o.name`,
    );
    expect(perOrg.map((o) => o.name)).toEqual(['Demo Support', 'Other Co']);
    expect(perOrg[1]).toMatchObject({ users: 2 });
    expect(perOrg[1]!.customers).toBeGreaterThan(5);
    expect(perOrg[1]!.conversations).toBeGreaterThan(10);
    const [crossed] = await rows<{ n: number }>(
      deps,
      `SELECT count(*) AS n FROM conversations v JOIN customers c ON c.id = v.customer_id WHERE c.org_id <> v.org_id`,
    );
    expect(crossed!.n).toBe(0);
  });

  it('has watches that have already notified: the lead’s of SLA breaches, the admin’s of the password guessing', async () => {
    const watched = await rows<{ email: string; name: string; notifications: number }>(
      deps,
      `SELECT u.email, w.name, (SELECT count(*) FROM notifications n WHERE n.watch_id = w.id) AS notifications
       FROM watches w JOIN users u ON u.id = w.owner_id ORDER BY u.email, w.name`,
    );
    expect(watched.map((w) => [w.email, w.name])).toEqual([
      ['admin@demo.test', '5+ failed sign-ins in 10 min'],
      ['lead@demo.test', '3+ priority changes in 60 min'],
      ['lead@demo.test', 'SLA breaches'],
    ]);
    const count = (name: string) => Number(watched.find((w) => w.name === name)!.notifications);
    expect(count('SLA breaches')).toBeGreaterThan(0);
    expect(count('5+ failed sign-ins in 10 min')).toBeGreaterThan(0);
  });

  it('reports its progress day by day', () => {
    expect(progress.at(-1)).toMatch(/^Seeding demo workspace… day 90\/90, [\d,]+ events$/);
  });

  it('does nothing to a database that already has an organization', async () => {
    const before = await auditDigest(deps);
    expect(await seedDemoIfEmpty(deps, { now: NOW })).toBeNull();
    expect(await auditDigest(deps)).toBe(before);
  });

  it('lets the demo accounts sign in with the demo password', async () => {
    const app = createApp(deps);
    const accounts = {
      'admin@demo.test': 'admin',
      'lead@demo.test': 'lead',
      'agent@demo.test': 'agent',
      'agent2@demo.test': 'agent',
      'admin@other.test': 'admin',
      'agent@other.test': 'agent',
    };
    for (const [email, role] of Object.entries(accounts)) {
      const res = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      expect(res.status, email).toBe(200);
      expect(((await res.json()) as { user: { role: string } }).user.role).toBe(role);
    }
  });
});

describe('the demo workspace seed, twice', () => {
  it('is deterministic: the same seed and `now` give the same audit log, ids included', async () => {
    const digests: string[] = [];
    for (let run = 0; run < 2; run++) {
      const deps = await emptyDatabase();
      const summary = await seedDemoIfEmpty(deps, { now: NOW, scale: 0.1 });
      expect(summary!.auditEvents).toBeGreaterThan(3_000);
      digests.push(await auditDigest(deps));
      deps.db.close();
    }
    expect(digests[1]).toBe(digests[0]);
  }, 60_000);
});
