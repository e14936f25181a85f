import { describe, expect, it, jest } from '@jest/globals';
import type { CredentialRepository } from '@issuer/data-access-credential';
import type { KeyStore } from '@issuer/crypto';
import type { OutboxRelay, PlatformConfig } from '@issuer/nest';
import type { CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { SignCredentials } from './sign-credentials.js';
import type { TypeMetadataDocuments } from '../type-metadata/type-metadata.provider.js';

const configuration = { id: 'pid', format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1', status_list: {} } as unknown as CredentialConfiguration;
const holder = { holderJwk: { kty: 'EC' }, jkt: 'jkt-1', proofHash: 'proof-1' };

function signCredentials(useKeyProofs: boolean) {
  const repository = {
    useKeyProofs: jest.fn(async (_proofHashes: string[], _sessionId: string) => useKeyProofs),
    allocateCredentialStatus: jest.fn(async () => []),
    recordIssued: jest.fn(async () => ({ ok: true })),
  };
  const keys = { signingKey: jest.fn(async () => { throw new Error('not reached in this test'); }) };
  const service = new SignCredentials(
    repository as unknown as CredentialRepository,
    {} as OutboxRelay,
    keys as unknown as KeyStore,
    { publicUrl: 'https://issuer.example' } as PlatformConfig,
    new Map() as unknown as TypeMetadataDocuments,
  );
  return { service, repository, keys };
}

describe('SignCredentials', () => {
  it('spends no status list entry and signs nothing for a key proof used before', async () => {
    const { service, repository, keys } = signCredentials(false);

    const result = await service.execute({ sessionId: 's', issuanceId: 'i', configuration, claims: {}, holders: [holder], now: 1_800_000_000 });

    expect(result).toEqual({ ok: false, reason: 'proof_reused' });
    expect(repository.useKeyProofs).toHaveBeenCalledWith(['proof-1'], 's');
    expect(repository.allocateCredentialStatus).not.toHaveBeenCalled();
    expect(keys.signingKey).not.toHaveBeenCalled();
    expect(repository.recordIssued).not.toHaveBeenCalled();
  });

  it('claims the key proofs before allocating a status list entry', async () => {
    const { service, repository } = signCredentials(true);

    await expect(service.execute({ sessionId: 's', issuanceId: 'i', configuration, claims: {}, holders: [holder], now: 1_800_000_000 })).rejects.toThrow('not reached');

    expect(repository.useKeyProofs).toHaveBeenCalledWith(['proof-1'], 's');
    expect(repository.allocateCredentialStatus).not.toHaveBeenCalled();
  });
});
