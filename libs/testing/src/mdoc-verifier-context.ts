import 'reflect-metadata';
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, X509Certificate as NodeX509Certificate, type JsonWebKey } from 'node:crypto';
import type { MdocContext } from '@animo-id/mdoc';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

const DIGESTS: Record<string, string> = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512' };

function macNotUsed(): never {
  throw new Error('MAC device authentication is not used here');
}

/**
 * @animo-id/mdoc leaves cryptography and X.509 to its caller; this context gives it node:crypto and
 * @peculiar/x509, with certificate chains checked up to the trusted certificates at the current time.
 */
export const mdocVerifierContext: Pick<MdocContext, 'crypto' | 'cose' | 'x509'> = {
  crypto: {
    random: (length) => randomBytes(length),
    digest: ({ digestAlgorithm, bytes }) => createHash(digestAlgorithm.replace('-', '').toLowerCase()).update(bytes).digest(),
    calculateEphemeralMacKeyJwk: macNotUsed,
  },
  cose: {
    sign1: {
      sign: ({ sign1, jwk }) => {
        const { data, alg } = sign1.getRawSigningData();
        return sign(DIGESTS[alg]!, data, { key: createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
      },
      verify: ({ sign1, jwk, options }) => {
        const { data, alg, signature } = sign1.getRawVerificationData(options);
        return verify(DIGESTS[alg]!, data, { key: createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, signature);
      },
    },
    mac0: { sign: macNotUsed, verify: macNotUsed },
  },
  x509: {
    getIssuerNameField: ({ certificate, field }) => new x509.X509Certificate(certificate).issuerName.getField(field),
    getPublicKey: ({ certificate }) => new NodeX509Certificate(certificate).publicKey.export({ format: 'jwk' }) as ReturnType<MdocContext['x509']['getPublicKey']>,
    validateCertificateChain: async ({ trustedCertificates, x5chain }) => {
      const chain = x5chain.map((der) => new x509.X509Certificate(der));
      const anchors = trustedCertificates.map((der) => new x509.X509Certificate(der));
      const date = new Date();
      for (const [index, certificate] of chain.entries()) {
        const issuer = chain[index + 1] ?? anchors.find((anchor) => anchor.subject === certificate.issuer);
        if (issuer === undefined) throw new Error(`no trusted certificate issued ${certificate.subject}`);
        if (!(await certificate.verify({ publicKey: issuer, date }))) throw new Error(`${certificate.subject} is not validly signed by ${issuer.subject}`);
      }
    },
    getCertificateData: async ({ certificate }) => {
      const parsed = new x509.X509Certificate(certificate);
      return {
        issuerName: parsed.issuer,
        subjectName: parsed.subject,
        serialNumber: parsed.serialNumber,
        thumbprint: Buffer.from(await parsed.getThumbprint('SHA-256')).toString('hex'),
        notBefore: parsed.notBefore,
        notAfter: parsed.notAfter,
        pem: parsed.toString('pem'),
      };
    },
  },
};
