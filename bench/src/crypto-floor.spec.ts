import { describe, expect, it } from '@jest/globals';
import { issuanceCrypto, issuanceFloorMilliseconds, measureCryptoFloor } from './crypto-floor.js';

describe('crypto floor', () => {
  it('costs an issuance 4 verifications and 2 signatures', () => {
    expect(issuanceCrypto).toEqual({ verifications: 4, signatures: 2 });
    expect(issuanceFloorMilliseconds(50, 100)).toBeCloseTo(0.5);
  });

  it('measures positive, consistent rates', () => {
    const floor = measureCryptoFloor(100);
    expect(floor.signPerSecond).toBeGreaterThan(100);
    expect(floor.verifyPerSecond).toBeGreaterThan(100);
    expect(floor.signMicroseconds).toBeCloseTo(1e6 / floor.signPerSecond);
    expect(floor.issuanceMilliseconds).toBeCloseTo(issuanceFloorMilliseconds(floor.signMicroseconds, floor.verifyMicroseconds));
  });
});
