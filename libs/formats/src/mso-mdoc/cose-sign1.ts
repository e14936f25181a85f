import { sign, type KeyObject } from 'node:crypto';
import { serverError } from '@issuer/protocol-errors';
import { encodeCbor } from './cbor.js';

// RFC 9053 Section 2.1: ECDSA algorithms, each with its hash and the curve ISO/IEC 18013-5 Table 22 pairs it with.
const COSE_ALGORITHMS: Record<string, { id: number; digest: string; namedCurve: string }> = {
  ES256: { id: -7, digest: 'sha256', namedCurve: 'prime256v1' },
  ES384: { id: -35, digest: 'sha384', namedCurve: 'secp384r1' },
  ES512: { id: -36, digest: 'sha512', namedCurve: 'secp521r1' },
};

// RFC 9052 Section 3.1 and RFC 9360 Section 2: header labels.
const HEADER_ALG = 1;
export const HEADER_X5CHAIN = 33;

export type CoseSign1 = [protectedHeader: Buffer, unprotectedHeader: Map<number, unknown>, payload: Buffer, signature: Buffer];

export interface CoseSign1Input {
  alg: string;
  privateKey: KeyObject;
  unprotectedHeader: Map<number, unknown>;
  payload: Buffer;
}

/**
 * An untagged COSE_Sign1 (RFC 9052 Section 4.2) with `alg` as the only protected header. The signature
 * covers Sig_structure ["Signature1", protected, external_aad = h'', payload] (Section 4.4) and is
 * r || s (RFC 9053 Section 2.1).
 */
export function signCoseSign1(input: CoseSign1Input): CoseSign1 {
  const algorithm = COSE_ALGORITHMS[input.alg];
  if (algorithm === undefined) {
    throw serverError({ reason: `mso_mdoc cannot be signed with ${input.alg}`, help: `Sign mdocs with one of ${Object.keys(COSE_ALGORITHMS).join(', ')} (HAIP 1.0 Section 7: ES256)` });
  }
  const namedCurve = input.privateKey.asymmetricKeyDetails?.namedCurve;
  if (namedCurve !== algorithm.namedCurve) {
    throw serverError({ reason: `the ${input.alg} signing key is on ${namedCurve ?? input.privateKey.asymmetricKeyType}, not ${algorithm.namedCurve}`, help: 'Configure a signing key whose curve matches its algorithm' });
  }
  const protectedHeader = encodeCbor(new Map([[HEADER_ALG, algorithm.id]]));
  const sigStructure = encodeCbor(['Signature1', protectedHeader, Buffer.alloc(0), input.payload]);
  const signature = sign(algorithm.digest, sigStructure, { key: input.privateKey, dsaEncoding: 'ieee-p1363' });
  return [protectedHeader, input.unprotectedHeader, input.payload, signature];
}
