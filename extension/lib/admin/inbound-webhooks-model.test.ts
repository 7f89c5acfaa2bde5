import { describe, expect, it } from 'vitest';
import type { InboundWebhookCreateInput } from '../../../shared/schemas/inbound-webhooks';
import type { Result } from '../messaging/protocol';
import { InboundWebhooksModel } from './inbound-webhooks-model';
import { fakeAdminDeps, inboundWebhook, NOW } from './testing';
import { receivedWords, refusedWords, webhookState } from './webhook-words';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

describe('the Helpdesk webhooks model', () => {
  it('creates a webhook, shows its shared secret once, and clears the form', async () => {
    const sent: InboundWebhookCreateInput[] = [];
    const model = new InboundWebhooksModel(
      fakeAdminDeps({
        createInboundWebhook: async (input) => {
          sent.push(input);
          return ok({ ...inboundWebhook(), secret: 'hd_secret' });
        },
      }),
    );
    model.name.value = ' Kustomer ';
    model.source.value = 'kustomer';
    await model.create();

    expect(sent).toEqual([{ name: 'Kustomer', source: 'kustomer' }]);
    expect(model.revealed.value).toMatchObject({ name: 'Kustomer', secret: 'hd_secret', made: 'created' });
    expect(model.webhooks.value).toEqual([inboundWebhook()]);
    expect([model.name.value, model.source.value]).toEqual(['', '']);
    model.dismissSecret();
    expect(model.revealed.value).toBeNull();
  });

  it('refuses a source that is not a plain name before asking the backend', async () => {
    const model = new InboundWebhooksModel(fakeAdminDeps());
    model.name.value = 'Helpdesk';
    model.source.value = 'help desk/eu';
    await model.create();
    expect(model.error.value).toBe('The source must be 1–64 letters, digits, _, . or -, starting with a letter or digit.');
  });

  it('copies the address the helpdesk posts to, and says which was copied', async () => {
    const copied: string[] = [];
    const webhook = inboundWebhook();
    const model = new InboundWebhooksModel(fakeAdminDeps({ listInboundWebhooks: async () => ok([webhook]), copy: async (text) => void copied.push(text) }));
    await model.load();
    await model.copyUrl(webhook.id);
    expect(copied).toEqual([webhook.url]);
    expect(model.copiedUrlOf.value).toBe(webhook.id);
  });

  it('rotates after confirming, showing the new secret, and revokes after confirming, showing the list the backend then holds', async () => {
    const webhook = inboundWebhook();
    let revoked = false;
    const model = new InboundWebhooksModel(
      fakeAdminDeps({
        listInboundWebhooks: async () => ok([revoked ? { ...webhook, revokedAt: '2026-12-03T11:59:00.000Z' } : webhook]),
        rotateInboundWebhookSecret: async () => ok({ ...webhook, secret: 'hd_new' }),
        revokeInboundWebhook: async () => {
          revoked = true;
          return ok(null);
        },
      }),
    );
    await model.load();

    model.ask(webhook.id, 'rotate');
    await model.confirm();
    expect(model.revealed.value).toMatchObject({ secret: 'hd_new', made: 'rotated' });

    model.ask(webhook.id, 'revoke');
    await model.confirm();
    expect(model.revealed.value).toBeNull();
    expect(model.webhooks.value[0]!.revokedAt).toBe('2026-12-03T11:59:00.000Z');
  });
});

describe('a helpdesk webhook in words', () => {
  it('says when it last received a request, and when one was last refused and why', () => {
    const quiet = inboundWebhook();
    expect(receivedWords(quiet, NOW)).toBe('Nothing received yet');
    expect(refusedWords(quiet, NOW)).toBeNull();

    const busy = inboundWebhook({ lastReceivedAt: '2026-12-03T11:58:00.000Z', lastRefusedAt: '2026-12-03T11:55:00.000Z', lastRefusal: 'stale timestamp.' });
    expect(receivedWords(busy, NOW)).toBe('Last received 2 min ago');
    expect(refusedWords(busy, NOW)).toBe('Last refused 5 min ago: stale timestamp');
  });

  it('says whether requests are accepted', () => {
    expect(webhookState(inboundWebhook())).toBe('Active since 2026-12-03 09:00 UTC');
    expect(webhookState(inboundWebhook({ revokedAt: '2026-12-03T10:30:00.000Z' }))).toBe('Revoked 2026-12-03 10:30 UTC');
  });
});
