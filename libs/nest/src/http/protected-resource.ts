import type { KeyStore } from '@issuer/crypto';
import { asResourceServerError, isProtocolError, passed } from '@issuer/protocol-errors';
import { checkDpopProofNonce, dpopProofReplayed, parseAuthorization, verifyAccessToken, verifyDpopProof, type AccessTokenClaims, type DpopNonceSettings } from '@issuer/protocol-oauth2';
import type { RequestTimeline } from '../timeline/request-timeline.js';

export interface ResourceRequest {
  authorization: string[];
  dpop: string[];
  htm: string;
  /** The public URL of the endpoint, as the wallet called it. */
  htu: string;
  now: number;
  timeline: RequestTimeline;
}

export type ConsumeJti = (jkt: string, jti: string, expiresAt: Date) => Promise<boolean>;

/**
 * RFC 6750 and RFC 9449 Section 7: checks the access token of a request to a protected endpoint
 * (credential, deferred credential, notification) and, for a DPoP-bound token, its proof.
 * Failures are answered as a resource server does: 401 with a WWW-Authenticate challenge.
 */
export class ProtectedResource {
  constructor(
    private readonly keys: KeyStore,
    private readonly issuer: string,
    private readonly consumeJti: ConsumeJti,
    /** RFC 9449 Section 9: server-provided nonces, when on. */
    private readonly dpopNonce?: DpopNonceSettings,
  ) {}

  async authenticate(request: ResourceRequest): Promise<AccessTokenClaims> {
    try {
      return await this.check(request);
    } catch (error) {
      throw isProtocolError(error) ? asResourceServerError(error, { dpop: true, bearer: true }) : error;
    }
  }

  private async check({ authorization, dpop, htm, htu, now, timeline }: ResourceRequest): Promise<AccessTokenClaims> {
    const { scheme, token } = parseAuthorization({ authorization, dpop });
    const key = await this.keys.signingKey('access_token');
    const claims = verifyAccessToken(token, { publicKey: key.publicJwk, issuer: this.issuer, audience: this.issuer, now, scheme });
    timeline.setSession(claims.sid);
    timeline.setClientId(claims.client_id);
    timeline.debug('Access token validated', { token_type: scheme, dpop_bound: Boolean(claims.cnf?.jkt), credential_configuration_ids: claims.credential_configuration_ids, exp: claims.exp });
    const jkt = claims.cnf?.jkt;
    if (!jkt) return claims;
    const proof = verifyDpopProof({ proofs: dpop, htm, htu, now, accessToken: token, expectedJkt: jkt });
    const nonceChecks = checkDpopProofNonce(proof, this.dpopNonce, { now, server: 'resource_server' });
    if (!(await this.consumeJti(proof.jkt, proof.jti, new Date((now + 300) * 1000)))) {
      throw dpopProofReplayed(proof.jti);
    }
    const jtiCheck = passed('jti', 'not used before by this key', 'RFC 9449 Section 11.1');
    timeline.debug('DPoP proof validated', { dpop_jkt: proof.jkt, htu, htm, checks: [...proof.checks, ...nonceChecks, jtiCheck] });
    return claims;
  }
}
