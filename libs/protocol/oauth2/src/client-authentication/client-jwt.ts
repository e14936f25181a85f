import type { KeyObject } from 'node:crypto';
import { decodeJws, JwkError, JwsAlgError, JwsFormatError, jwsAlgorithm, verifyJwsSignature, type DecodedJws, type JWK } from '@issuer/crypto';
import { invalidClient, type ProtocolError } from '@issuer/protocol-errors';

/** RFC 6749 Section 5.2 and RFC 7521 Section 4.2.1: every client authentication failure is invalid_client. */
export function refuseClient(reason: string, help: string, specRef: string, cause?: unknown): ProtocolError {
  return invalidClient({ reason, help, specRef, cause });
}

export interface ClientJwtContext {
  /** How the reason names the JWT: its header field or form parameter. */
  label: string;
  specRef: string;
}

export function decodeClientJwt(value: string, { label, specRef }: ClientJwtContext, help: string): DecodedJws {
  try {
    return decodeJws(value);
  } catch (error) {
    if (error instanceof JwsFormatError) throw refuseClient(`${label} is not a compact JWT: ${error.message}`, help, specRef, error);
    throw error;
  }
}

/** RFC 8725 Section 3.1: a registered asymmetric alg, one of those this server accepts; `none` and MACs by name. */
export function checkClientJwtAlg(alg: unknown, allowedAlgs: readonly string[], { label, specRef }: ClientJwtContext): string {
  const help = `Sign the ${label} with an asymmetric algorithm, one of ${allowedAlgs.join(', ')}`;
  try {
    const { name } = jwsAlgorithm(alg);
    if (!allowedAlgs.includes(name)) throw refuseClient(`${label} alg ${name} is not one of the accepted ${allowedAlgs.join(', ')}`, help, specRef);
    return name;
  } catch (error) {
    if (error instanceof JwsAlgError) throw refuseClient(`${label} ${error.message}`, help, specRef, error);
    throw error;
  }
}

/** Checks the signature; `keyName` says in the reason which key it was checked with. */
export function checkClientJwtSignature(decoded: DecodedJws, key: KeyObject | JWK, keyName: string, help: string, { label, specRef }: ClientJwtContext): void {
  let verified: boolean;
  try {
    verified = verifyJwsSignature(decoded, key, decoded.header.alg);
  } catch (error) {
    if (error instanceof JwsAlgError || error instanceof JwkError) throw refuseClient(`${label} cannot be verified with ${keyName}: ${error.message}`, help, specRef, error);
    throw error;
  }
  if (!verified) throw refuseClient(`${label} signature does not verify with ${keyName}`, help, specRef);
}

/** RFC 7515 Section 4.1.11: extensions named in crit must be understood; this server understands none. */
export function refuseCrit(crit: unknown, context: ClientJwtContext): void {
  if (crit !== undefined) throw refuseClient(`${context.label} crit header ${JSON.stringify(crit)} names extensions this server does not process`, 'Leave out the crit header', 'RFC 7515 Section 4.1.11');
}

export function describeValue(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}
