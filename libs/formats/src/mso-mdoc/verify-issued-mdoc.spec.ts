import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as animo from '@animo-id/mdoc';
import * as auth0 from '@auth0/mdl';
import { Tag } from 'cbor-x';
import type { JWK } from 'jose';
import { loadCredentialConfigurations, type CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { MDL_PORTRAIT, mdlElements as testMdlElements, mdocVerifierContext, pidMdocElements } from '@issuer/testing';
import { encodeCbor } from './cbor.js';
import { msoMdocFormat } from './issue-mso-mdoc.js';

x509.cryptoProvider.set(globalThis.crypto);

const DAY_MS = 24 * 3600 * 1000;
const ES256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
// ISO/IEC 18013-5 Annex B.1.4: extended key usage of a Document Signer certificate.
const ID_MDL_KP_MDLDS = '1.0.18013.5.1.2';

const PID_NS = 'eu.europa.ec.eudi.pid.1';
const MDL_NS = 'org.iso.18013.5.1';

interface Pki {
  iaca: x509.X509Certificate;
  documentSigner: x509.X509Certificate;
  documentSignerKey: KeyObject;
}

/** An IACA root and a Document Signer certificate it issued, after the profiles of ISO/IEC 18013-5 Annex B. */
async function createPki(country: string): Promise<Pki> {
  const iacaKeys = await crypto.subtle.generateKey(ES256, true, ['sign', 'verify']);
  const dsKeys = await crypto.subtle.generateKey(ES256, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - DAY_MS);
  const notAfter = new Date(Date.now() + 365 * DAY_MS);
  const iacaName = `C=${country}, CN=Test IACA ${country}`;
  const iaca = await x509.X509CertificateGenerator.createSelfSigned({
    name: iacaName,
    keys: iacaKeys,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(iacaKeys.publicKey),
    ],
  });
  const documentSigner = await x509.X509CertificateGenerator.create({
    subject: `C=${country}, CN=Test Document Signer`,
    issuer: iaca.subject,
    publicKey: dsKeys.publicKey,
    signingKey: iacaKeys.privateKey,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([ID_MDL_KP_MDLDS], true),
      await x509.AuthorityKeyIdentifierExtension.create(iacaKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(dsKeys.publicKey),
    ],
  });
  return { iaca, documentSigner, documentSignerKey: KeyObject.from(dsKeys.privateKey) };
}

const animoContext = mdocVerifierContext;

const configurations = loadCredentialConfigurations({ builtins: true, files: [] });
const pid = configurations.find((c) => c.id === 'eu.europa.ec.eudi.pid_mso_mdoc')!;
const mdl = configurations.find((c) => c.id === 'org.iso.18013.5.1.mDL')!;
const ageVerification = configurations.find((c) => c.id === 'eu.europa.ec.av.1')!;

const holderKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const holderJwk = holderKeys.publicKey.export({ format: 'jwk' }) as JWK;
const holderPrivateJwk = holderKeys.privateKey.export({ format: 'jwk' }) as JWK;

const pidElements = pidMdocElements();
const portrait = MDL_PORTRAIT;
const mdlElements = testMdlElements('DE');

// The verifiers check validity against the clock, so the credentials are issued now.
const now = Math.floor(Date.now() / 1000);
// A SessionTranscript as tag 24 around [DeviceEngagementBytes, EReaderKeyBytes, Handover] (ISO/IEC 18013-5 Section 9.1.5.1).
const sessionTranscript = encodeCbor(new Tag(encodeCbor([null, null, ['mdoc-nonce', 'verifier.example', 'https://verifier.example/response', 'verifier-nonce']]), 24));

let pki: Pki;
let otherPki: Pki;

beforeAll(async () => {
  pki = await createPki('DE');
  otherPki = await createPki('DE');
});

