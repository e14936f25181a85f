import type { CredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import {
  toIssuerMetadataConfiguration,
  type IssuerMetadataCredentialConfiguration,
} from '../credential-configuration/to-issuer-metadata-configuration.js';
import { encryptionMetadata } from '../encryption/encryption-support.js';
import { trimTrailingSlash } from './well-known-urls.js';

export const CREDENTIAL_ISSUER_PATHS = {
  credential: '/credential',
  nonce: '/nonce',
  deferredCredential: '/deferred_credential',
  notification: '/notification',
} as const;

export interface IssuerDisplay {
  name?: string;
  locale?: string;
  logo?: { uri: string; alt_text?: string };
}

export interface IssuerMetadataOptions {
  /** The Credential Issuer Identifier (OID4VCI 1.0 Section 12.2.1). */
  baseUrl: string;
  configurations: CredentialConfiguration[];
  /** Omit when the credential issuer is its own authorization server (OID4VCI 1.0 Section 12.2.4). */
  authorizationServers?: string[];
  display?: IssuerDisplay[];
  /** Largest number of key proofs per request; 2 or more enables batch issuance. */
  batchSize?: number;
  deferred?: boolean;
  notification?: boolean;
  /** The public keys wallets encrypt credential requests to; given, request and response encryption are offered. */
  requestEncryptionJwks?: { keys: object[] };
  /** Section 12.2.4 `encryption_required` of both: every request and response encrypted. */
  encryptionRequired?: boolean;
}

/** `/.well-known/openid-credential-issuer` (OID4VCI 1.0 Section 12.2.4). */
export interface CredentialIssuerMetadata {
  credential_issuer: string;
  authorization_servers?: string[];
  credential_endpoint: string;
  nonce_endpoint: string;
  deferred_credential_endpoint?: string;
  notification_endpoint?: string;
  batch_credential_issuance?: { batch_size: number };
  credential_request_encryption?: ReturnType<typeof encryptionMetadata>['credential_request_encryption'];
  credential_response_encryption?: ReturnType<typeof encryptionMetadata>['credential_response_encryption'];
  display?: IssuerDisplay[];
  credential_configurations_supported: Record<string, IssuerMetadataCredentialConfiguration>;
}

export function buildIssuerMetadata(config: IssuerMetadataOptions): CredentialIssuerMetadata {
  const issuer = trimTrailingSlash(config.baseUrl);
  const metadata: CredentialIssuerMetadata = {
    credential_issuer: issuer,
    credential_endpoint: `${issuer}${CREDENTIAL_ISSUER_PATHS.credential}`,
    // HAIP 1.0 Section 4.1: nonce_endpoint MUST be present when a configuration requires key binding; it always is here.
    nonce_endpoint: `${issuer}${CREDENTIAL_ISSUER_PATHS.nonce}`,
    credential_configurations_supported: {},
  };
  if (config.authorizationServers && config.authorizationServers.length > 0) {
    metadata.authorization_servers = config.authorizationServers.map(trimTrailingSlash);
  }
  if (config.deferred ?? true) metadata.deferred_credential_endpoint = `${issuer}${CREDENTIAL_ISSUER_PATHS.deferredCredential}`;
  if (config.notification ?? true) metadata.notification_endpoint = `${issuer}${CREDENTIAL_ISSUER_PATHS.notification}`;
  // OID4VCI 1.0 Section 12.2.4: batch_size MUST be 2 or greater; without it only one proof is accepted.
  if (config.batchSize !== undefined && config.batchSize >= 2) metadata.batch_credential_issuance = { batch_size: config.batchSize };
  if (config.requestEncryptionJwks) Object.assign(metadata, encryptionMetadata(config.requestEncryptionJwks, config.encryptionRequired));
  if (config.display && config.display.length > 0) metadata.display = config.display;
  for (const configuration of config.configurations) {
    metadata.credential_configurations_supported[configuration.id] = toIssuerMetadataConfiguration(configuration);
  }
  return metadata;
}
