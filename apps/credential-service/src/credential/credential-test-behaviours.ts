import { Inject, Injectable } from '@nestjs/common';
import type { AppliedTestBehaviour, TestBehaviours } from '@issuer/contracts-events';
import type { CredentialRepository } from '@issuer/data-access-credential';
import type { RequestTimeline } from '@issuer/nest';
import { invalidEncryptionParameters, invalidNonce } from '@issuer/protocol-errors';
import { CREDENTIAL_REPOSITORY } from '../credential-repository.provider.js';

/** OID4VCI 1.0 Section 10: the encryption the issuance's test behaviours demand, before the issuer's own rules. */
export function checkEncryptionBehaviours(behaviours: TestBehaviours, request: { encrypted: boolean; responseEncryption: boolean }, timeline: RequestTimeline): void {
  const applied = encryptionDemanded(behaviours, request);
  if (!applied) return;
  timeline.testBehaviourApplied(applied);
  throw invalidEncryptionParameters({ reason: applied.reason, help: applied.help, specRef: applied.spec_ref });
}

function encryptionDemanded(behaviours: TestBehaviours, { encrypted, responseEncryption }: { encrypted: boolean; responseEncryption: boolean }): AppliedTestBehaviour | undefined {
  if (behaviours.require_request_encryption && !encrypted) {
    return {
      behaviour: 'require_request_encryption',
      reason: 'This issuance requires an encrypted credential request, and the request came unencrypted.',
      help: 'Encrypt the credential request as a JWE to a key of credential_request_encryption.jwks in the issuer metadata, sent as application/jwt.',
      spec_ref: 'OID4VCI 1.0 Section 10',
    };
  }
  if (behaviours.require_response_encryption && !responseEncryption) {
    return {
      behaviour: 'require_response_encryption',
      reason: 'This issuance requires an encrypted credential response, and the request has no credential_response_encryption.',
      help: 'Send credential_response_encryption with a jwk of the wallet and an enc of credential_response_encryption.enc_values_supported, in an encrypted request.',
      spec_ref: 'OID4VCI 1.0 Section 8.3.1.2',
    };
  }
  return undefined;
}

/** OID4VCI 1.0 Section 8.3: the holder keys that get credentials when issue_fewer_credentials asks for fewer than the key proofs. */
export function holdersToIssue<T>(behaviours: TestBehaviours, holders: readonly T[], timeline: RequestTimeline): readonly T[] {
  const fewer = behaviours.issue_fewer_credentials;
  if (fewer === undefined) return holders;
  const count = Math.max(1, fewer === true ? holders.length - 1 : Math.min(fewer, holders.length));
  if (count >= holders.length) return holders;
  timeline.testBehaviourApplied({
    behaviour: 'issue_fewer_credentials',
    reason: `This issuance answers a batch of ${holders.length} key proofs with ${count} credential${count === 1 ? '' : 's'}.`,
    help: 'A wallet must accept fewer credentials than key proofs, and must not assume one credential per proof.',
    spec_ref: 'OID4VCI 1.0 Section 8.3',
  });
  return holders.slice(0, count);
}

/** OID4VCI 1.0 Section 8.3: the credentials of a batch in reverse order when reverse_batch_order asks. */
export function batchInOrder<T>(behaviours: TestBehaviours, credentials: readonly T[], timeline: RequestTimeline): T[] {
  if (!behaviours.reverse_batch_order || credentials.length < 2) return [...credentials];
  timeline.testBehaviourApplied({
    behaviour: 'reverse_batch_order',
    reason: `This issuance returns the ${credentials.length} credentials of the batch in the reverse order of the key proofs.`,
    help: "A wallet must match each credential to its key by the credential's key binding (cnf), not by its position.",
    spec_ref: 'OID4VCI 1.0 Section 8.3',
  });
  return [...credentials].reverse();
}

/** OID4VCI 1.0 Section 8.3.1.2: reject_first_proof answers the session's first credential request with valid proofs by invalid_nonce, once. */
@Injectable()
export class RejectFirstProof {
  constructor(@Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository) {}

  async check(behaviours: TestBehaviours, sessionId: string, timeline: RequestTimeline): Promise<void> {
    if (!behaviours.reject_first_proof) return;
    if (!(await this.repository.applyTestBehaviourOnce(sessionId, 'reject_first_proof'))) return;
    const applied: AppliedTestBehaviour = {
      behaviour: 'reject_first_proof',
      reason: 'This issuance rejects the first key proof of the session as if its c_nonce were no longer valid, though it is.',
      help: 'Fetch a fresh c_nonce from the nonce endpoint and send the credential request again with new key proofs.',
      spec_ref: 'OID4VCI 1.0 Section 8.3.1.2',
    };
    timeline.testBehaviourApplied(applied);
    throw invalidNonce({ reason: applied.reason, help: applied.help, specRef: applied.spec_ref });
  }
}