async function issue(configuration: CredentialConfiguration, claims: Record<string, unknown>, chain = pki): Promise<Buffer> {
  const { credential } = await msoMdocFormat.issue({
    configuration,
    claims,
    holderJwk,
    issuer: 'https://issuer.example.com',
    signingKey: {
      kid: 'document-signer',
      alg: 'ES256',
      privateKey: chain.documentSignerKey,
      publicJwk: createPublicKey(chain.documentSignerKey).export({ format: 'jwk' }) as JWK,
      x5c: [Buffer.from(chain.documentSigner.rawData).toString('base64')],
    },
    now,
  });
  return Buffer.from(credential, 'base64url');
}

function presentationDefinition(docType: string, nameSpace: string, elements: string[]) {
  return {
    id: 'all-elements',
    input_descriptors: [
      {
        id: docType,
        format: { mso_mdoc: { alg: ['ES256'] } },
        constraints: { limit_disclosure: 'required', fields: elements.map((element) => ({ path: [`$['${nameSpace}']['${element}']`], intent_to_retain: false })) },
      },
    ],
  };
}

/** A DeviceResponse (ISO/IEC 18013-5 Section 8.3.2.1.2.2) holding the issued IssuerSigned bytes unchanged. */
function deviceResponseAround(docType: string, issuerSigned: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([0xa3]),
    encodeCbor('version'),
    encodeCbor('1.0'),
    encodeCbor('documents'),
    Buffer.from([0x81, 0xa2]),
    encodeCbor('docType'),
    encodeCbor(docType),
    encodeCbor('issuerSigned'),
    issuerSigned,
    encodeCbor('status'),
    encodeCbor(0),
  ]);
}

function failed<T extends { status: string }>(checks: T[]): T[] {
  return checks.filter((check) => check.status === 'FAILED');
}

function same(bytes: Uint8Array | undefined, base64url: string | undefined): boolean {
  return bytes !== undefined && base64url !== undefined && Buffer.from(bytes).equals(Buffer.from(base64url, 'base64url'));
}

