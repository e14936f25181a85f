import { constants, type KeyObject } from 'node:crypto';
import { JwsAlgError } from './crypto-errors.js';

export interface JwsAlgorithm {
  name: string;
  /** Digest given to node:crypto; null where the scheme hashes itself (EdDSA). */
  digest: 'sha256' | 'sha384' | 'sha512' | null;
  /** `KeyObject.asymmetricKeyType` values that may carry this algorithm. */
  keyTypes: readonly string[];
  /** OpenSSL curve name, for the EC algorithms. */
  namedCurve?: string;
  /** RFC 7518 Section 3.4: R || S, fixed length. */
  signatureLength?: number;
  padding?: number;
  saltLength?: number;
}

const RSA_MIN_MODULUS_BITS = 2048;

const ALGORITHMS: Record<string, JwsAlgorithm> = {
  ES256: { name: 'ES256', digest: 'sha256', keyTypes: ['ec'], namedCurve: 'prime256v1', signatureLength: 64 },
  ES384: { name: 'ES384', digest: 'sha384', keyTypes: ['ec'], namedCurve: 'secp384r1', signatureLength: 96 },
  ES512: { name: 'ES512', digest: 'sha512', keyTypes: ['ec'], namedCurve: 'secp521r1', signatureLength: 132 },
  EdDSA: { name: 'EdDSA', digest: null, keyTypes: ['ed25519', 'ed448'] },
  // RFC 9864 Section 2.2: fully specified EdDSA.
  Ed25519: { name: 'Ed25519', digest: null, keyTypes: ['ed25519'] },
  RS256: { name: 'RS256', digest: 'sha256', keyTypes: ['rsa'], padding: constants.RSA_PKCS1_PADDING },
  RS384: { name: 'RS384', digest: 'sha384', keyTypes: ['rsa'], padding: constants.RSA_PKCS1_PADDING },
  RS512: { name: 'RS512', digest: 'sha512', keyTypes: ['rsa'], padding: constants.RSA_PKCS1_PADDING },
  PS256: { name: 'PS256', digest: 'sha256', keyTypes: ['rsa', 'rsa-pss'], padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
  PS384: { name: 'PS384', digest: 'sha384', keyTypes: ['rsa', 'rsa-pss'], padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
  PS512: { name: 'PS512', digest: 'sha512', keyTypes: ['rsa', 'rsa-pss'], padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 },
};

/** Every asymmetric JWS `alg` this platform can verify and sign. */
export const SUPPORTED_JWS_ALGS: readonly string[] = Object.freeze(Object.keys(ALGORITHMS));

const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/**
 * RFC 8725 Section 3.1 and RFC 9449 Section 4.3: only registered asymmetric algorithms; `none` and
 * MACs are refused by name so the caller can say which rule was broken.
 */
export function jwsAlgorithm(alg: unknown): JwsAlgorithm {
  if (alg === undefined) throw new JwsAlgError('ERR_JWS_ALG_MISSING', 'alg is missing');
  if (typeof alg !== 'string') throw new JwsAlgError('ERR_JWS_ALG_UNSUPPORTED', `alg must be a string, got ${typeof alg}`);
  if (alg.toLowerCase() === 'none') throw new JwsAlgError('ERR_JWS_ALG_NONE', `alg "${alg}" means an unsigned JWT`);
  if (/^HS\d+$/.test(alg)) throw new JwsAlgError('ERR_JWS_ALG_SYMMETRIC', `alg "${alg}" is a MAC, not an asymmetric signature`);
  const algorithm = Object.hasOwn(ALGORITHMS, alg) ? ALGORITHMS[alg] : undefined;
  if (algorithm === undefined) throw new JwsAlgError('ERR_JWS_ALG_UNSUPPORTED', `alg "${alg}" is not one of ${SUPPORTED_JWS_ALGS.join(', ')}`);
  return algorithm;
}

export function assertKeyFitsAlgorithm(key: KeyObject, algorithm: JwsAlgorithm): void {
  const keyType = key.asymmetricKeyType ?? 'secret';
  if (!algorithm.keyTypes.includes(keyType)) {
    throw new JwsAlgError('ERR_JWS_ALG_KEY_MISMATCH', `alg ${algorithm.name} needs key type ${algorithm.keyTypes.join(' or ')}, got ${keyType}`);
  }
  if (algorithm.namedCurve !== undefined) {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve !== algorithm.namedCurve) {
      throw new JwsAlgError('ERR_JWS_ALG_KEY_MISMATCH', `alg ${algorithm.name} needs curve ${curveName(algorithm.namedCurve)}, got ${curve === undefined ? 'none' : curveName(curve)}`);
    }
  }
  if (keyType === 'rsa' || keyType === 'rsa-pss') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    // RFC 7518 Section 3.3: a key of size 2048 bits or larger MUST be used.
    if (bits < RSA_MIN_MODULUS_BITS) throw new JwsAlgError('ERR_JWS_ALG_KEY_MISMATCH', `RSA key has ${bits} bits, at least ${RSA_MIN_MODULUS_BITS} are required`);
  }
}

/** The `alg` a signing key implies: ES256/ES384/ES512 by curve, EdDSA, or RS256 for RSA keys. */
export function algorithmForKey(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const alg = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' }[key.asymmetricKeyDetails?.namedCurve ?? ''];
      if (alg !== undefined) return alg;
      break;
    }
    case 'ed25519':
    case 'ed448':
      return 'EdDSA';
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
  }
  throw new JwsAlgError('ERR_JWS_ALG_UNSUPPORTED', `no JWS alg for a ${key.asymmetricKeyType ?? 'secret'} key${key.asymmetricKeyDetails?.namedCurve ? ` on ${key.asymmetricKeyDetails.namedCurve}` : ''}`);
}

function curveName(namedCurve: string): string {
  return CURVE_NAMES[namedCurve] ?? namedCurve;
}
