import { invalidDpopProof, type ProtocolError } from '@issuer/protocol-errors';

/** RFC 9449 Section 11.1: a proof's `jti` is accepted once; the caller's store decides it was seen. */
export function dpopProofReplayed(jti: string): ProtocolError {
  return invalidDpopProof({
    reason: `The DPoP proof jti ${jti} was already used.`,
    help: 'Create a fresh DPoP proof with a new jti for every request.',
    specRef: 'RFC 9449 Section 11.1',
  });
}
