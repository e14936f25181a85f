import { X509Certificate } from 'node:crypto';
import { checkX5cChain, checkX5cTrustAnchor } from './check-x5c-chain.js';
import { X5cError } from './crypto-errors.js';

/**
 * The signer certificate of a JWS whose `x5c` header must chain to a configured trust anchor (HAIP
 * 1.0 Sections 4.4.1 and 4.5.1: wallet and key attestations): leaf first, no self-signed leaf, no
 * trust anchor in the chain, every certificate valid at `now`. The JWS must then verify with the
 * returned certificate's public key. Throws `X5cError`.
 */
export function trustedX5cLeaf(x5c: unknown, trustAnchors: readonly X509Certificate[], now: number): X509Certificate {
  if (!Array.isArray(x5c) || !x5c.every((entry) => typeof entry === 'string')) throw new X5cError('ERR_X5C_FORMAT', 'x5c is not an array of base64 DER certificates');
  if (x5c.length === 0) throw new X5cError('ERR_X5C_EMPTY', 'x5c is empty');
  const chain = x5c as string[];
  const certificates = chain.map((der, index) => parse(der, index));
  checkX5cChain(chain, (certificates[0] as X509Certificate).publicKey);
  checkX5cTrustAnchor(chain, trustAnchors);
  certificates.forEach((certificate, index) => checkValidity(certificate, index, now));
  return certificates[0] as X509Certificate;
}

function parse(der: string, index: number): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der, 'base64'));
  } catch {
    throw new X5cError('ERR_X5C_PARSE', `x5c[${index}] is not a base64 DER X.509 certificate`);
  }
}

// RFC 5280 Section 4.1.2.5: a certificate is only valid between notBefore and notAfter.
function checkValidity(certificate: X509Certificate, index: number, now: number): void {
  const from = certificate.validFromDate.getTime() / 1000;
  const to = certificate.validToDate.getTime() / 1000;
  if (now < from || now > to) {
    throw new X5cError(
      'ERR_X5C_VALIDITY',
      `x5c[${index}] (${certificate.subject.replace(/\n/g, ', ')}) is valid from ${certificate.validFromDate.toISOString()} to ${certificate.validToDate.toISOString()}, not at ${new Date(now * 1000).toISOString()}`,
    );
  }
}
