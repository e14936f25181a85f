import { describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { signJwt, type JsonObject } from '@issuer/crypto';
import { invalidClient } from '@issuer/protocol-errors';
import { createWalletKey, protocolErrorOfAsync, signCompactJws } from '@issuer/testing';
import { JWT_BEARER_CLIENT_ASSERTION_TYPE } from './client-authentication-method.js';
import { resolveDidClientKey } from './resolve-did-client-key.js';
import { verifyClientAssertion, type VerifyClientAssertionInput } from './verify-client-assertion.js';

const NOW = 1_760_000_000;
const AS = 'https://issuer.example.com';
const TOKEN_ENDPOINT = `${AS}/token`;
const client = createWalletKey();
const stranger = createWalletKey();
const CLIENT_ID = `did:jwk:${Buffer.from(JSON.stringify(client.publicJwk)).toString('base64url')}`;

type Members = Record<string, unknown>;

function assertion(payload: Members = {}, header: Members = {}, key = client.privateKey): string {
  const claims = Object.fromEntries(Object.entries({ iss: CLIENT_ID, sub: CLIENT_ID, aud: AS, exp: NOW + 300, iat: NOW, jti: 'assertion-1', ...payload }).filter(([, value]) => value !== undefined));
  return signCompactJws({ alg: 'ES256', kid: `${CLIENT_ID}#0`, ...header }, claims, key);
}

function input(overrides: Partial<VerifyClientAssertionInput> = {}): VerifyClientAssertionInput {
  return {
    clientAssertionType: JWT_BEARER_CLIENT_ASSERTION_TYPE,
    clientAssertion: assertion(),
    audiences: [AS, TOKEN_ENDPOINT],
    now: NOW,
    resolveKey: resolveDidClientKey,
    ...overrides,
  };
}

describe('verifyClientAssertion (private_key_jwt, RFC 7523 Section 3)', () => {
  it('accepts an assertion signed with the key its did:jwk client_id names, and returns its jti for the replay check', async () => {
    await expect(verifyClientAssertion(input())).resolves.toEqual({ clientId: CLIENT_ID, jti: 'assertion-1', expiresAt: NOW + 300, alg: 'ES256', kid: `${CLIENT_ID}#0` });
  });

  it('accepts the token endpoint as aud and a matching client_id, with the key the caller resolves for the client', async () => {
    const seen: Array<[string, unknown]> = [];
    const resolveKey = async (clientId: string, header: JsonObject) => {
      seen.push([clientId, header.kid]);
      return clientId === 'wallet-client' ? client.publicJwk : undefined;
    };
    const registered = assertion({ iss: 'wallet-client', sub: 'wallet-client', aud: [TOKEN_ENDPOINT] }, { kid: 'k1' });
    const verified = await verifyClientAssertion(input({ clientAssertion: registered, clientId: 'wallet-client', resolveKey }));
    expect(verified).toMatchObject({ clientId: 'wallet-client', kid: 'k1' });
    expect(seen).toEqual([['wallet-client', 'k1']]);
  });

  it('verifies with a KeyObject the caller resolves, and refuses when it is another key', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    await expect(verifyClientAssertion(input({ resolveKey: () => createPublicKey(client.privateKey) }))).resolves.toMatchObject({ clientId: CLIENT_ID });
    await expect(verifyClientAssertion(input({ resolveKey: () => other }))).rejects.toMatchObject({ error: 'invalid_client', reason: expect.stringContaining('signature does not verify') });
  });

  describe('refuses with invalid_client', () => {
    const signedWithRs = signJwt({ header: { alg: 'RS256' }, payload: { iss: CLIENT_ID, sub: CLIENT_ID, aud: AS, exp: NOW + 60, jti: 'x' } }, { privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    const cases: Array<[string, Partial<VerifyClientAssertionInput>, string, string]> = [
      ['no client_assertion_type', { clientAssertionType: undefined }, 'client_assertion was sent without client_assertion_type', 'RFC 7521 Section 4.2'],
      ['another assertion type', { clientAssertionType: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' }, 'client_assertion_type "urn:ietf:params:oauth:client-assertion-type:saml2-bearer" is not supported', 'RFC 7523 Section 2.2'],
      ['no client_assertion', { clientAssertion: undefined }, 'client_assertion_type was sent without client_assertion', 'RFC 7521 Section 4.2'],
      ['not a JWT', { clientAssertion: 'abc.def' }, 'client_assertion is not a compact JWT', 'RFC 7523 Section 3'],
      ['bad signature', { clientAssertion: assertion({}, {}, stranger.privateKey) }, `client_assertion signature does not verify with the key of client "${CLIENT_ID}"`, 'RFC 7523 Section 3 item 7'],
      ['alg that does not fit the key', { clientAssertion: signedWithRs }, 'client_assertion cannot be verified with the key of client', 'RFC 7523 Section 3 item 7'],
      ['alg HS256', { clientAssertion: assertion({}, { alg: 'HS256' }) }, 'client_assertion alg "HS256" is a MAC', 'RFC 7523 Section 3'],
      ['alg not accepted', { allowedAlgs: ['EdDSA'] }, 'client_assertion alg ES256 is not one of the accepted EdDSA', 'RFC 7523 Section 3'],
      ['no iss', { clientAssertion: assertion({ iss: undefined }) }, 'client_assertion iss must be your client_id, got missing', 'RFC 7523 Section 3'],
      ['sub other than iss', { clientAssertion: assertion({ sub: 'someone-else' }) }, 'client_assertion sub "someone-else" is not its iss', 'RFC 7523 Section 3'],
      ['client_id other than iss', { clientId: 'another-client' }, `client_id "another-client" is not the client_assertion iss "${CLIENT_ID}"`, 'RFC 7521 Section 4.2'],
      ['wrong aud', { clientAssertion: assertion({ aud: 'https://other.example.com/token' }) }, 'client_assertion aud "https://other.example.com/token" names none of "https://issuer.example.com", "https://issuer.example.com/token"', 'RFC 7523 Section 3 item 3'],
      ['no exp', { clientAssertion: assertion({ exp: undefined }) }, 'client_assertion has no exp claim', 'RFC 7523 Section 3 item 4'],
      ['exp in past', { clientAssertion: assertion({ exp: NOW - 61 }) }, `client_assertion expired: exp ${NOW - 61}`, 'RFC 7523 Section 3 item 4'],
      ['exp too far ahead', { clientAssertion: assertion({ exp: NOW + 7200 }), maxLifetimeSeconds: 600 }, 'client_assertion exp', 'RFC 7523 Section 3 item 4'],
      ['nbf ahead', { clientAssertion: assertion({ nbf: NOW + 600 }) }, 'client_assertion is not valid before nbf', 'RFC 7523 Section 3 item 5'],
      ['iat ahead', { clientAssertion: assertion({ iat: NOW + 600 }) }, 'client_assertion iat', 'RFC 7523 Section 3 item 6'],
      ['no jti', { clientAssertion: assertion({ jti: undefined }) }, 'client_assertion jti must be a non-empty string, got missing', 'OpenID Connect Core 1.0 Section 9'],
      ['unknown client', { clientAssertion: assertion({ iss: 'unregistered', sub: 'unregistered' }) }, 'no public key is known for client "unregistered" and kid', 'RFC 7523 Section 3'],
      ['kid of another DID', { clientAssertion: assertion({}, { kid: 'did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv#key' }) }, 'is not a DID URL of the client', 'RFC 7523 Section 3'],
      ['crit header', { clientAssertion: assertion({}, { crit: ['exp'] }) }, 'client_assertion crit header ["exp"]', 'RFC 7515 Section 4.1.11'],
    ];

    it.each(cases)('%s', async (_name, overrides, reason, specRef) => {
      const error = await protocolErrorOfAsync(() => verifyClientAssertion(input(overrides)));
      expect({ error: error.error, status: error.status }).toEqual({ error: 'invalid_client', status: 401 });
      expect(error.reason).toContain(reason);
      expect(error.specRef).toBe(specRef);
      expect(error.help.length).toBeGreaterThan(10);
    });

    it('passes on a refusal of the key resolver', async () => {
      const refusal = invalidClient({ reason: 'client wallet-client is suspended', help: 'Ask the operator', specRef: 'RFC 6749 Section 5.2' });
      const error = await protocolErrorOfAsync(() => verifyClientAssertion(input({ resolveKey: () => Promise.reject(refusal) })));
      expect(error).toBe(refusal);
    });
  });
});

describe('resolveDidClientKey (EBSI: client_id as did:key or did:jwk)', () => {
  it('resolves the key from the client_id, with or without a kid of the same DID', () => {
    expect(resolveDidClientKey(CLIENT_ID, {})).toEqual(client.publicJwk);
    expect(resolveDidClientKey(CLIENT_ID, { kid: `${CLIENT_ID}#0` })).toEqual(client.publicJwk);
  });

  it('leaves other client_ids to the caller', () => {
    expect(resolveDidClientKey('https://wallet.example.org', { kid: 'k1' })).toBeUndefined();
  });

  it('refuses a client_id that names no usable key', async () => {
    const error = await protocolErrorOfAsync(async () => resolveDidClientKey('did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc', {}));
    expect(error).toMatchObject({ error: 'invalid_client', reason: expect.stringContaining('names no usable key: did:key holds a key type other than P-256') });
  });
});
