import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import { randomToken } from '@issuer/crypto';
import { serverError } from '@issuer/protocol-errors';
import type { CredentialFormat, IssueCredentialInput } from '../credential-format.js';
import { jwsSigner } from '../jws-signer.js';
import { assertClaimsIssuable } from '../assert-claims-issuable.js';
import { buildDisclosureFrame } from './disclosure-frame.js';

// SD-JWT Section 4.2.1: salts need at least 128 bits of entropy.
const saltGenerator = (): string => randomToken(16);

// SD-JWT VC Section 3.2.2: registered claims the issuer sets; supplied claims cannot replace them.
const RESERVED_CLAIMS = ['iss', 'nbf', 'exp', 'iat', 'cnf', 'vct', 'vct#integrity', 'status', '_sd', '_sd_alg', '...'];

/** An SD-JWT VC (OID4VCI 1.0 Appendix A.3) bound to the holder key in `cnf.jwk`. */
export async function issueSdJwtVc(input: IssueCredentialInput): Promise<{ credential: string }> {
  const { configuration, claims, holderJwk, issuer, signingKey, now } = input;
  if (configuration.format !== 'dc+sd-jwt') {
    throw serverError({ reason: `configuration "${configuration.id}" has format ${configuration.format}, not dc+sd-jwt`, help: 'Issue it with the module for its format' });
  }
  if ('d' in holderJwk) throw serverError({ reason: 'the holder JWK contains a private key', help: 'Bind the credential to the public key from the verified key proof' });
  assertClaimsIssuable(configuration, claims, RESERVED_CLAIMS);
  const sdJwtVc = new SDJwtVcInstance({
    signer: jwsSigner(signingKey.alg, signingKey.privateKey),
    signAlg: signingKey.alg,
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator,
  });
  const payload: SdJwtVcPayload = {
    iss: issuer,
    iat: now,
    exp: now + configuration.validity_seconds,
    vct: configuration.vct,
    ...(input.vctIntegrity && { 'vct#integrity': input.vctIntegrity }),
    cnf: { jwk: holderJwk },
    ...(input.status && { status: input.status }),
    ...claims,
  };
  const frame = buildDisclosureFrame(configuration.claims ?? [], claims) as Parameters<SDJwtVcInstance['issue']>[1];
  const credential = await sdJwtVc.issue(payload, frame, {
    header: { kid: signingKey.kid, ...(signingKey.x5c && { x5c: signingKey.x5c }) },
  });
  return { credential };
}

export const sdJwtVcFormat: CredentialFormat = { format: 'dc+sd-jwt', issue: issueSdJwtVc };
