import { decodeJsonPart } from '@issuer/crypto';
import { describeMdoc } from './describe-mdoc.js';
import { describeSdJwt } from './describe-sd-jwt.js';

/**
 * An issued credential, decoded for the session timeline whatever its format: an SD-JWT (it has a
 * `~`), a JWT, an mdoc (base64url CBOR), or a JSON-LD credential shown as it is. Never throws: a
 * credential this cannot read is described as such.
 */
export function describeIssuedCredential(credential: unknown): Record<string, unknown> {
  if (typeof credential !== 'string') return { format: 'json', credential };
  try {
    if (credential.includes('~')) return { format: 'sd-jwt', ...describeSdJwt(credential) };
    const parts = credential.split('.');
    if (parts.length === 3) return { format: 'jwt', header: decodeJsonPart(parts[0]), payload: decodeJsonPart(parts[1]), signature_length: parts[2]?.length ?? 0 };
    return { format: 'mdoc', ...describeMdoc(credential) };
  } catch (error) {
    return { format: 'unknown', error: `could not decode: ${error instanceof Error ? error.message : String(error)}`, length: credential.length };
  }
}
