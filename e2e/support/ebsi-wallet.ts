import { expect } from '@jest/globals';
import { createHolderIdToken, createJwtProof, createPkcePair, createWalletKey, didKeyJcsOf, type PkcePair, type WalletKey } from '@issuer/testing';
import { createLocalJWKSet, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { send, type HttpResult } from './wallet.js';

/** EBSI's conformance wallets: their own SIOP endpoint, announced in client_metadata. */
export const EBSI_REDIRECT_URI = 'openid://';
export const EBSI_CLIENT_METADATA = JSON.stringify({
  authorization_endpoint: 'openid://',
  response_types_supported: ['vp_token', 'id_token'],
  scopes_supported: ['openid'],
  subject_types_supported: ['public'],
  id_token_signing_alg_values_supported: ['ES256'],
  subject_syntax_types_supported: ['urn:ietf:params:oauth:jwk-thumbprint', 'did:key:jwk_jcs-pub'],
});

/** The ID Token Request as the wallet's authorization_endpoint receives it. */
export interface ReceivedIdTokenRequest {
  location: URL;
  parameters: Record<string, string>;
  /** The request object, verified with the issuer's /jwks. */
  requestObject: JWTPayload;
}

/**
 * An EBSI v4 natural-person wallet: a did:key (jwk_jcs-pub) client_id, openid:// redirects, an
 * authorization request with client_metadata and a nonce, the ID Token signed with the DID key.
 */
export class EbsiWallet {
  readonly key: WalletKey = createWalletKey();
  readonly did = didKeyJcsOf(this.key);
  readonly pkce: PkcePair = createPkcePair();
  readonly state = `state-${Math.random().toString(36).slice(2)}`;
  readonly nonce = `nonce-${Math.random().toString(36).slice(2)}`;

  constructor(readonly issuer: string) {}

  authorizationParameters(extra: Record<string, string | undefined> = {}): Record<string, string> {
    const parameters: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: this.did,
      redirect_uri: EBSI_REDIRECT_URI,
      scope: 'openid',
      state: this.state,
      nonce: this.nonce,
      code_challenge: this.pkce.code_challenge,
      code_challenge_method: 'S256',
      client_metadata: EBSI_CLIENT_METADATA,
      ...extra,
    };
    return Object.fromEntries(Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined));
  }

  /** The authorization request as EBSI wallets send it: a plain GET to /authorize. */
  authorizePlain(extra: Record<string, string | undefined> = {}): Promise<Response> {
    return fetch(`${this.issuer}/authorize?${new URLSearchParams(this.authorizationParameters(extra))}`, { redirect: 'manual' });
  }

  /** The same request pushed first (RFC 9126), then the request_uri opened at /authorize. */
  async authorizePushed(extra: Record<string, string | undefined> = {}): Promise<Response> {
    const pushed = await send('/par', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(this.authorizationParameters(extra)).toString() }, this.issuer);
    expect(pushed.status).toBe(201);
    return fetch(`${this.issuer}/authorize?${new URLSearchParams({ client_id: this.did, request_uri: pushed.body['request_uri'] as string })}`, { redirect: 'manual' });
  }

  /** The ID Token Request the issuer redirected to, with its request object checked against the issuer's keys. */
  async receiveIdTokenRequest(redirect: Response): Promise<ReceivedIdTokenRequest> {
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location') as string);
    const parameters = Object.fromEntries(location.searchParams);
    // EBSI's wallets discover the authorization server as an OpenID Provider and take its keys from jwks_uri.
    const metadata = (await (await fetch(`${this.issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string; subject_syntax_types_supported: string[] };
    expect(metadata.subject_syntax_types_supported).toEqual(expect.arrayContaining(['did:key', 'did:jwk']));
    const { keys } = (await (await fetch(metadata.jwks_uri)).json()) as { keys: JWK[] };
    const { payload } = await jwtVerify(parameters['request'] as string, createLocalJWKSet({ keys }), { issuer: this.issuer, audience: this.did });
    return { location, parameters, requestObject: payload };
  }

  idToken(nonce: string | undefined, overrides: Partial<Parameters<typeof createHolderIdToken>[0]> = {}): string {
    return createHolderIdToken({ key: this.key, did: this.did, aud: this.issuer, nonce, ...overrides });
  }

  /** response_mode direct_post: the form goes to the redirect_uri of the ID Token Request. */
  directPost(form: Record<string, string>, uri = `${this.issuer}/direct_post`): Promise<Response> {
    return fetch(uri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
  }

  /** The token request of EBSI's wallets: client_id, code and verifier, no redirect_uri, no DPoP. */
  token(code: string, extra: Record<string, string> = {}): Promise<HttpResult> {
    const form = { grant_type: 'authorization_code', client_id: this.did, code, code_verifier: this.pkce.code_verifier, ...extra };
    return send('/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() }, this.issuer);
  }

  /** The DID URL its key proofs name the key by. */
  get proofKid(): string {
    return `${this.did}#${this.did.slice('did:key:'.length)}`;
  }

  /** Draft 11 credential request: format jwt_vc with types, the singular proof with the DID URL as kid. */
  credential(accessToken: string, types: string[], cNonce: string): Promise<HttpResult> {
    const jwt = createJwtProof({ key: this.key, aud: this.issuer, nonce: cNonce, iss: this.did, typ: 'openid4vci-proof+jwt', headerOverrides: { jwk: undefined, kid: this.proofKid } });
    return this.bearer('/credential', accessToken, { format: 'jwt_vc', types, proof: { proof_type: 'jwt', jwt } });
  }

  bearer(path: string, accessToken: string, body: unknown): Promise<HttpResult> {
    return send(path, { method: 'POST', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }, this.issuer);
  }
}
