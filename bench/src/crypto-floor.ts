import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';

export interface CryptoFloor {
  signPerSecond: number;
  verifyPerSecond: number;
  signMicroseconds: number;
  verifyMicroseconds: number;
  /** The crypto an issuance cannot avoid, in CPU milliseconds. */
  issuanceMilliseconds: number;
  formula: string;
}

/**
 * The signatures a complete pre-authorized issuance has to check and make, whatever the design:
 * the DPoP proofs at /token, /credential and /notification (RFC 9449 Section 4.3) and the key proof
 * (OID4VCI 1.0 Appendix F.4) are verified; the access token and the credential are signed (an opaque
 * token would trade that signature for a store lookup, which costs more).
 */
export const issuanceCrypto = { verifications: 4, signatures: 2 } as const;

export function issuanceFloorMilliseconds(signMicroseconds: number, verifyMicroseconds: number): number {
  return (issuanceCrypto.verifications * verifyMicroseconds + issuanceCrypto.signatures * signMicroseconds) / 1000;
}

/**
 * ES256 sign and verify rates with node:crypto on one core of this machine, each measured for
 * `milliseconds` over a JWS-sized signing input with keys imported once. The time is split into
 * rounds and the fastest round counts: a floor is what the machine can do, and a neighbour's burst
 * on a shared core only ever makes a round slower.
 */
export function measureCryptoFloor(milliseconds: number): CryptoFloor {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = Buffer.from(randomBytes(300).toString('base64url'));
  const options = { dsaEncoding: 'ieee-p1363' } as const;
  const signature = sign('sha256', data, { key: privateKey, ...options });

  // A short run first so the rates do not include the first calls' set-up.
  rate(milliseconds / 10, () => sign('sha256', data, { key: privateKey, ...options }));
  const signPerSecond = fastestRound(milliseconds, () => sign('sha256', data, { key: privateKey, ...options }));
  const verifyPerSecond = fastestRound(milliseconds, () => {
    if (!verify('sha256', data, { key: publicKey, ...options }, signature)) throw new Error('ES256 self-check failed');
  });
  const signMicroseconds = 1e6 / signPerSecond;
  const verifyMicroseconds = 1e6 / verifyPerSecond;
  return {
    signPerSecond,
    verifyPerSecond,
    signMicroseconds,
    verifyMicroseconds,
    issuanceMilliseconds: issuanceFloorMilliseconds(signMicroseconds, verifyMicroseconds),
    formula: `${issuanceCrypto.verifications} ES256 verifications + ${issuanceCrypto.signatures} ES256 signatures`,
  };
}

function fastestRound(milliseconds: number, operation: () => void): number {
  const rounds = 5;
  return Math.max(...Array.from({ length: rounds }, () => rate(milliseconds / rounds, operation)));
}

/** Operations per second of CPU time, so a busy machine does not make crypto look slower than it is. */
function rate(milliseconds: number, operation: () => void): number {
  const startWall = performance.now();
  const startCpu = process.cpuUsage();
  let count = 0;
  while (performance.now() - startWall < milliseconds) {
    for (let i = 0; i < 20; i++) operation();
    count += 20;
  }
  const cpu = process.cpuUsage(startCpu);
  return count / ((cpu.user + cpu.system) / 1e6);
}
