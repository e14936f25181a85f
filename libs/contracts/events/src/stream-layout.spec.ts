import { describe, expect, it } from '@jest/globals';
import { streamLayout } from './stream-layout.js';

describe('streamLayout', () => {
  it('is the ISSUANCE stream over issuance.> with a two minute duplicate window by default', () => {
    const layout = streamLayout();
    expect(layout.events).toEqual({ name: 'ISSUANCE', subjects: ['issuance.>'], duplicateWindowMs: 120_000, storage: 'file' });
    expect(layout.deadLetters).toEqual({ name: 'ISSUANCE_DLQ', subjects: ['dlq.issuance.>'], storage: 'file' });
    expect(layout.deadLetterSubject('issuance.offer.created')).toBe('dlq.issuance.offer.created');
  });

  it('puts every subject under the configured prefix', () => {
    const layout = streamLayout({ streamName: 'E2E_7', subjectPrefix: 'e2e-7.' });
    expect(layout.events.subjects).toEqual(['e2e-7.issuance.>']);
    expect(layout.deadLetters).toMatchObject({ name: 'E2E_7_DLQ', subjects: ['e2e-7.dlq.issuance.>'] });
    expect(layout.wireSubject('cmd.offer.get-credential-claims')).toBe('e2e-7.cmd.offer.get-credential-claims');
    expect(layout.deadLetterSubject('issuance.token.issued')).toBe('e2e-7.dlq.issuance.token.issued');
    expect(layout.logicalSubject('e2e-7.issuance.token.issued')).toBe('issuance.token.issued');
    expect(layout.logicalSubject('other.issuance.token.issued')).toBeUndefined();
  });
});
