import { Inject, Injectable } from '@nestjs/common';
import type { KeyStore } from '@issuer/crypto';
import { invalidCredentialRequest, invalidEncryptionParameters } from '@issuer/protocol-errors';
import {
  checkCredentialResponseEncryption,
  decryptCredentialRequest,
  encryptCredentialResponse,
  type CredentialResponseEncryption,
} from '@issuer/protocol-oid4vci';
import type { PlatformConfig } from '../config/platform-config.js';
import { KEY_STORE, PLATFORM_CONFIG } from '../infrastructure/tokens.js';
import type { RequestTimeline } from '../timeline/request-timeline.js';

/** A credential response encrypted to the wallet's key: sent as `application/jwt`. */
export class EncryptedCredentialResponse {
  constructor(readonly jwe: string) {}
}

/**
 * OID4VCI 1.0 Section 10 at the edge of the credential and deferred credential endpoints: encrypted
 * requests in, encrypted responses out.
 */
@Injectable()
export class CredentialEncryption {
  constructor(
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(PLATFORM_CONFIG) private readonly config: Pick<PlatformConfig, 'credentialEncryptionRequired'>,
  ) {}

  /** The JSON request: the body as sent, or the payload of the JWE it came as. */
  async open(body: unknown, timeline: RequestTimeline): Promise<{ body: unknown; encrypted: boolean }> {
    if (typeof body !== 'string') return { body, encrypted: false };
    if (!this.keys.encryptionKey) {
      throw invalidCredentialRequest({ reason: 'the request came as application/jwt, but this issuer offers no request encryption', help: 'Send the credential request as application/json', specRef: 'OID4VCI 1.0 Section 8.2' });
    }
    const decrypted = await decryptCredentialRequest(body, await this.keys.encryptionKey());
    timeline.info('Encrypted credential request decrypted', { body: decrypted });
    return { body: decrypted, encrypted: true };
  }

  /** Refuses response encryption the issuer cannot do, or that an unencrypted request asks for, before anything is issued. */
  async check(parameters: CredentialResponseEncryption | undefined, requestEncrypted: boolean): Promise<void> {
    if (this.config.credentialEncryptionRequired && (parameters === undefined || !requestEncrypted)) {
      // OID4VCI 1.0 Section 12.2.4: with encryption_required, the request is encrypted and asks for an encrypted response.
      throw invalidEncryptionParameters({
        reason: `this issuer requires encryption, and the request ${requestEncrypted ? 'has no credential_response_encryption' : 'came unencrypted'}`,
        help: 'Encrypt the credential request to credential_request_encryption.jwks and ask for an encrypted response with credential_response_encryption',
        specRef: 'OID4VCI 1.0 Section 12.2.4',
      });
    }
    if (parameters === undefined) return;
    if (!requestEncrypted) {
      // OID4VCI 1.0 Section 8.3: otherwise an attacker could substitute the key the response is encrypted to.
      throw invalidEncryptionParameters({
        reason: 'credential_response_encryption came in an unencrypted request',
        help: 'Encrypt the credential request to credential_request_encryption.jwks whenever it asks for an encrypted response',
        specRef: 'OID4VCI 1.0 Section 8.3',
      });
    }
    await checkCredentialResponseEncryption(parameters);
  }

  async seal(response: object, parameters: CredentialResponseEncryption | undefined): Promise<object | EncryptedCredentialResponse> {
    return parameters ? new EncryptedCredentialResponse(await encryptCredentialResponse(response, parameters)) : response;
  }
}
