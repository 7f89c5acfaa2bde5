import { describe, expect, it } from 'vitest';
import { exportFileName, filterSlug } from './file-name';

const at = new Date('2026-12-03T01:21:05.123Z');

describe('the export file name', () => {
  it('says the workspace, the filter and the UTC time, with the format as its extension', () => {
    const params = new URLSearchParams('category=settings&section=business_rule&notEvent=login');
    expect(exportFileName({ workspace: 'Demo Support', params, at, format: 'csv' })).toBe(
      'auditdesk_demo-support_category-settings_section-business-rule_not-event-login_2026-12-03T01-21-05Z.csv',
    );
  });

  it('names an export of the whole log "all-events"', () => {
    expect(exportFileName({ workspace: 'Other Co', params: new URLSearchParams(), at, format: 'jsonl' })).toBe(
      'auditdesk_other-co_all-events_2026-12-03T01-21-05Z.jsonl',
    );
  });

  it('keeps each value of a repeated filter', () => {
    expect(filterSlug(new URLSearchParams('event=update&event=create'))).toBe('event-update_event-create');
  });

  it('turns names with spaces, accents, quotes and slashes into plain words', () => {
    expect(filterSlug(new URLSearchParams({ actor: 'José "Pepe" Ruiz', q: '../../etc/passwd' }))).toBe('actor-jose-pepe-ruiz_q-..-..-etc-passwd');
  });

  it('shortens a long filter and says so, so the name stays within what file systems take', () => {
    const params = new URLSearchParams();
    for (let i = 0; i < 20; i++) params.append('conversation', `01JCONVERSATION${i}`);
    const slug = filterSlug(params);
    expect(slug.length).toBeLessThanOrEqual(84);
    expect(slug).toMatch(/^conversation-01jconversation0_conversation-01jconversation1_.*-etc$/);
  });

  it('has only letters, digits, dots, dashes and underscores, whatever the workspace and filter say', () => {
    const name = exportFileName({ workspace: 'Acme: Support/EU <test>', params: new URLSearchParams({ q: 'a:b\\c*?|"<>' }), at, format: 'csv' });
    expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(name).toBe('auditdesk_acme-support-eu-test_q-a-b-c_2026-12-03T01-21-05Z.csv');
  });

  it('falls back to "workspace" when the workspace name has nothing a file name can keep', () => {
    expect(exportFileName({ workspace: '💼', params: new URLSearchParams(), at, format: 'csv' })).toBe('auditdesk_workspace_all-events_2026-12-03T01-21-05Z.csv');
  });
});
