import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { signJwt } from '@issuer/crypto';
import { expectProtocolError } from './support/expect-error.js';
import { createIssuance, pidClaims, preAuthorizedCodeOf, timelineWith } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';
import { expectIssuedPid } from './interop/verify-sd-jwt-vc.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const ATTESTED = 'pid_key_attested';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

/** A key attestation by the e2e Wallet Provider the platform trusts (see global-setup). */
function keyAttestation(wallet: TestWallet, keyStorage: string[], extra: { nonce?: string; keys?: TestWallet[] } = {}): string {
  const provider = JSON.parse(readFileSync(process.env['E2E_WALLET_PROVIDER'] as string, 'utf8')) as { privateKeyPem: string; x5c: string[] };
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    { header: { typ: 'key-attestation+jwt', alg: 'ES256', x5c: provider.x5c }, payload: { iat: now, exp: now + 600, attested_keys: (extra.keys ?? [wallet]).map((holder) => holder.key.publicJwk), key_storage: keyStorage, ...(extra.nonce && { nonce: extra.nonce }) } },
    { privateKey: createPrivateKey(provider.privateKeyPem) },
  );
}

async function walletWithToken(credentialConfigurationId = ATTESTED) {
  const issuance = await createIssuance({ credentialConfigurationId, claims: pidClaims });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  return { issuance, wallet, accessToken: token.body['access_token'] as string };
}

describe('key attestations (OID4VCI 1.0 Appendix D, F.1)', () => {
  it('issues to a key proof whose key a trusted Wallet Provider attests at the required storage level', async () => {
    const { wallet, accessToken } = await walletWithToken();
    const proof = wallet.proof(await wallet.nonce(), { header: { key_attestation: keyAttestation(wallet, ['iso_18045_high']) } });
    const result = await wallet.credential(accessToken, { credential_configuration_id: ATTESTED, proofs: { jwt: [proof] } });
    expect(result.status).toBe(200);
  });

  it('C14: refuses a proof without key attestation, and one whose storage level is below key_attestations_required', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken();
    const bare = await wallet.credential(accessToken, { credential_configuration_id: ATTESTED, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(bare, 400, 'invalid_proof', issuance.session_id);

    const weak = wallet.proof(await wallet.nonce(), { header: { key_attestation: keyAttestation(wallet, ['iso_18045_basic']) } });
    await expectProtocolError(await wallet.credential(accessToken, { credential_configuration_id: ATTESTED, proofs: { jwt: [weak] } }), 400, 'invalid_proof', issuance.session_id);
    const timeline = await timelineWith(issuance.session_id, (entry) => String(entry.data?.['reason'] ?? '').includes('key_attestations_required.key_storage'));
    expect(timeline.entries.some((entry) => String(entry.data?.['reason'] ?? '').includes('meets none of key_attestations_required.key_storage'))).toBe(true);
  });

  it('require_key_attestation on an issuance: a configuration that asks for none still needs the key attested', async () => {
    const issuance = await createIssuance({ requireKeyAttestation: true });
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const accessToken = token.body['access_token'] as string;
    const bare = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    await expectProtocolError(bare, 400, 'invalid_proof', issuance.session_id);
    const timeline = await timelineWith(issuance.session_id, (entry) => String(entry.data?.['reason'] ?? '').includes('require_key_attestation'));
    expect(timeline.entries.some((entry) => String(entry.data?.['reason'] ?? '').includes('require_key_attestation of the issuance'))).toBe(true);

    const attested = wallet.proof(await wallet.nonce(), { header: { key_attestation: keyAttestation(wallet, ['iso_18045_basic']) } });
    expect((await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [attested] } })).status).toBe(200);
  });

  it('C16: a batch whose proofs carry different key attestations is invalid_proof; one attestation of all its keys in each proof is issued', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken();
    const holders = [new TestWallet(), new TestWallet()];
    const separately = await wallet.nonce();
    const apart = holders.map((holder) => holder.proof(separately, { header: { key_attestation: keyAttestation(holder, ['iso_18045_high']) } }));
    await expectProtocolError(await wallet.credential(accessToken, { credential_configuration_id: ATTESTED, proofs: { jwt: apart } }), 400, 'invalid_proof', issuance.session_id);
    const timeline = await timelineWith(issuance.session_id, (entry) => String(entry.data?.['reason'] ?? '').includes('different key attestations'));
    expect(timeline.entries.find((entry) => String(entry.data?.['reason'] ?? '').includes('different key attestations'))?.data?.['reason']).toBe(
      'the proofs carry 2 different key attestations (proofs.jwt[0] #1, proofs.jwt[1] #2)',
    );

    const together = keyAttestation(wallet, ['iso_18045_high'], { keys: holders });
    const nonce = await wallet.nonce();
    const batch = holders.map((holder) => holder.proof(nonce, { header: { key_attestation: together } }));
    const result = await wallet.credential(accessToken, { credential_configuration_id: ATTESTED, proofs: { jwt: batch } });
    expect(result.status).toBe(200);
    const credentials = (result.body['credentials'] as Array<{ credential: string }>).map(({ credential }) => credential);
    for (const [index, credential] of credentials.entries()) await expectIssuedPid(credential, holders[index]!.key);
  });

  it('issues one credential per attested key for the attestation proof type, which carries the c_nonce', async () => {
    const { wallet, accessToken } = await walletWithToken('pid_attestation_proof');
    const keys = [new TestWallet(), new TestWallet()];
    const proof = keyAttestation(wallet, ['iso_18045_high'], { nonce: await wallet.nonce(), keys });
    const result = await wallet.credential(accessToken, { credential_configuration_id: 'pid_attestation_proof', proofs: { attestation: [proof] } });

    expect(result.status).toBe(200);
    const credentials = (result.body['credentials'] as Array<{ credential: string }>).map(({ credential }) => credential);
    for (const [index, credential] of credentials.entries()) await expectIssuedPid(credential, keys[index]!.key);
    expect(credentials).toHaveLength(2);
    // The same attestation cannot be used twice.
    const again = await wallet.credential(accessToken, { credential_configuration_id: 'pid_attestation_proof', proofs: { attestation: [proof] } });
    expect(again.status).toBe(400);
  });
});
