/**
 * SD-JWT VC Section 6.3.1: a type named by an HTTPS URL can be retrieved from that URL. The issuer
 * serves the type metadata of its own types at `/vct/<name>` under its public URL, one path
 * segment per type, so that one route prefix reaches them in every deployment.
 */
export const TYPE_METADATA_PATH_PREFIX = '/vct/';

const TYPE_NAME = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/** Whether `path` is where the issuer serves a type: `/vct/<name>`. */
export function isTypeMetadataPath(path: string): boolean {
  return path.startsWith(TYPE_METADATA_PATH_PREFIX) && TYPE_NAME.test(path.slice(TYPE_METADATA_PATH_PREFIX.length));
}

/** The path the issuer serves the type metadata of `vct` at, when `vct` is one of its own types. */
export function issuerHostedTypePath(vct: string, credentialIssuer: string): string | undefined {
  if (!vct.startsWith(`${credentialIssuer}/`)) return undefined;
  const path = vct.slice(credentialIssuer.length);
  return isTypeMetadataPath(path) ? path : undefined;
}
