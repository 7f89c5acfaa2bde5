import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../backend/integration/signature';
import type { AuditPage } from '../../shared/audit-event';
import { type Receiver, readmeSignatureCheck, startReceiver } from '../support/streaming';
import { conversationWithHistory } from './support/fixtures';
import { IntegrationsSection } from './support/integrations-section';
import { type E2eSession, startSession } from './support/session';
import { SettingsPage } from './support/settings-page';

/*
 * The Log streaming and Helpdesk webhooks sections of the options page's
 * Settings, driven as the workspace's admin against the real backend with
 * its delivery worker running: a webhook destination pointed at a receiver
 * on 127.0.0.1 gets every event of the log, signed with the secret the page
 * showed once, and the page's health follows it to "caught up"; paused, it
 * gets nothing and the page says how many events wait; resumed, it gets
 * the rest, in order, once each.
 */

let session: E2eSession;
let receiver: Receiver;
let settings: SettingsPage;
let section: IntegrationsSection;

beforeAll(async () => {
  session = await startSession();
  receiver = await startReceiver();
  await conversationWithHistory(session.backend);
  await session.signInExtension('admin');
  settings = await SettingsPage.open(session.ext);
  section = await IntegrationsSection.on(settings.page);
});
afterAll(async () => {
  await settings?.close();
  await session?.close();
  await receiver?.close();
});

/** Every event of the workspace's log, oldest first, as the API serves it. */
async function loggedIds(): Promise<string[]> {
  const page = await session.backend.api.admin.json<AuditPage>('GET', '/api/v1/audit?limit=200');
  expect(page.nextCursor).toBeNull();
  return page.items.map((event) => event.id).reverse();
}

const waitingCount = (text: string) => Number(/ · ([\d,]+) events? .*waiting$/.exec(text)?.[1]?.replaceAll(',', '') ?? 0);
const delivered = (text: string) => Number(/^Caught up · ([\d,]+) delivered · last success/.exec(text)?.[1]?.replaceAll(',', '') ?? Number.NaN);

describe('Log streaming, as an admin', () => {
  let destination: { id: string; secret: string };

  it('creates a webhook destination from the oldest event, shows its secret once, and its health reaches "caught up" with every event delivered', async () => {
    destination = await section.addWebhookDestination({ name: 'Security SIEM', url: receiver.url, startAt: 'oldest' });
    expect(destination.secret.length).toBeGreaterThanOrEqual(32);
    await section.dismissSecret('stream');
    expect(await section.pageContains(destination.secret)).toBe(false);

    const shown = await section.waitForHealth(destination.id, /^Caught up · \d/);

    const accepted = receiver.accepted();
    const verifyAuditdeskSignature = await readmeSignatureCheck();
    expect(shown.state).toBe('caught_up');
    expect(delivered(shown.health)).toBe(accepted.length);
    expect(accepted.map((event) => event.id)).toEqual(await loggedIds());
    for (const request of receiver.requests) {
      expect(request.headers['x-auditdesk-destination']).toBe(destination.id);
      expect(verifyAuditdeskSignature(destination.secret, String(request.headers['x-auditdesk-signature']), request.body)).toBe(true);
    }
  });

  it('pauses it: the receiver gets nothing more while the page says how many events wait; resumed, it gets them in order, once each', async () => {
    // Pausing is itself recorded in the log: those events wait too.
    const paused = await section.pause(destination.id);
    expect(paused.health).toMatch(/^Paused by Ada Admin( · [\d,]+ events? (\(.+\) )?waiting)?$/);
    const requestsWhilePaused = receiver.requests.length;
    const waitingBefore = waitingCount(paused.health);

    await conversationWithHistory(session.backend, 'Damaged parcel 4410');
    const waiting = await section.waitForHealth(destination.id, new RegExp(`^Paused by Ada Admin · (?!${waitingBefore} )[\\d,]+ events? (\\(.+\\) )?waiting$`));
    expect(waiting.state).toBe('paused');
    expect(waitingCount(waiting.health)).toBeGreaterThan(waitingBefore);
    expect(receiver.requests.length).toBe(requestsWhilePaused);

    await section.resume(destination.id);
    const caughtUp = await section.waitForHealth(destination.id, /^Caught up · \d/);

    const accepted = receiver.accepted();
    expect(delivered(caughtUp.health)).toBe(accepted.length);
    expect(accepted.map((event) => event.id)).toEqual(await loggedIds());
    const seqs = accepted.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});

describe('Log streaming to a file, as an admin', () => {
  it('creates a JSON Lines file destination (no secret to show), whose health reaches "caught up" and names the file being written', async () => {
    const id = await section.addFileDestination({ name: 'Nightly archive', directory: 'archive', rotateKb: 64 });

    const caughtUp = await section.waitForHealth(id, /^Caught up · [1-9]/);
    const row = await section.fileOf(id);
    expect(delivered(caughtUp.health)).toBe((await loggedIds()).length);
    expect(row.target).toBe('folder archive, a new file at 64 KB or every 1 day');
    expect(row.file).toMatch(/^Writing \S+\.jsonl$/);
    expect(row.secretShown).toBe(false);
  });
});

describe('Helpdesk webhooks, as an admin', () => {
  let webhook: { id: string; secret: string; url: string };

  it('creates a webhook and shows its shared secret once: the row gives the address to post to, and the secret is nowhere after Done or a reload', async () => {
    const made = await section.createHelpdeskWebhook('Kustomer production', 'kustomer');
    expect(made.secret.length).toBeGreaterThanOrEqual(32);

    const row = await section.helpdeskWebhook(made.id);
    expect(row.url).toBe(`${session.backend.url}/api/v1/hooks/helpdesk/${made.id}`);
    expect(row.received).toBe('Nothing received yet');
    expect(row.state).toMatch(/^Active since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);

    await section.dismissSecret('hook');
    expect(await section.pageContains(made.secret)).toBe(false);
    await settings.page.reload();
    const reloaded = await IntegrationsSection.on(settings.page);
    await reloaded.helpdeskWebhook(made.id);
    expect(await reloaded.pageContains(made.secret)).toBe(false);
    const listed = await session.backend.api.admin.request('GET', '/api/v1/inbound-webhooks');
    expect(await listed.text()).not.toContain(made.secret);
    webhook = { ...made, url: row.url };
  });

  it('shows when the helpdesk last delivered a signed change, and when a request was last refused and why', async () => {
    const body = JSON.stringify({
      id: 'hd-evt-1',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      object: { type: 'customer', id: 'kc-981', label: 'Ana Ruiz' },
      changes: { tier: { before: 'silver', after: 'gold' } },
    });
    const post = (signature: string) => fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-auditdesk-signature': signature }, body });

    expect((await post(signatureHeader(webhook.secret, new Date(), body))).status).toBe(200);
    expect((await post(signatureHeader('not-the-secret', new Date(), body))).status).toBe(401);

    const section = await IntegrationsSection.on(settings.page);
    const shown = await section.waitForHelpdeskWebhook(webhook.id, (row) => row.received.startsWith('Last received') && row.refused !== null);
    expect(shown.received).toMatch(/^Last received (just now|\d+ s ago)$/);
    expect(shown.refused).toMatch(/^Last refused (just now|\d+ s ago): .+/);
  });
});
