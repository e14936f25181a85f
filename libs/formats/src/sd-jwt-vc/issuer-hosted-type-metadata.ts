import { issuerHostedTypePath, type CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { subresourceIntegrity } from './subresource-integrity.js';
import { buildTypeMetadata } from './type-metadata.js';

/** A type metadata document as served: its bytes are fixed once, so that they and their integrity always agree. */
export interface TypeMetadataDocument {
  vct: string;
  /** Where the issuer serves it, relative to its public URL: `/vct/<name>`. */
  path: string;
  /** The JSON text served, byte for byte. */
  body: string;
  /** SD-JWT VC Section 7: the `vct#integrity` of the credentials of this type. */
  integrity: string;
}

/**
 * The type metadata documents of the issuer's own SD-JWT VC types (a vct at `/vct/<name>` under
 * the issuer's URL), by vct. Types named by a URN or by another host get none.
 */
export function issuerHostedTypeMetadata(configurations: Iterable<CredentialConfiguration>, credentialIssuer: string): ReadonlyMap<string, TypeMetadataDocument> {
  const documents = new Map<string, TypeMetadataDocument>();
  const describedBy = new Map<string, string>();
  for (const configuration of configurations) {
    if (configuration.format !== 'dc+sd-jwt') continue;
    const path = issuerHostedTypePath(configuration.vct, credentialIssuer);
    if (!path) continue;
    const body = JSON.stringify(buildTypeMetadata(configuration));
    const earlier = documents.get(configuration.vct);
    if (earlier && earlier.body !== body) {
      throw new Error(
        `credential configurations "${describedBy.get(configuration.vct)}" and "${configuration.id}" name the same vct ${configuration.vct} but describe it differently: give each its own vct, or the same display and claims`,
      );
    }
    if (earlier) continue;
    documents.set(configuration.vct, { vct: configuration.vct, path, body, integrity: subresourceIntegrity(body) });
    describedBy.set(configuration.vct, configuration.id);
  }
  return documents;
}
