import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { baseUrl } from '../support/issuer-api.js';

/** The types of the jwt_vc_json configuration in e2e/fixtures: EBSI's conformance credential. */
export const EBSI_TYPES = ['VerifiableCredential', 'VerifiableAttestation', 'CTWalletSameInTime'];

/** Verifies a jwt_vc_json credential with jose and the issuer keys a verifier finds at /.well-known/jwt-vc-issuer. */
export async function verifyJwtVcJson(credential: string, issuer = baseUrl()) {
  const { jwks } = (await (await fetch(`${issuer}/.well-known/jwt-vc-issuer`)).json()) as { jwks: { keys: JWK[] } };
  return jwtVerify(credential, createLocalJWKSet({ keys: jwks.keys }), { issuer, typ: 'JWT' });
}
