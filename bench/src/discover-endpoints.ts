import type { HttpClient } from './http-client.js';
import type { LoopbackGuard } from './loopback-guard.js';
import type { IssuerEndpoints } from './wallet-flow.js';

export interface DiscoveredIssuer {
  endpoints: IssuerEndpoints;
  /** The format of the benchmarked credential configuration, e.g. `dc+sd-jwt`. */
  format: string;
}

interface IssuerMetadata {
  credential_issuer?: string;
  authorization_servers?: string[];
  nonce_endpoint?: string;
  credential_endpoint?: string;
  notification_endpoint?: string;
  credential_configurations_supported?: Record<string, { format?: string }>;
}

/**
 * Reads the endpoints the way a wallet does, once before the load: the Credential Issuer Metadata
 * (OID4VCI 1.0 Section 12.2) and the Authorization Server Metadata (RFC 8414 Section 3). Every URL
 * found there passes the loopback guard before it is used.
 */
export async function discoverIssuer(http: HttpClient, guard: LoopbackGuard, baseUrl: string, configurationId: string): Promise<DiscoveredIssuer> {
  const issuer = await getJson<IssuerMetadata>(http, `${baseUrl}/.well-known/openid-credential-issuer`);
  const credentialIssuer = required(issuer.credential_issuer, 'credential_issuer');
  const configuration = issuer.credential_configurations_supported?.[configurationId];
  if (!configuration) {
    const known = Object.keys(issuer.credential_configurations_supported ?? {}).join(', ');
    throw new Error(`The issuer does not offer ${configurationId}; it offers ${known || 'nothing'}`);
  }
  const authorizationServer = issuer.authorization_servers?.[0] ?? credentialIssuer;
  await guard.approve(authorizationServer);
  const as = await getJson<{ token_endpoint?: string }>(http, `${authorizationServer}/.well-known/oauth-authorization-server`);

  const endpoints: IssuerEndpoints = {
    credentialIssuer,
    managementApi: `${baseUrl}/admin/v1/issuances`,
    token: required(as.token_endpoint, 'token_endpoint'),
    nonce: required(issuer.nonce_endpoint, 'nonce_endpoint'),
    credential: required(issuer.credential_endpoint, 'credential_endpoint'),
    notification: required(issuer.notification_endpoint, 'notification_endpoint'),
  };
  for (const url of Object.values(endpoints)) await guard.approve(url);
  return { endpoints, format: configuration.format ?? 'unknown' };
}

async function getJson<T>(http: HttpClient, url: string): Promise<T> {
  const response = await http.send('GET', url, { accept: 'application/json' });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return JSON.parse(response.body) as T;
}

function required(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`The metadata has no ${name}`);
  return value;
}
