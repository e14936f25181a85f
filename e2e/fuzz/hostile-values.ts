import { createHmac, generateKeyPairSync } from 'node:crypto';
import { signCompactJws } from '@issuer/testing';
import fc from 'fast-check';

const attackerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const attackerPublicJwk = attackerKey.publicKey.export({ format: 'jwk' });
const attackerPrivateJwk = attackerKey.privateKey.export({ format: 'jwk' });

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** Strings a parser trips on: control and bidi characters, lone surrogates, NUL, lookalikes. */
export const shortHostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 64 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 32 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 32 }), weight: 2 },
  { arbitrary: fc.constantFrom('', ' ', '\u0000', '\u202e', '\ud800', '\ufeff', '%00', '%', '../../etc/passwd', '${jndi:x}', '__proto__', 'constructor', 'null', 'NaN', '-1', '1e309', 'ＤＰｏＰ', 'Ꭰ'), weight: 2 },
);

/** Runs from 1 KiB to beyond the body limit. */
export const oversizedString: fc.Arbitrary<string> = fc.integer({ min: 1024, max: 300_000 }).map((length) => 'A'.repeat(length));

// Oversized values are rare, so most requests stay under the header and body limits and reach the checks behind them.
export const hostileString: fc.Arbitrary<string> = fc.oneof({ arbitrary: shortHostileString, weight: 10 }, { arbitrary: oversizedString, weight: 1 });

/** JSON values of any shape, including prototype-pollution keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'proofs', 'proof', 'credential_configuration_id'), fc.jsonValue({ maxDepth: 2 })),
);

/** JSON text nested thousands of levels deep: a recursive parser or validator must not overflow. */
export const deeplyNestedJson: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 500, max: 100_000 }), fc.constantFrom(['[', ']'], ['{"a":', '}']))
  .map(([depth, [open, close]]) => `${open!.repeat(depth)}${open === '[' ? '' : '1'}${close!.repeat(depth)}`);

const jwtHeaderTyp = fc.constantFrom('dpop+jwt', 'openid4vci-proof+jwt', 'key-attestation+jwt', 'JWT', undefined);
const claimSet = fc.record(
  {
    iss: shortHostileString,
    aud: fc.oneof(shortHostileString, fc.array(shortHostileString, { maxLength: 3 })),
    iat: fc.oneof(fc.integer(), shortHostileString),
    nonce: shortHostileString,
    htm: shortHostileString,
    htu: shortHostileString,
    jti: shortHostileString,
  },
  { requiredKeys: [] },
);

/**
 * JWTs built to confuse a verifier: alg none, HS256 keyed with the public key it embeds, a private
 * key in `jwk`, garbage `x5c`, a `kid` that is no DID, oversized claims, and random segments.
 */
export const hostileJwt: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(jwtHeaderTyp, claimSet).map(([typ, claims]) => `${b64url(JSON.stringify({ alg: 'none', typ }))}.${b64url(JSON.stringify(claims))}.`),
  fc.tuple(jwtHeaderTyp, claimSet).map(([typ, claims]) => {
    const input = `${b64url(JSON.stringify({ alg: 'HS256', typ, jwk: attackerPublicJwk }))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${createHmac('sha256', JSON.stringify(attackerPublicJwk)).update(input).digest('base64url')}`;
  }),
  fc.tuple(jwtHeaderTyp, claimSet).map(([typ, claims]) => signCompactJws({ alg: 'ES256', typ, jwk: attackerPrivateJwk }, claims, attackerKey.privateKey)),
  fc.tuple(jwtHeaderTyp, claimSet, fc.array(fc.oneof(shortHostileString, fc.base64String({ maxLength: 200 })), { maxLength: 3 })).map(([typ, claims, x5c]) =>
    signCompactJws({ alg: 'ES256', typ, x5c }, claims, attackerKey.privateKey),
  ),
  fc.tuple(jwtHeaderTyp, claimSet, shortHostileString).map(([typ, claims, kid]) => signCompactJws({ alg: 'ES256', typ, kid }, claims, attackerKey.privateKey)),
  fc.tuple(jwtHeaderTyp, fc.constantFrom('ES256', 'RS256', 'EdDSA', 'ES256K', 'none', 'HS512', 'A128KW'), fc.jsonValue({ maxDepth: 3 })).map(([typ, alg, jwk]) =>
    signCompactJws({ alg, typ, jwk }, { iat: Math.floor(Date.now() / 1000) }, attackerKey.privateKey),
  ),
  fc.tuple(shortHostileString, shortHostileString, shortHostileString).map(([a, b, c]) => `${b64url(a)}.${b64url(b)}.${b64url(c)}`),
  fc.array(shortHostileString, { maxLength: 6 }).map((parts) => parts.join('.')),
);

export const hostileContentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'application/jwt',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json, application/json',
      '*/*',
    ),
    weight: 2,
  },
);
