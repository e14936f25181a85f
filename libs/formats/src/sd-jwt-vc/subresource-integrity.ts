import { createHash } from 'node:crypto';

/**
 * SD-JWT VC Section 7 and W3C Subresource Integrity Section 3.5: "integrity metadata" for the exact
 * bytes of a document, `sha256-` followed by the base64 (not base64url) SHA-256 digest.
 */
export function subresourceIntegrity(bytes: string | Uint8Array): string {
  return `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
}