describe('issued mdocs verified by @animo-id/mdoc', () => {
  async function verifyIssuerSigned(issuerSigned: Buffer, docType: string, trusted = pki.iaca) {
    const document = animo.parseIssuerSigned(issuerSigned, docType);
    const checks: animo.VerificationAssessment[] = [];
    const verifier = new animo.Verifier();
    const input = { trustedCertificates: [new Uint8Array(trusted.rawData)], disableCertificateChainValidation: false, onCheckG: (check: animo.VerificationAssessment) => checks.push(check) };
    await verifier.verifyIssuerSignature({ ...input, issuerAuth: document.issuerSigned.issuerAuth, now: new Date() }, animoContext);
    await verifier.verifyData({ mdoc: document, onCheckG: input.onCheckG }, animoContext);
    return { document, checks };
  }

  it('accepts the PID: issuer signature chained to the IACA, every value digest, docType, device key and validity', async () => {
    const { document, checks } = await verifyIssuerSigned(await issue(pid, { [PID_NS]: pidElements }), 'eu.europa.ec.eudi.pid.1');
    expect(failed(checks)).toEqual([]);
    expect(checks.map((check) => check.check)).toEqual(
      expect.arrayContaining(['Issuer certificate must be valid', 'Issuer signature must be valid', 'The MSO must be valid at the time of verification']),
    );
    expect(checks.filter((check) => check.check.startsWith('The calculated digest for'))).toHaveLength(Object.keys(pidElements).length);
    expect(document.docType).toBe('eu.europa.ec.eudi.pid.1');
    const values = document.getIssuerNameSpace(PID_NS)!;
    expect(values.get('family_name')).toBe('Mustermann');
    expect(String(values.get('birth_date'))).toBe('1964-08-12');
    expect(values.get('nationality')).toEqual(['DE']);
    const { deviceKeyInfo, validityInfo } = document.issuerSigned.issuerAuth.decodedPayload;
    const deviceKey = animo.COSEKey.import(deviceKeyInfo!.deviceKey).toJWK();
    expect({ kty: deviceKey.kty, crv: deviceKey.crv, x: deviceKey.x, y: deviceKey.y }).toEqual({ kty: 'EC', crv: 'P-256', x: holderJwk.x, y: holderJwk.y });
    expect(validityInfo.validUntil.getTime() - validityInfo.validFrom.getTime()).toBe(pid.validity_seconds * 1000);
  });

  it('accepts the mDL and checks issuing_country against the Document Signer certificate', async () => {
    const { document, checks } = await verifyIssuerSigned(await issue(mdl, { [MDL_NS]: mdlElements }), 'org.iso.18013.5.1.mDL');
    expect(failed(checks)).toEqual([]);
    expect(checks.map((check) => check.check)).toContain("The 'issuing_country' if present must match the 'countryName' in the subject field within the DS certificate");
    const values = document.getIssuerNameSpace(MDL_NS)!;
    expect(Buffer.from(values.get('portrait') as Uint8Array)).toEqual(portrait);
    expect(String(values.get('issue_date'))).toBe('2026-01-01');
  });

  it('fails the certificate check against another IACA and the digest check for a changed value', async () => {
    const credential = await issue(pid, { [PID_NS]: pidElements });
    const untrusted = await verifyIssuerSigned(credential, 'eu.europa.ec.eudi.pid.1', otherPki.iaca);
    expect(failed(untrusted.checks).map((check) => check.check)).toEqual(['Issuer certificate must be valid']);
    const tampered = Buffer.from(credential.toString('latin1').replace('Mustermann', 'Musterfrau'), 'latin1');
    const changed = await verifyIssuerSigned(tampered, 'eu.europa.ec.eudi.pid.1');
    expect(failed(changed.checks).map((check) => check.check)).toEqual([`The calculated digest for ${PID_NS}/family_name attribute must match the digest in the issuerAuth element`]);
  });

  it('verifies a DeviceResponse the holder signs with the bound key, for the age verification attestation', async () => {
    const credential = await issue(ageVerification, { 'eu.europa.ec.av.1': { age_over_18: true, age_over_21: false } });
    const presentation = await animo.DeviceResponse.from(new animo.MDoc([animo.parseIssuerSigned(credential, 'eu.europa.ec.av.1')]))
      .usingPresentationDefinition(presentationDefinition('eu.europa.ec.av.1', 'eu.europa.ec.av.1', ['age_over_18']))
      .usingSessionTranscriptBytes(sessionTranscript)
      .authenticateWithSignature(holderPrivateJwk, 'ES256')
      .sign(animoContext);
    const checks: animo.VerificationAssessment[] = [];
    const verified = await new animo.Verifier().verifyDeviceResponse(
      { encodedDeviceResponse: presentation.encode(), encodedSessionTranscript: sessionTranscript, trustedCertificates: [new Uint8Array(pki.iaca.rawData)], onCheck: (check) => checks.push(check) },
      animoContext,
    );
    expect(failed(checks)).toEqual([]);
    expect(checks.map((check) => check.check)).toContain('Device signature must be valid');
    expect(verified.documents[0]!.getIssuerNameSpace('eu.europa.ec.av.1')).toEqual(new Map([['age_over_18', true]]));
  });
});

