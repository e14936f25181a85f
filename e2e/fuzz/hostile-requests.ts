import fc from 'fast-check';
import { deeplyNestedJson, hostileContentType, hostileJson, hostileJwt, hostileString, oversizedString, shortHostileString } from './hostile-values.js';

/**
 * A request as an attacker shapes it. `credentials` says which of the suite's real credentials the
 * runner adds (a fresh DPoP proof is minted per request, so the hostile part reaches past the
 * authentication checks); a hostile `authorization` or `dpop` header replaces the real one.
 */
export interface HostileRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
  credentials: 'none' | 'access-token' | 'admin-key';
}

const GRANT_PARAMETERS = ['grant_type', 'pre-authorized_code', 'tx_code', 'code', 'code_verifier', 'redirect_uri', 'client_id', 'refresh_token', 'scope', 'authorization_details', 'resource'];
const PAR_PARAMETERS = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope', 'authorization_details', 'issuer_state', 'request', 'request_uri', 'dpop_jkt'];
const GRANT_TYPES = ['urn:ietf:params:oauth:grant-type:pre-authorized_code', 'authorization_code', 'refresh_token', 'client_credentials', 'password'];

/** Header values as a socket carries them: Latin-1 without CR, LF or NUL (fetch refuses anything else). */
export function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, (character) => `%u${character.charCodeAt(0).toString(16)}`);
}

/** Form parameters with repeats, unknown names and hostile values (RFC 6749 Section 3.1: no parameter more than once). */
function hostileForm(names: string[], knownValues: string[], strings = hostileString): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...names), strings);
  const value = fc.oneof(fc.constantFrom(...knownValues), strings, hostileJwt, hostileJson.map((json) => JSON.stringify(json)));
  return fc.array(fc.tuple(name, value), { maxLength: 12 }).map((pairs) => new URLSearchParams(pairs).toString());
}

const jsonBody: fc.Arbitrary<string> = fc.oneof(
  hostileJson.map((json) => JSON.stringify(json)),
  deeplyNestedJson,
  hostileString,
  fc.constantFrom('{', '{"a":1,"a":2}', '[]', 'null', '"x"', '1e999', '{"proofs":{"jwt":null}}'),
);

const credentialRequestBody: fc.Arbitrary<string> = fc.oneof(
  jsonBody,
  fc
    .record(
      {
        credential_configuration_id: fc.oneof(fc.constantFrom('eu.europa.ec.eudi.pid_vc_sd_jwt', 'eu.europa.ec.eudi.pid_mso_mdoc'), hostileString, hostileJson),
        credential_identifier: fc.oneof(hostileString, hostileJson),
        proof: fc.record({ proof_type: fc.oneof(fc.constantFrom('jwt', 'attestation', 'cwt', 'ldp_vp'), hostileString), jwt: hostileJwt }, { requiredKeys: [] }),
        proofs: fc.oneof(
          fc.record({ jwt: fc.array(hostileJwt, { maxLength: 20 }) }),
          fc.record({ attestation: fc.array(hostileJwt, { maxLength: 3 }) }),
          fc.dictionary(hostileString, hostileJson, { maxKeys: 3 }),
          hostileJson,
        ),
        credential_response_encryption: fc.oneof(hostileJson, fc.record({ jwk: hostileJson, enc: hostileString, zip: hostileString }, { requiredKeys: [] })),
        transaction_id: hostileString,
        notification_id: hostileString,
        event: fc.oneof(fc.constantFrom('credential_accepted', 'credential_failure', 'credential_deleted'), hostileString),
      },
      { requiredKeys: [] },
    )
    .map((request) => JSON.stringify(request)),
  hostileJwt,
);

const optionalHeaders = (entries: Record<string, fc.Arbitrary<string | undefined>>) =>
  fc.record(entries, { requiredKeys: [] }).map((headers) => Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined).map(([key, value]) => [key, headerSafe(value)])));

