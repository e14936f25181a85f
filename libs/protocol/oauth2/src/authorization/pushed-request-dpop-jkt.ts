import { invalidDpopProof } from '@issuer/protocol-errors';

/**
 * RFC 9449 Section 10.1: a DPoP proof sent with the pushed authorization request binds the code as if its key's
 * thumbprint had been sent as dpop_jkt; when both are sent they must name the same key.
 */
export function pushedRequestDpopJkt(parameter: string | undefined, proofJkt: string | undefined): string | undefined {
  if (parameter !== undefined && proofJkt !== undefined && parameter !== proofJkt) {
    throw invalidDpopProof({
      reason: `dpop_jkt ${parameter} is not the thumbprint ${proofJkt} of the key in the DPoP header`,
      help: 'Sign the DPoP proof with the key whose thumbprint is sent as dpop_jkt, or send only one of the two',
      specRef: 'RFC 9449 Section 10.1',
    });
  }
  return parameter ?? proofJkt;
}
