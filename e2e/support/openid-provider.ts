import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface OpenIdProviderUser {
  sub: string;
  /** Claims stated in the ID Token. */
  idToken: Record<string, unknown>;
  /** Claims answered at the UserInfo endpoint. */
  userInfo: Record<string, unknown>;
}

/** What the next ID Token states differently, to show the platform refusing it. */
export interface IdTokenTampering {
  nonce?: string;
  iss?: string;
}

export interface OpenIdProviderOptions {
  clientId: string;
  clientSecret: string;
  user: OpenIdProviderUser;
}

interface PendingCode {
  nonce: string;
  codeChallenge: string;
  redirectUri: string;
}

/**
 * A small OpenID Provider for the end-to-end suites (OpenID Connect Core 1.0 Section 3.1, Discovery
 * 1.0): discovery, JWKS, an authorization endpoint that logs its one End-User in at once and redirects
 * with a code, a token endpoint (client_secret_basic, PKCE S256) answering an ES256 ID Token, and UserInfo.
 */
export class TestOpenIdProvider {
  issuer = '';
  readonly requests: Array<{ path: string; query: Record<string, string> }> = [];
  /** Applied to the next ID Token only. */
  tamper: IdTokenTampering | undefined;
  /** Every code and token it issued, to show none of them reaches a timeline. */
  readonly issuedCodes: string[] = [];
  /** The next End-User declines at the provider. */
  declineNext = false;
  private server: Server | undefined;
  private key: { privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']; jwk: JWK } | undefined;
  private readonly codes = new Map<string, PendingCode>();
  private readonly accessTokens = new Set<string>();

  constructor(private readonly options: OpenIdProviderOptions) {}

  async start(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    this.key = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'op-key-1', alg: 'ES256', use: 'sig' } };
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => json(response, 500, { error: 'server_error', error_description: String(error) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Closes the port and every kept-alive connection: from now on the provider cannot be reached. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
  }

  count(path: string): number {
    return this.requests.filter((request) => request.path === path).length;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.issuer);
    const body = request.method === 'POST' ? Object.fromEntries(new URLSearchParams(await readBody(request))) : {};
    this.requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return json(response, 200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          userinfo_endpoint: `${this.issuer}/userinfo`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          code_challenge_methods_supported: ['S256'],
        });
      case '/jwks':
        return json(response, 200, { keys: [this.key!.jwk] });
      case '/authorize':
        return this.authorize(url.searchParams, response);
      case '/token':
        return this.token(request, body, response);
      case '/userinfo': {
        const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
        if (!this.accessTokens.has(token)) return json(response, 401, { error: 'invalid_token' });
        return json(response, 200, { sub: this.options.user.sub, ...this.options.user.userInfo });
      }
      default:
        return json(response, 404, { error: 'not_found' });
    }
  }

  /** Logs the End-User in at once, as a provider with a remembered session does. */
  private authorize(query: URLSearchParams, response: ServerResponse): void {
    const redirectUri = query.get('redirect_uri') ?? '';
    const answer = new URL(redirectUri);
    answer.searchParams.set('state', query.get('state') ?? '');
    if (query.get('client_id') !== this.options.clientId || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256' || !query.get('scope')?.split(' ').includes('openid')) {
      answer.searchParams.set('error', 'invalid_request');
    } else if (this.declineNext) {
      this.declineNext = false;
      answer.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(16).toString('base64url');
      this.codes.set(code, { nonce: query.get('nonce') ?? '', codeChallenge: query.get('code_challenge') ?? '', redirectUri });
      this.issuedCodes.push(code);
      answer.searchParams.set('code', code);
    }
    response.writeHead(302, { location: answer.toString() }).end();
  }

  private async token(request: IncomingMessage, body: Record<string, string>, response: ServerResponse): Promise<void> {
    const expected = `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return json(response, 401, { error: 'invalid_client' });
    const pending = this.codes.get(body['code'] ?? '');
    this.codes.delete(body['code'] ?? '');
    const verifier = body['code_verifier'] ?? '';
    if (!pending || body['grant_type'] !== 'authorization_code' || body['redirect_uri'] !== pending.redirectUri || createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) {
      return json(response, 400, { error: 'invalid_grant' });
    }
    const tamper = this.tamper ?? {};
    this.tamper = undefined;
    const idToken = await new SignJWT({ nonce: tamper.nonce ?? pending.nonce, ...this.options.user.idToken })
      .setProtectedHeader({ alg: 'ES256', kid: 'op-key-1', typ: 'JWT' })
      .setIssuer(tamper.iss ?? this.issuer)
      .setAudience(this.options.clientId)
      .setSubject(this.options.user.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(this.key!.privateKey);
    const accessToken = randomBytes(16).toString('base64url');
    this.accessTokens.add(accessToken);
    this.issuedCodes.push(accessToken, idToken.split('.')[2]!);
    return json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
