import type { JWK } from 'jose';
import { serverError } from '@issuer/protocol-errors';

// RFC 9053 Section 7.1: EC2 curves, with the coordinate length of each.
const EC2_CURVES: Record<string, { crv: number; length: number }> = {
  'P-256': { crv: 1, length: 32 },
  'P-384': { crv: 2, length: 48 },
  'P-521': { crv: 3, length: 66 },
};

/**
 * The holder key as COSE_Key (RFC 9052 Section 7) for deviceKeyInfo.deviceKey: kty 2 (EC2) with
 * crv (-1), x (-2) and y (-3) as byte strings (RFC 9053 Section 7.1.1).
 */
export function coseKeyFromJwk(jwk: JWK): Map<number, number | Buffer> {
  const curve = jwk.kty === 'EC' && typeof jwk.crv === 'string' ? EC2_CURVES[jwk.crv] : undefined;
  const x = typeof jwk.x === 'string' ? Buffer.from(jwk.x, 'base64url') : undefined;
  const y = typeof jwk.y === 'string' ? Buffer.from(jwk.y, 'base64url') : undefined;
  if (curve === undefined || x?.length !== curve.length || y?.length !== curve.length) {
    throw serverError({
      reason: `the holder key (kty ${String(jwk.kty)}, crv ${String(jwk.crv)}) cannot be an mdoc device key`,
      help: `Bind mso_mdoc credentials to an EC key on ${Object.keys(EC2_CURVES).join(', ')}`,
    });
  }
  return new Map<number, number | Buffer>([
    [1, 2],
    [-1, curve.crv],
    [-2, x],
    [-3, y],
  ]);
}
