import { join, resolve } from 'node:path';
import { COMPATIBILITY_PROFILES, type CompatibilityProfile } from '@issuer/protocol-oid4vci';
import { z } from 'zod';
import { isAddressOrRange } from '../http/address-ranges.js';
import type { RateLimitSettings } from '../http/rate-limits.js';

const zBoolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const zEnvironment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./.data'),
  KEYS_DIR: z.string().optional(),
  ADMIN_API_KEY: z.string().min(16).optional(),
  DATABASE_URL: z.string().optional(),
  NATS_URL: z.string().optional(),
  NATS_STREAM: z.string().default('ISSUANCE'),
  NATS_SUBJECT_PREFIX: z.string().default(''),
  REQUIRE_DPOP: zBoolean.default(false),
  COMPATIBILITY_PROFILE: z.enum(COMPATIBILITY_PROFILES).default('lenient'),
  CREDENTIAL_CONFIG_FILES: z.string().default(''),
  KEY_ATTESTATION_TRUST_ANCHORS: z.string().default(''),
  PRE_AUTHORIZED_CODE_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(86400),
  C_NONCE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  TX_CODE_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  REQUIRE_PAR: zBoolean.default(true),
  CLIENT_AUTH_METHODS: z.string().default('attest_jwt_client_auth,private_key_jwt,none'),
  WALLET_ATTESTATION_TRUST_ANCHORS: z.string().default(''),
  REQUIRE_WALLET_ATTESTATION: zBoolean.default(false),
  DPOP_NONCE: zBoolean.default(false),
  CREDENTIAL_ENCRYPTION_REQUIRED: zBoolean.default(false),
  DPOP_NONCE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  TOKEN_REDIRECT_URI: z.enum(['required', 'optional']).default('optional'),
  REQUEST_URI_TTL_SECONDS: z.coerce.number().int().positive().default(90),
  AUTHORIZATION_CODE_TTL_SECONDS: z.coerce.number().int().positive().default(60),
  DEFERRED_INTERVAL_SECONDS: z.coerce.number().int().positive().default(5),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().positive().default(5),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(10),
  LOGIN_OPENID_PROVIDER_ISSUER: z.string().url().optional(),
  LOGIN_OPENID_PROVIDER_CLIENT_ID: z.string().min(1).optional(),
  LOGIN_OPENID_PROVIDER_CLIENT_SECRET: z.string().min(1).optional(),
  LOGIN_OPENID_PROVIDER_SCOPES: z.string().default('openid profile email address'),
  SESSION_LOG_OTLP_URL: z.string().url().optional(),
  OTLP_INGEST_TOKEN: z.string().min(16).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: z.string().url().optional(),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().positive().default(15_000),
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_PER_CLIENT_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  RATE_LIMIT_BURST: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_EXEMPT: z.string().default('127.0.0.1,::1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface PlatformConfig {
  port: number;
  host: string;
  /** The URL wallets call: credential_issuer, token endpoint base, DPoP `htu` base. */
  publicUrl: string;
  dataDir: string;
  keysDir: string;
  adminApiKey: string | undefined;
  databaseUrl: string | undefined;
  natsUrl: string | undefined;
  natsStream: string;
  natsSubjectPrefix: string;
  requireDpop: boolean;
  /** How requests of older drafts are met, unless an issuance sets its own. */
  compatibilityProfile: CompatibilityProfile;
  credentialConfigFiles: string[];
  /** PEM files of the Wallet Provider roots whose key attestations are trusted (OID4VCI 1.0 Appendix D). */
  keyAttestationTrustAnchorFiles: string[];
  preAuthorizedCodeTtlSeconds: number;
  accessTokenTtlSeconds: number;
  /** Lifetime of each refresh token; a refresh replaces it with one of the same lifetime (RFC 9700 Section 4.14.2). */
  refreshTokenTtlSeconds: number;
  cNonceTtlSeconds: number;
  /** Key proofs, hence credentials, per credential request; 1 turns batch issuance off (OID4VCI 1.0 Section 12.2.4). */
  batchSize: number;
  txCodeMaxAttempts: number;
  /** RFC 8414 token_endpoint_auth_methods_supported: attest_jwt_client_auth, private_key_jwt, none. */
  clientAuthMethods: ClientAuthMethod[];
  /** PEM files of the Wallet Provider roots whose Wallet (client) Attestations are trusted (HAIP 1.0 Section 4.4.1). */
  walletAttestationTrustAnchorFiles: string[];
  /** HAIP 1.0 Section 4.4.1: Wallet Attestation is the only client authentication; always on under the haip profile. */
  requireWalletAttestation: boolean;
  /** RFC 9449 Sections 8 and 9: server-provided DPoP nonces at the token and resource endpoints. */
  dpopNonce: boolean;
  dpopNonceTtlSeconds: number;
  /** OID4VCI 1.0 Section 10: every credential request encrypted, every response encrypted. */
  credentialEncryptionRequired: boolean;
  /** RFC 9126 Section 5 / HAIP 1.0 Section 4: authorization requests only by PAR. */
  requirePar: boolean;
  /** Whether the token request must repeat redirect_uri (RFC 6749 Section 4.1.3); `optional` accepts wallets that omit it. */
  tokenRedirectUri: 'required' | 'optional';
  requestUriTtlSeconds: number;
  authorizationCodeTtlSeconds: number;
  /** OID4VCI 1.0 Section 8.3: the `interval` a wallet waits between deferred credential requests. */
  deferredIntervalSeconds: number;
  /** Wait before a webhook delivery's second attempt; each later one waits twice as long. */
  webhookRetryBaseSeconds: number;
  /** Attempts per webhook delivery, the first included, before it is given up as failed. */
  webhookMaxAttempts: number;
  /** How long one webhook attempt may take before it counts as failed. */
  webhookTimeoutSeconds: number;
  /** An external OpenID Provider the End-User logs in at instead of the built-in login page; undefined for the built-in one. */
  loginOpenIdProvider: LoginOpenIdProvider | undefined;
  sessionLogOtlpUrl: string | undefined;
  /** Bearer token for the session-log OTLP receiver when senders are not on its host. */
  otlpIngestToken: string | undefined;
  tracesUrl: string | undefined;
  /** OTLP/HTTP metrics endpoint; metrics are off without one. */
  metricsUrl: string | undefined;
  /** Milliseconds between metric exports (OTEL_METRIC_EXPORT_INTERVAL, as the OpenTelemetry SDK environment variable). */
  metricsIntervalMs: number;
  /** RFC 6585 Section 4: requests over these rates are answered 429 with Retry-After. */
  rateLimits: RateLimitSettings;
  logLevel: string;
}