describe('issued mdocs verified by @auth0/mdl', () => {
  async function present(issuerSigned: Buffer, docType: string, nameSpace: string, elements: string[], trusted = pki.iaca) {
    const presentation = await auth0.DeviceResponse.from(auth0.parse(deviceResponseAround(docType, issuerSigned)))
      .usingPresentationDefinition(presentationDefinition(docType, nameSpace, elements))
      .usingSessionTranscriptBytes(sessionTranscript)
      .authenticateWithSignature(holderPrivateJwk, 'ES256')
      .sign();
    const checks: Array<{ status: string; check: string; id?: string }> = [];
    const verified = await new auth0.Verifier([trusted.toString('pem')]).verify(presentation.encode(), {
      encodedSessionTranscript: sessionTranscript,
      onCheck: (check) => checks.push(check),
    });
    return { document: verified.documents[0]!, checks };
  }

  it('accepts the PID presented with every element: certificate chain, issuer and device signatures, digests, validity', async () => {
    const { document, checks } = await present(await issue(pid, { [PID_NS]: pidElements }), 'eu.europa.ec.eudi.pid.1', PID_NS, Object.keys(pidElements));
    expect(failed(checks)).toEqual([]);
    const ids = checks.map((check) => check.id);
    for (const id of ['ISSUER_CERTIFICATE_VALIDITY', 'ISSUER_SIGNATURE_VALIDITY', 'MSO_VALIDITY_AT_VERIFICATION_TIME', 'DEVICE_SIGNATURE_VALIDITY']) expect(ids).toContain(id);
    expect(ids.filter((id) => id === 'ATTRIBUTE_DIGEST_MATCH')).toHaveLength(Object.keys(pidElements).length);
    const values = document.getIssuerNameSpace(PID_NS);
    expect(values.given_name).toBe('Erika');
    expect(values.place_of_birth).toEqual(new Map([['locality', 'Berlin'], ['country', 'DE']]));
    expect(String(values.expiry_date)).toBe('2031-08-31');
    const { deviceKeyInfo, docType, validityInfo } = document.issuerSigned.issuerAuth.decodedPayload;
    expect(docType).toBe('eu.europa.ec.eudi.pid.1');
    expect(validityInfo).toMatchObject({ signed: new Date(now * 1000), validFrom: new Date(now * 1000), validUntil: new Date((now + pid.validity_seconds) * 1000) });
    const deviceKey = deviceKeyInfo?.deviceKey as Map<number, Uint8Array>;
    expect(same(deviceKey.get(-2), holderJwk.x) && same(deviceKey.get(-3), holderJwk.y)).toBe(true);
  });

  it('accepts the mDL, issuing_country matching the certificate', async () => {
    const { document, checks } = await present(await issue(mdl, { [MDL_NS]: mdlElements }), 'org.iso.18013.5.1.mDL', MDL_NS, Object.keys(mdlElements));
    expect(failed(checks)).toEqual([]);
    expect(checks.map((check) => check.id)).toContain('ISSUING_COUNTRY_MATCHES_CERTIFICATE');
    expect(document.getIssuerNameSpace(MDL_NS).document_number).toBe('B072RRE2I55');
  });

  it('accepts the age verification attestation, presenting only age_over_18', async () => {
    const { document, checks } = await present(await issue(ageVerification, { 'eu.europa.ec.av.1': { age_over_18: true, age_over_21: false } }), 'eu.europa.ec.av.1', 'eu.europa.ec.av.1', ['age_over_18']);
    expect(failed(checks)).toEqual([]);
    expect(checks.filter((check) => check.id === 'ATTRIBUTE_DIGEST_MATCH')).toHaveLength(1);
    expect(document.getIssuerNameSpace('eu.europa.ec.av.1')).toEqual({ age_over_18: true });
    expect(document.issuerSigned.issuerAuth.decodedPayload.docType).toBe('eu.europa.ec.av.1');
  });

  it('fails the chain against another IACA, and the device signature of a key the mdoc is not bound to', async () => {
    const credential = await issue(pid, { [PID_NS]: pidElements });
    const untrusted = await present(credential, 'eu.europa.ec.eudi.pid.1', PID_NS, ['family_name'], otherPki.iaca);
    expect(failed(untrusted.checks).map((check) => check.id)).toEqual(['ISSUER_CERTIFICATE_VALIDITY']);

    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as JWK;
    const presentation = await auth0.DeviceResponse.from(auth0.parse(deviceResponseAround('eu.europa.ec.eudi.pid.1', credential)))
      .usingPresentationDefinition(presentationDefinition('eu.europa.ec.eudi.pid.1', PID_NS, ['family_name']))
      .usingSessionTranscriptBytes(sessionTranscript)
      .authenticateWithSignature(stranger, 'ES256')
      .sign();
    const checks: Array<{ status: string; id?: string }> = [];
    await new auth0.Verifier([pki.iaca.toString('pem')]).verify(presentation.encode(), { encodedSessionTranscript: sessionTranscript, onCheck: (check) => checks.push(check) });
    expect(failed(checks).map((check) => check.id)).toEqual(['DEVICE_SIGNATURE_VALIDITY']);
  });
});
