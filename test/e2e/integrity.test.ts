import { verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, IntegrityStatus, Verification } from '../../shared/api-client';
import { Downloads } from './support/downloads';
import { conversationWithHistory } from './support/fixtures';
import { IntegritySection } from './support/integrity-section';
import { tamper } from '../support/chain-copies';
import { PopupPage } from './support/popup-page';
import { EMAILS, PASSWORD } from './support/backend';
import { type E2eSession, startSession } from './support/session';
import { SettingsPage } from './support/settings-page';

/*
 * The Log integrity section of the options page's Settings, driven as the
 * workspace's admin against the real backend: what it shows is what the
 * backend recorded, Verify now runs and records a verification, and the
 * checkpoint it downloads is the one the backend signed, verifiable with the
 * public key it publishes. A lead is shown none of it.
 */

let session: E2eSession;
let downloads: Downloads;
beforeAll(async () => {
  session = await startSession();
  downloads = await Downloads.into(session.ext.browser);
  // A log with a history, verified once (a scheduled run would do the same) before anyone opens the page.
  await conversationWithHistory(session.backend);
  await session.backend.api.admin.json('GET', '/api/v1/audit/verify');
  await session.signInExtension('admin');
});
afterAll(async () => {
  await downloads?.close();
  await session?.close();
});

const status = () => session.backend.api.admin.json<IntegrityStatus>('GET', '/api/v1/audit/integrity');
const newestRun = async () => (await session.backend.api.admin.json<{ items: Verification[] }>('GET', '/api/v1/audit/verifications?limit=1')).items[0]!;

describe('the Log integrity section, as an admin', () => {
  let settings: SettingsPage;
  let section: IntegritySection;
  beforeAll(async () => {
    settings = await SettingsPage.open(session.ext);
    section = await IntegritySection.on(settings.page);
  });
  afterAll(async () => {
    await settings?.close();
  });

  it('shows the last verification the backend recorded: when, how, and how many events it verified', async () => {
    const run = await newestRun();
    expect(run.ok).toBe(true);

    const shown = await section.lastVerification();

    expect(shown.when).toBe(`${run.finishedAt.slice(0, 16).replace('T', ' ')} UTC, on demand`);
    expect(shown.result).toMatch(new RegExp(`^Verified ${run.checked} events \\(sequence ${run.fromSequence} to ${run.toSequence}\\)`));
  });

  it('verifies the log now and shows how many events it verified, as the backend recorded the run', async () => {
    // More history since the last run, so the new run has events of its own to check.
    await conversationWithHistory(session.backend, 'Damaged parcel 4410');
    const before = await newestRun();

    const result = await section.verifyNow();

    const run = await newestRun();
    expect(run.id).not.toBe(before.id);
    expect(run).toMatchObject({ ok: true, trigger: 'demand', firstBadSequence: null });
    expect(run.toSequence).toBe((await status()).head?.seq);
    expect(run.checked).toBeGreaterThan(0);
    expect(result).toBe(`Verified ${run.checked} events (sequence ${run.fromSequence} to ${run.toSequence}): nothing was changed, removed or inserted.`);
  });

  it("signs a checkpoint of the log's head now and downloads it: the file the backend serves, whose signature the published key verifies", async () => {
    const id = await section.signNow();
    const signed = await session.backend.api.admin.json<Checkpoint>('GET', `/api/v1/audit/checkpoints/${id}`);
    expect(signed.reason).toBe('demand');
    expect(signed.seq).toBe((await status()).head?.seq);
    expect(await section.checkpointSequence()).toBe(signed.seq.toLocaleString('en-US'));

    const download = await downloads.expect(() => section.download());

    const served = await session.backend.api.admin.request('GET', `/api/v1/audit/checkpoints/${id}/download`);
    const text = readFileSync(download.path, 'utf8');
    expect(text).toBe(await served.text());
    expect(download.name).toMatch(new RegExp(`^auditdesk-checkpoint-[0-9A-Z]{26}-${signed.seq}\\.json$`));
    expect(await section.savedAs()).toBe(`Saved as ${download.name}.`);

    const file = JSON.parse(text) as { payload: string; signature: string; keyId: string; algorithm: string };
    expect(file).toMatchObject({ payload: signed.payload, signature: signed.signature, keyId: signed.keyId, algorithm: 'Ed25519' });
    const key = await section.signingKey();
    expect(key.keyId).toBe(signed.keyId);
    expect(key.href).toBe(`${session.backend.url}/.well-known/auditdesk-signing-key`);
    const published = await (await fetch(key.href)).text();
    expect(verify(null, Buffer.from(file.payload), published, Buffer.from(file.signature, 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(file.payload.replace(`"seq":${signed.seq}`, `"seq":${signed.seq + 1}`)), published, Buffer.from(file.signature, 'base64'))).toBe(
      false,
    );
  });
});

describe('the Log integrity section, after someone changed the database behind the backend', () => {
  it('verifies the whole chain and says from which event, and why, the log no longer verifies', async () => {
    const { orgId } = await session.backend.api.admin.json<{ orgId: string }>('GET', '/api/v1/auth/me');
    // As one who holds the file would: the append-only triggers dropped, one recorded event's actor rewritten.
    tamper(session.backend.databaseFile, (db) => db.execute("update audit_events set actor_name = 'Someone else' where org_id = ? and seq = 5", [orgId]));
    const settings = await SettingsPage.open(session.ext);
    const section = await IntegritySection.on(settings.page);

    const result = await section.verifyNow({ full: true });

    const run = await newestRun();
    expect(run).toMatchObject({ ok: false, firstBadSequence: 5, trigger: 'demand', fromSequence: 1 });
    expect(result).toBe(`The log does not verify from event 5 on: ${run.reason!.replace(/\.$/, '')}.`);
    await settings.close();
  });
});

describe('the Log integrity section, as a lead', () => {
  it('is not shown, and the backend refuses the lead its routes', async () => {
    const popup = await PopupPage.open(session.ext);
    await popup.signOut();
    await popup.signIn({ backendUrl: session.backend.url, email: EMAILS.lead, password: PASSWORD });
    await popup.close();

    const settings = await SettingsPage.open(session.ext);
    expect(await settings.whyNoSettings()).toContain('You are signed in as a lead');
    expect(await settings.page.$('[data-testid="settings-integrity"]')).toBeNull();
    await settings.close();

    const lead = session.backend.api.lead;
    expect((await lead.request('GET', '/api/v1/audit/integrity')).status).toBe(403);
    expect((await lead.request('GET', '/api/v1/audit/verify')).status).toBe(403);
    expect((await lead.request('POST', '/api/v1/audit/checkpoints')).status).toBe(403);
  });
});