export interface LoginOpenIdProvider {
  /** The OP's issuer identifier; its metadata is at `issuer/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** client_secret_basic at the OP's token endpoint; absent for a public client (PKCE only). */
  clientSecret: string | undefined;
  scopes: string[];
}

export class ConfigurationError extends Error {}

/** Reads the configuration variables the README documents; a wrong value stops the start with its name. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const parsed = zEnvironment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigurationError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    dataDir,
    keysDir: resolve(e.KEYS_DIR ?? join(dataDir, 'keys')),
    adminApiKey: e.ADMIN_API_KEY,
    databaseUrl: e.DATABASE_URL,
    natsUrl: e.NATS_URL,
    natsStream: e.NATS_STREAM,
    natsSubjectPrefix: e.NATS_SUBJECT_PREFIX,
    requireDpop: e.REQUIRE_DPOP,
    compatibilityProfile: e.COMPATIBILITY_PROFILE,
    credentialConfigFiles: fileList(e.CREDENTIAL_CONFIG_FILES),
    keyAttestationTrustAnchorFiles: fileList(e.KEY_ATTESTATION_TRUST_ANCHORS),
    preAuthorizedCodeTtlSeconds: e.PRE_AUTHORIZED_CODE_TTL_SECONDS,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    cNonceTtlSeconds: e.C_NONCE_TTL_SECONDS,
    batchSize: e.BATCH_SIZE,
    txCodeMaxAttempts: e.TX_CODE_MAX_ATTEMPTS,
    requirePar: e.REQUIRE_PAR,
    clientAuthMethods: clientAuthMethods(e.CLIENT_AUTH_METHODS),
    walletAttestationTrustAnchorFiles: fileList(e.WALLET_ATTESTATION_TRUST_ANCHORS),
    requireWalletAttestation: e.REQUIRE_WALLET_ATTESTATION || e.COMPATIBILITY_PROFILE === 'haip',
    dpopNonce: e.DPOP_NONCE,
    dpopNonceTtlSeconds: e.DPOP_NONCE_TTL_SECONDS,
    credentialEncryptionRequired: e.CREDENTIAL_ENCRYPTION_REQUIRED,
    tokenRedirectUri: e.TOKEN_REDIRECT_URI,
    requestUriTtlSeconds: e.REQUEST_URI_TTL_SECONDS,
    authorizationCodeTtlSeconds: e.AUTHORIZATION_CODE_TTL_SECONDS,
    deferredIntervalSeconds: e.DEFERRED_INTERVAL_SECONDS,
    webhookRetryBaseSeconds: e.WEBHOOK_RETRY_BASE_SECONDS,
    webhookMaxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
    webhookTimeoutSeconds: e.WEBHOOK_TIMEOUT_SECONDS,
    loginOpenIdProvider: loginOpenIdProvider(e),
    sessionLogOtlpUrl: e.SESSION_LOG_OTLP_URL,
    otlpIngestToken: e.OTLP_INGEST_TOKEN,
    tracesUrl: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    metricsUrl: e.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT,
    metricsIntervalMs: e.OTEL_METRIC_EXPORT_INTERVAL,
    rateLimits: {
      perIpPerMinute: e.RATE_LIMIT_PER_IP_PER_MINUTE,
      perClientPerMinute: e.RATE_LIMIT_PER_CLIENT_PER_MINUTE,
      burst: e.RATE_LIMIT_BURST,
      exempt: addressList(e.RATE_LIMIT_EXEMPT),
    },
    logLevel: e.LOG_LEVEL,
  };
}

const CLIENT_AUTH_METHODS = ['attest_jwt_client_auth', 'private_key_jwt', 'none'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

function clientAuthMethods(value: string): ClientAuthMethod[] {
  const methods = value.split(',').map((method) => method.trim()).filter(Boolean);
  const unknown = methods.filter((method) => !(CLIENT_AUTH_METHODS as readonly string[]).includes(method));
  if (unknown.length > 0 || methods.length === 0) throw new ConfigurationError(`Invalid configuration: CLIENT_AUTH_METHODS must list some of ${CLIENT_AUTH_METHODS.join(', ')}; got ${value}`);
  return methods as ClientAuthMethod[];
}

function loginOpenIdProvider(e: z.infer<typeof zEnvironment>): LoginOpenIdProvider | undefined {
  if (e.LOGIN_OPENID_PROVIDER_ISSUER === undefined) {
    if (e.LOGIN_OPENID_PROVIDER_CLIENT_ID !== undefined) throw new ConfigurationError('Invalid configuration: LOGIN_OPENID_PROVIDER_CLIENT_ID is set without LOGIN_OPENID_PROVIDER_ISSUER');
    return undefined;
  }
  if (e.LOGIN_OPENID_PROVIDER_CLIENT_ID === undefined) throw new ConfigurationError('Invalid configuration: LOGIN_OPENID_PROVIDER_ISSUER needs LOGIN_OPENID_PROVIDER_CLIENT_ID');
  const scopes = e.LOGIN_OPENID_PROVIDER_SCOPES.split(/[\s,]+/).filter(Boolean);
  return {
    // OpenID Connect Discovery 1.0 Section 4.3: the issuer is compared exactly, a trailing slash included.
    issuer: e.LOGIN_OPENID_PROVIDER_ISSUER,
    clientId: e.LOGIN_OPENID_PROVIDER_CLIENT_ID,
    clientSecret: e.LOGIN_OPENID_PROVIDER_CLIENT_SECRET,
    // OpenID Connect Core 1.0 Section 3.1.2.1: scope openid makes it an OpenID Connect request.
    scopes: scopes.includes('openid') ? scopes : ['openid', ...scopes],
  };
}

function addressList(value: string): string[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const invalid = entries.filter((entry) => !isAddressOrRange(entry));
  if (invalid.length > 0) throw new ConfigurationError(`Invalid configuration: RATE_LIMIT_EXEMPT must list IP addresses and CIDR ranges; ${invalid.join(', ')} is none`);
  return entries;
}

function fileList(value: string): string[] {
  return value.split(',').map((file) => file.trim()).filter(Boolean);
}