const protocolHeaders = optionalHeaders({
  'content-type': hostileContentType,
  dpop: fc.oneof(hostileJwt, shortHostileString),
  authorization: fc.oneof(shortHostileString, hostileJwt.map((jwt) => `DPoP ${jwt}`), shortHostileString.map((token) => `Bearer ${token}`)),
  'oauth-client-attestation': hostileJwt,
  'oauth-client-attestation-pop': hostileJwt,
  'x-forwarded-host': shortHostileString,
  traceparent: shortHostileString,
  'accept-language': shortHostileString,
  // Now and then beyond the server's header size limit.
  'x-padding': fc.oneof({ arbitrary: shortHostileString, weight: 9 }, { arbitrary: oversizedString, weight: 1 }),
});

const contentTypeOnly = optionalHeaders({ 'content-type': hostileContentType });

const pathSegment = hostileString.map((segment) => encodeURIComponent(segment.replace(/[\ud800-\udfff]/g, '?')));

const post = (path: fc.Arbitrary<string>, body: fc.Arbitrary<string>, headers: fc.Arbitrary<Record<string, string>>, credentials: HostileRequest['credentials']) =>
  fc.record({ path, body, headers }).map((request): HostileRequest => ({ method: 'POST', credentials, ...request }));

const get = (path: fc.Arbitrary<string>, credentials: HostileRequest['credentials']) =>
  fc.record({ path, headers: protocolHeaders }).map((request): HostileRequest => ({ method: 'GET', credentials, ...request }));

/** Every public endpoint, by the part of the platform that owns it; each arbitrary yields one request. */
export const hostileRequests: Record<string, fc.Arbitrary<HostileRequest>> = {
  token: post(fc.constant('/token'), hostileForm(GRANT_PARAMETERS, GRANT_TYPES), protocolHeaders, 'none'),
  par: post(fc.constant('/par'), hostileForm(PAR_PARAMETERS, ['code', 'S256', 'plain', 'openid']), protocolHeaders, 'none'),
  authorize: get(hostileForm(PAR_PARAMETERS, ['code', 'urn:ietf:params:oauth:request_uri:x'], shortHostileString).map((query) => `/authorize?${query}`), 'none'),
  nonce: post(fc.constant('/nonce'), jsonBody, protocolHeaders, 'none'),
  credential: post(fc.constant('/credential'), credentialRequestBody, contentTypeOnly, 'access-token'),
  credentialUnauthenticated: post(fc.constant('/credential'), credentialRequestBody, protocolHeaders, 'none'),
  deferredCredential: post(fc.constant('/deferred_credential'), credentialRequestBody, contentTypeOnly, 'access-token'),
  notification: post(fc.constant('/notification'), credentialRequestBody, contentTypeOnly, 'access-token'),
  credentialOffer: get(pathSegment.map((id) => `/credential-offers/${id}`), 'none'),
  statusList: get(pathSegment.map((id) => `/status-lists/${id}`), 'none'),
  typeMetadata: get(pathSegment.map((id) => `/vct/${id}`), 'none'),
  metadata: get(
    fc.tuple(fc.constantFrom('/.well-known/openid-credential-issuer', '/.well-known/oauth-authorization-server', '/.well-known/jwt-vc-issuer', '/jwks'), fc.oneof(fc.constant(''), pathSegment)).map(([path, suffix]) => `${path}${suffix ? `/${suffix}` : ''}`),
    'none',
  ),
  adminCreateIssuance: post(fc.constant('/admin/v1/issuances'), jsonBody, contentTypeOnly, 'admin-key'),
  adminIssuance: get(pathSegment.map((id) => `/admin/v1/issuances/${id}`), 'admin-key'),
  adminSession: get(pathSegment.map((id) => `/admin/v1/sessions/${id}`), 'admin-key'),
  adminUnauthenticated: fc
    .record({ path: fc.constantFrom('/admin/v1/issuances', '/admin/v1/webhooks', '/admin/v1/api-keys', '/admin/v1/sessions/x'), method: fc.constantFrom('GET' as const, 'POST' as const), headers: protocolHeaders, body: jsonBody })
    .map(({ method, body, ...request }): HostileRequest => ({ ...request, method, credentials: 'none', ...(method === 'POST' && { body }) })),
};
