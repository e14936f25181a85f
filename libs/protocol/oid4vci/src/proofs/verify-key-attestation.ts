import type { X509Certificate } from 'node:crypto';
import { decodeJws, jwkThumbprint, matchesJwtType, trustedX5cLeaf, verifyJwsSignature, type JsonObject, type JWK } from '@issuer/crypto';
import { invalidProof, type ProtocolError } from '@issuer/protocol-errors';
import type { JwtProofNoncePolicy } from './verify-jwt-proof.js';

const SPEC_REF = 'OID4VCI 1.0 Appendix D.1';

/** `key_attestations_required` of a proof type (OID4VCI 1.0 Section 12.2.4). */
export interface KeyAttestationsRequired {
  key_storage?: string[];
  user_authentication?: string[];
}

export interface KeyAttestationPolicy {
  /** Roots of the Wallet Providers (or key storage components) whose attestations are trusted. */
  trustAnchors: readonly X509Certificate[];
  allowedAlgs: readonly string[];
  /** Epoch seconds. */
  now: number;
  /** What the configuration requires of the attested keys; undefined requires nothing more. */
  required?: KeyAttestationsRequired;
  /** Appendix D.1: `exp` MUST be present when the attestation comes with the jwt proof type. */
  expRequired: boolean;
  /** Appendix F.3: the `attestation` proof type carries the c_nonce. */
  nonce?: JwtProofNoncePolicy;
}

export interface VerifiedKeyAttestation {
  attestedKeys: JWK[];
  /** RFC 7638 thumbprints of `attestedKeys`, in order. */
  attestedJkts: string[];
  keyStorage: string[];
  userAuthentication: string[];
}

/**
 * OID4VCI 1.0 Appendix D.1: a key attestation JWT (`key-attestation+jwt`), signed by a key whose
 * `x5c` chains to a configured trust anchor, attesting public keys at the storage and user
 * authentication levels the configuration requires.
 */
export function verifyKeyAttestation(jwt: unknown, policy: KeyAttestationPolicy, label = 'key_attestation'): VerifiedKeyAttestation {
  if (typeof jwt !== 'string') throw refuse(`${label} is not a compact JWT string`, 'Send the key attestation JWT as a string');
  let decoded: ReturnType<typeof decodeJws>;
  try {
    decoded = decodeJws(jwt);
  } catch (error) {
    throw refuse(`${label} is not a compact JWT (${(error as Error).message})`, 'Send the key attestation as a compact JWS', error);
  }
  const { header, payload } = decoded;
  if (!matchesJwtType(header.typ, 'key-attestation+jwt')) throw refuse(`${label} typ expected "key-attestation+jwt", got ${JSON.stringify(header.typ)}`, 'Set the JOSE header typ to "key-attestation+jwt"');
  if (typeof header.alg !== 'string' || !policy.allowedAlgs.includes(header.alg)) {
    throw refuse(`${label} alg ${JSON.stringify(header.alg)} is not one of proof_signing_alg_values_supported (${policy.allowedAlgs.join(', ')})`, `Sign the key attestation with one of ${policy.allowedAlgs.join(', ')}`);
  }
  const signer = attestationSigner(header, policy, label);
  if (!verifyJwsSignature(decoded, signer.publicKey, header.alg)) throw refuse(`${label} signature does not verify with the key of its x5c`, 'Sign the key attestation with the key its x5c certifies');
  checkTimes(payload, policy, label);
  const attestedKeys = readAttestedKeys(payload.attested_keys, label);
  const keyStorage = strings(payload.key_storage);
  const userAuthentication = strings(payload.user_authentication);
  checkRequired('key_storage', keyStorage, policy.required?.key_storage, label);
  checkRequired('user_authentication', userAuthentication, policy.required?.user_authentication, label);
  if (policy.nonce) checkNonce(payload.nonce, policy.nonce, label);
  return { attestedKeys, attestedJkts: attestedKeys.map((key) => jwkThumbprint(key)), keyStorage, userAuthentication };
}

function attestationSigner(header: JsonObject, policy: KeyAttestationPolicy, label: string): X509Certificate {
  const x5c = header.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((entry) => typeof entry === 'string')) {
    throw refuse(`${label} has no x5c; this issuer trusts key attestations by their certificate chain`, 'Put the attestation signer certificate chain, leaf first, in the x5c header');
  }
  try {
    return trustedX5cLeaf(x5c, policy.trustAnchors, policy.now);
  } catch (error) {
    throw refuse(`${label} x5c does not chain to a trusted Wallet Provider (${(error as Error).message})`, 'Use a key attestation from a Wallet Provider this issuer trusts', error);
  }
}

function checkTimes(payload: JsonObject, policy: KeyAttestationPolicy, label: string): void {
  if (typeof payload.iat !== 'number') throw refuse(`${label} has no iat`, 'Include iat in the key attestation');
  if (payload.iat > policy.now + 60) throw refuse(`${label} iat ${payload.iat} is in the future`, 'Issue the key attestation with the current time');
  if (payload.exp === undefined) {
    if (policy.expRequired) throw refuse(`${label} has no exp, which the jwt proof type requires of it`, 'Include exp in the key attestation');
    return;
  }
  if (typeof payload.exp !== 'number' || payload.exp <= policy.now) throw refuse(`${label} expired at ${String(payload.exp)}`, 'Get a fresh key attestation from the Wallet Provider');
}

function readAttestedKeys(value: unknown, label: string): JWK[] {
  if (!Array.isArray(value) || value.length === 0) throw refuse(`${label} attested_keys is not a non-empty array`, 'List the attested public keys as JWKs in attested_keys');
  return value.map((key, index) => {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw refuse(`${label} attested_keys[${index}] is not a JWK`, 'List public JWKs in attested_keys');
    if ('d' in key || 'k' in key) throw refuse(`${label} attested_keys[${index}] contains private or symmetric key material`, 'List only public keys in attested_keys');
    return key as JWK;
  });
}

function checkRequired(member: 'key_storage' | 'user_authentication', asserted: string[], accepted: string[] | undefined, label: string): void {
  if (accepted === undefined || asserted.some((value) => accepted.includes(value))) return;
  throw refuse(
    `${label} ${member} ${JSON.stringify(asserted)} meets none of key_attestations_required.${member} ${JSON.stringify(accepted)}`,
    `Use keys whose ${member} is one of ${accepted.join(', ')}`,
  );
}

function checkNonce(nonce: unknown, policy: JwtProofNoncePolicy, label: string): void {
  if (nonce === undefined) {
    if (policy.required) throw refuse(`${label} has no nonce`, 'Put the c_nonce from the nonce endpoint into the key attestation nonce');
    return;
  }
  if (typeof nonce !== 'string' || policy.check(nonce) !== 'valid') throw refuse(`${label} nonce is not a current c_nonce of this issuer`, 'Fetch a fresh c_nonce from the nonce endpoint');
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function refuse(reason: string, help: string, cause?: unknown): ProtocolError {
  return invalidProof({ reason, help, specRef: SPEC_REF, cause });
}
