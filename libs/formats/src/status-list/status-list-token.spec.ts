import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { createStatusList, setStatus } from './status-list.js';
import { signStatusListToken, STATUS_LIST_JWT_TYPE, type StatusListTokenInput } from './status-list-token.js';
import { StatusType } from './status-type.js';

const NOW = 1_780_000_000;
const URI = 'https://issuer.example.com/status-lists/3f0c';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');

function list() {
  const statusList = createStatusList(1024, 2);
  setStatus(statusList, 7, StatusType.INVALID);
  setStatus(statusList, 500, StatusType.SUSPENDED);
  setStatus(statusList, 1023, 3);
  return statusList;
}

const input = (overrides: Partial<StatusListTokenInput> = {}): StatusListTokenInput => ({
  list: list(),
  uri: URI,
  signingKey: { kid: 'status-key-1', alg: 'ES256', privateKey: ec.privateKey },
  now: NOW,
  ttl: 300,
  exp: NOW + 86_400,
  ...overrides,
});

describe('Status List Token in JWT format (Section 5.1)', () => {
  it('verifies with the public key, typ statuslist+jwt, carrying sub, iat, exp, ttl and the list', async () => {
    const token = signStatusListToken(input());

    const { payload, protectedHeader } = await jwtVerify(token, ec.publicKey, { typ: STATUS_LIST_JWT_TYPE, subject: URI, currentDate: new Date(NOW * 1000) });

    expect(protectedHeader).toEqual({ typ: 'statuslist+jwt', alg: 'ES256', kid: 'status-key-1' });
    expect(payload).toEqual({ sub: URI, iat: NOW, exp: NOW + 86_400, ttl: 300, status_list: { bits: 2, lst: expect.any(String) } });
  });

  it('is read by an independent implementation with the statuses that were set', () => {
    const statuses = getListFromStatusListJWT(signStatusListToken(input()));

    expect(statuses.getBitsPerStatus()).toBe(2);
    expect(statuses.getStatus(7)).toBe(StatusType.INVALID);
    expect(statuses.getStatus(500)).toBe(StatusType.SUSPENDED);
    expect(statuses.getStatus(1023)).toBe(3);
    expect(statuses.getStatus(8)).toBe(StatusType.VALID);
    expect(statuses.statusList).toHaveLength(1024);
  });

  it('is refused with another key and with another expected typ', async () => {
    const token = signStatusListToken(input());
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });

    await expect(jwtVerify(token, other.publicKey, { currentDate: new Date(NOW * 1000) })).rejects.toThrow('signature verification failed');
    await expect(jwtVerify(token, ec.publicKey, { typ: 'dc+sd-jwt', currentDate: new Date(NOW * 1000) })).rejects.toThrow('"typ"');
  });

  it('puts the certificate chain in x5c when the key has one', () => {
    const token = signStatusListToken(input({ signingKey: { kid: 'status-key-1', alg: 'ES256', privateKey: ec.privateKey, x5c: ['MIIBleaf', 'MIIBca'] } }));
    expect(decodeProtectedHeader(token).x5c).toEqual(['MIIBleaf', 'MIIBca']);
  });

  it('leaves exp out when none is given and signs with EdDSA keys too', async () => {
    const token = signStatusListToken(input({ exp: undefined, signingKey: { kid: 'ed-1', alg: 'EdDSA', privateKey: ed.privateKey } }));
    const { payload, protectedHeader } = await jwtVerify(token, ed.publicKey, { typ: STATUS_LIST_JWT_TYPE });
    expect(payload).not.toHaveProperty('exp');
    expect(protectedHeader.alg).toBe('EdDSA');
  });

  it('refuses a ttl that is not positive and an exp not after iat', () => {
    expect(() => signStatusListToken(input({ ttl: 0 }))).toThrow('ttl must be a positive number');
    expect(() => signStatusListToken(input({ exp: NOW }))).toThrow('is not after iat');
  });
});
