import { describe, expect, it } from '@jest/globals';
import { explainState, stateClass } from '../../browser/session-states.js';
import { toSession } from '../../browser/session-shape.js';

describe('the session the pages read', () => {
  it('reads the sessions of the management API, the wallet from walletLabel', () => {
    const session = toSession({ id: 's1', issuanceId: 'i1', state: 'token_issued', stateChangedAt: '2026-12-02T10:00:00.000Z', grantType: 'authorization_code', credentialConfigurationIds: ['pid'], createdAt: '2026-12-02T09:59:00.000Z', updatedAt: '2026-12-02T10:00:00.000Z' });
    expect(session).toMatchObject({ id: 's1', issuanceId: 'i1', state: 'token_issued', grantType: 'authorization_code', credentialConfigurationIds: ['pid'], wallet: null, dialect: null, shareUrl: null, verboseCaptureUntil: null });
    const labelled = toSession({ id: 's3', state: 'failed_at_token', walletLabel: 'WalletKit', walletName: null, userAgent: 'WalletKit/2.1', clientId: 'client-1', dialect: 'draft-13', verboseCaptureUntil: '2026-12-02T11:00:00.000Z' });
    expect(labelled).toMatchObject({ wallet: 'WalletKit', walletName: null, userAgent: 'WalletKit/2.1', clientId: 'client-1', dialect: 'draft-13', verboseCaptureUntil: '2026-12-02T11:00:00.000Z' });
  });

  it('reads the wallet, dialect and share link fields in snake_case', () => {
    const session = toSession({ id: 's2', state: 'failed_at_credential', credential_configuration_ids: ['mdl'], share_url: 'https://issuer.example/ui/shared/t', wallet: 'EUDI Wallet', wallet_name: 'EUDI Reference Wallet', user_agent: 'okhttp/4.12.0', client_id: 'wallet-dev', dialect: 'draft-13' });
    expect(session).toMatchObject({ state: 'failed_at_credential', credentialConfigurationIds: ['mdl'], shareUrl: 'https://issuer.example/ui/shared/t', wallet: 'EUDI Wallet', walletName: 'EUDI Reference Wallet', userAgent: 'okhttp/4.12.0', clientId: 'wallet-dev', dialect: 'draft-13' });
  });
});

describe('session states in words', () => {
  it('says where a failed session stopped, and marks it failed', () => {
    expect(explainState('failed_at_credential')).toBe("The wallet's last request, at credential, failed and nothing succeeded after it. The errors below say why.");
    expect(stateClass('failed_at_token')).toBe('state state-failed');
    expect(stateClass('credential_issued')).toBe('state state-done');
    expect(explainState('credential_deferred')).toContain('deferred credential endpoint');
  });
});
