import { describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { Decoder, Tag } from 'cbor-x';
import type { JWK } from 'jose';
import { isProtocolError } from '@issuer/protocol-errors';
import { loadCredentialConfigurations, type CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { MDL_PORTRAIT, mdlElements } from '@issuer/testing';
import { encodeCbor } from './cbor.js';
import { msoMdocFormat } from './issue-mso-mdoc.js';

const NOW = 1_780_000_000;
const PID_NS = 'eu.europa.ec.eudi.pid.1';
// Stand-ins for DER certificates: the module carries x5c as bytes without reading it.
const LEAF = Buffer.from('document signer certificate').toString('base64');
const INTERMEDIATE = Buffer.from('intermediate certificate').toString('base64');

function ecKey(namedCurve = 'P-256') {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  return { privateKey, publicKey, publicJwk: publicKey.export({ format: 'jwk' }) as JWK };
}

const issuerKey = ecKey();
const holder = ecKey();
const configurations = loadCredentialConfigurations({ builtins: true, files: [] });
const pid = configurations.find((c) => c.id === 'eu.europa.ec.eudi.pid_mso_mdoc')!;
const mdl = configurations.find((c) => c.id === 'org.iso.18013.5.1.mDL')!;

const pidClaims = {
  [PID_NS]: {
    family_name: 'Mustermann',
    given_name: 'Erika',
    birth_date: '1964-08-12',
    place_of_birth: { locality: 'Berlin', country: 'DE' },
    nationality: ['DE'],
    resident_address: 'Heidestrasse 17, 51147 Koeln',
    expiry_date: '2031-08-31',
    issuance_date: '2026-09-01',
    issuing_authority: 'DE',
    issuing_country: 'DE',
    age_over_18: true,
    age_birth_year: 1964,
  },
};

// Maps stay Maps; tag 24 and tag 1004 come back as Tags, tag 0 as a Date.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });
const decode = (bytes: Uint8Array): unknown => decoder.decode(bytes);

function issue(configuration: CredentialConfiguration, claims: Record<string, unknown>, x5c: string[] | null = [LEAF], key = issuerKey, alg = 'ES256') {
  return msoMdocFormat.issue({
    configuration,
    claims,
    holderJwk: holder.publicJwk,
    issuer: 'https://issuer.example.com',
    signingKey: { kid: 'ds-1', alg, privateKey: key.privateKey, publicJwk: key.publicJwk, ...(x5c && { x5c }) },
    now: NOW,
  });
}

interface Parsed {
  issuerSigned: Map<string, unknown>;
  items: Map<string, Array<{ tag: Tag; item: Map<string, unknown> }>>;
  issuerAuth: [Uint8Array, Map<number, unknown>, Uint8Array, Uint8Array];
  mso: Map<string, unknown>;
}

function parse(credential: string): Parsed {
  expect(credential).toMatch(/^[A-Za-z0-9_-]+$/);
  const issuerSigned = decode(Buffer.from(credential, 'base64url')) as Map<string, unknown>;
  const nameSpaces = issuerSigned.get('nameSpaces') as Map<string, Tag[]>;
  const items = new Map(
    [...nameSpaces].map(([nameSpace, tags]) => [nameSpace, tags.map((tag) => ({ tag, item: decode(tag.value as Uint8Array) as Map<string, unknown> }))]),
  );
  const issuerAuth = issuerSigned.get('issuerAuth') as Parsed['issuerAuth'];
  const payload = decode(issuerAuth[2]) as Tag;
  return { issuerSigned, items, issuerAuth, mso: decode(payload.value as Uint8Array) as Map<string, unknown> };
}

async function rejection(promise: Promise<unknown>): Promise<{ reason: string; help: string }> {
  try {
    await promise;
  } catch (error) {
    if (isProtocolError(error)) return { reason: error.reason, help: error.help };
    throw error;
  }
  throw new Error('expected issuance to be refused');
}

describe('mso_mdoc issuance (ISO/IEC 18013-5 IssuerSigned)', () => {
  it('returns IssuerSigned with nameSpaces and an untagged COSE_Sign1 issuerAuth', async () => {
    const { credential } = await issue(pid, pidClaims);
    const { issuerSigned, issuerAuth } = parse(credential);
    expect([...issuerSigned.keys()]).toEqual(['nameSpaces', 'issuerAuth']);
    expect(Array.isArray(issuerAuth)).toBe(true);
    expect(issuerAuth).toHaveLength(4);
    expect(decode(issuerAuth[0])).toEqual(new Map([[1, -7]]));
    expect(issuerAuth[1]).toEqual(new Map([[33, Buffer.from(LEAF, 'base64')]]));
    expect(issuerAuth[3]).toHaveLength(64);
  });

  it('signs Sig_structure ["Signature1", protected, h\'\', payload] with the issuer key as r || s', async () => {
    const { credential } = await issue(pid, pidClaims);
    const [protectedHeader, , payload, signature] = parse(credential).issuerAuth;
    const sigStructure = encodeCbor(['Signature1', Buffer.from(protectedHeader), Buffer.alloc(0), Buffer.from(payload)]);
    expect(verify('sha256', sigStructure, { key: issuerKey.publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    expect(verify('sha256', sigStructure, { key: ecKey().publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(false);
  });

  it('puts the status list entry it is given into the MSO as status (Token Status List Section 6.3)', async () => {
    const status = { status_list: { idx: 412, uri: 'https://issuer.example.com/status-lists/1' } };
    const { credential } = await msoMdocFormat.issue({
      configuration: pid,
      claims: pidClaims,
      holderJwk: holder.publicJwk,
      issuer: 'https://issuer.example.com',
      signingKey: { kid: 'ds-1', alg: 'ES256', privateKey: issuerKey.privateKey, publicJwk: issuerKey.publicJwk, x5c: [LEAF] },
      now: NOW,
      status,
    });
    expect(parse(credential).mso.get('status')).toEqual(new Map([['status_list', new Map<string, unknown>([['idx', 412], ['uri', status.status_list.uri]])]]));
    expect(parse((await issue(pid, pidClaims)).credential).mso.has('status')).toBe(false);
  });

  it('puts a certificate chain of more than one certificate in x5chain as an array', async () => {
    const { credential } = await issue(pid, pidClaims, [LEAF, INTERMEDIATE]);
    expect(parse(credential).issuerAuth[1].get(33)).toEqual([Buffer.from(LEAF, 'base64'), Buffer.from(INTERMEDIATE, 'base64')]);
  });

  it('embeds the MSO as tag 24 with version, digest algorithm, docType, device key and validity', async () => {
    const { credential } = await issue(pid, pidClaims);
    const { issuerAuth, mso } = parse(credential);
    const payload = decode(issuerAuth[2]);
    expect(payload).toBeInstanceOf(Tag);
    expect((payload as Tag).tag).toBe(24);
    expect(mso.get('version')).toBe('1.0');
    expect(mso.get('digestAlgorithm')).toBe('SHA-256');
    expect(mso.get('docType')).toBe('eu.europa.ec.eudi.pid.1');
    const deviceKey = (mso.get('deviceKeyInfo') as Map<string, Map<number, unknown>>).get('deviceKey')!;
    expect(deviceKey).toEqual(
      new Map<number, unknown>([
        [1, 2],
        [-1, 1],
        [-2, Buffer.from(holder.publicJwk.x!, 'base64url')],
        [-3, Buffer.from(holder.publicJwk.y!, 'base64url')],
      ]),
    );
    const validity = mso.get('validityInfo') as Map<string, Date>;
    expect([...validity.keys()]).toEqual(['signed', 'validFrom', 'validUntil']);
    expect(validity.get('signed')).toEqual(new Date(NOW * 1000));
    expect(validity.get('validFrom')).toEqual(new Date(NOW * 1000));
    expect(validity.get('validUntil')).toEqual(new Date((NOW + pid.validity_seconds) * 1000));
    // tdate: tag 0 (0xc0) over a 20-character string (0x74) without fractions of seconds.
    const msoBytes = Buffer.from((payload as Tag).value as Uint8Array);
    for (const epoch of [NOW, NOW + pid.validity_seconds]) {
      const text = new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
      expect(msoBytes.includes(Buffer.concat([Buffer.from([0xc0, 0x74]), Buffer.from(text)]))).toBe(true);
    }
  });

  it('digests exactly the IssuerSignedItemBytes it embeds, one value digest per element', async () => {
    const { credential } = await issue(pid, pidClaims);
    const { items, mso } = parse(credential);
    const digests = (mso.get('valueDigests') as Map<string, Map<number, Uint8Array>>).get(PID_NS)!;
    const signed = items.get(PID_NS)!;
    expect(signed).toHaveLength(Object.keys(pidClaims[PID_NS]).length);
    expect(digests.size).toBe(signed.length);
    const raw = Buffer.from(credential, 'base64url');
    for (const { tag, item } of signed) {
      expect(tag.tag).toBe(24);
      const itemBytes = encodeCbor(tag);
      expect(raw.includes(itemBytes)).toBe(true);
      expect(Buffer.from(digests.get(item.get('digestID') as number)!)).toEqual(createHash('sha256').update(itemBytes).digest());
    }
  });

  it('encodes the element values: full-date tag 1004 for dates, CBOR maps, arrays, booleans and integers as given', async () => {
    const { credential } = await issue(pid, pidClaims);
    const values = Object.fromEntries(parse(credential).items.get(PID_NS)!.map(({ item }) => [item.get('elementIdentifier'), item.get('elementValue')]));
    expect(values.birth_date).toEqual(new Tag('1964-08-12', 1004));
    expect(values.expiry_date).toEqual(new Tag('2031-08-31', 1004));
    expect(values.issuance_date).toEqual(new Tag('2026-09-01', 1004));
    expect(values.place_of_birth).toEqual(new Map([['locality', 'Berlin'], ['country', 'DE']]));
    expect(values.nationality).toEqual(['DE']);
    expect(values.age_over_18).toBe(true);
    expect(values.age_birth_year).toBe(1964);
    expect(values.family_name).toBe('Mustermann');
  });

  it('encodes the mDL portrait as bytes and the dates inside driving_privileges as full-dates', async () => {
    const portrait = MDL_PORTRAIT;
    const { credential } = await issue(mdl, { 'org.iso.18013.5.1': { ...mdlElements(), portrait_capture_date: '2025-12-01T09:30:00Z' } });
    const values = Object.fromEntries(parse(credential).items.get('org.iso.18013.5.1')!.map(({ item }) => [item.get('elementIdentifier'), item.get('elementValue')]));
    expect(values.portrait).toEqual(portrait);
    expect(values.driving_privileges).toEqual([
      new Map<string, unknown>([
        ['vehicle_category_code', 'B'],
        ['issue_date', new Tag('2008-04-01', 1004)],
        ['expiry_date', new Tag('2036-01-01', 1004)],
      ]),
    ]);
    expect(values.portrait_capture_date).toEqual(new Date('2025-12-01T09:30:00Z'));
  });

  it('draws a distinct 32-byte salt for every element', async () => {
    const { credential } = await issue(pid, pidClaims);
    const salts = parse(credential).items.get(PID_NS)!.map(({ item }) => Buffer.from(item.get('random') as Uint8Array).toString('hex'));
    expect(new Set(salts).size).toBe(salts.length);
    for (const salt of salts) expect(salt).toHaveLength(64);
  });

  it('assigns unique digestIDs in an order that does not follow the elements', async () => {
    const orders = new Set<string>();
    for (let run = 0; run < 8; run++) {
      const { credential } = await issue(pid, pidClaims);
      const ids = parse(credential).items.get(PID_NS)!.map(({ item }) => item.get('digestID') as number);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids.map((_, index) => index));
      orders.add(ids.join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('lists the value digests by digestID, not by element order', async () => {
    const { credential } = await issue(pid, pidClaims);
    const digests = (parse(credential).mso.get('valueDigests') as Map<string, Map<number, Uint8Array>>).get(PID_NS)!;
    expect([...digests.keys()]).toEqual([...digests.keys()].sort((a, b) => a - b));
  });

  it('gives two issuances of the same claims nothing in common but the values', async () => {
    const first = parse((await issue(pid, pidClaims)).credential);
    const second = parse((await issue(pid, pidClaims)).credential);
    const digestsOf = (parsed: Parsed) => [...(parsed.mso.get('valueDigests') as Map<string, Map<number, Uint8Array>>).get(PID_NS)!.values()].map((d) => Buffer.from(d).toString('hex'));
    expect(digestsOf(first).filter((digest) => digestsOf(second).includes(digest))).toEqual([]);
    expect(Buffer.from(first.issuerAuth[3]).equals(Buffer.from(second.issuerAuth[3]))).toBe(false);
  });

  it('refuses claims the configuration does not describe, naming them', async () => {
    const { reason } = await rejection(issue(pid, { [PID_NS]: { ...pidClaims[PID_NS], shoe_size: 42 }, 'org.example.ns': { x: 1 } }));
    expect(reason).toBe(`cannot issue "eu.europa.ec.eudi.pid_mso_mdoc": claims not in the configuration: ${PID_NS}.shoe_size, org.example.ns`);
  });

  it('refuses to issue without a mandatory data element', async () => {
    const elements: Record<string, unknown> = { ...pidClaims[PID_NS] };
    delete elements.birth_date;
    delete elements.issuing_country;
    expect((await rejection(issue(pid, { [PID_NS]: elements }))).reason).toContain(`mandatory claims missing: ${PID_NS}.birth_date, ${PID_NS}.issuing_country`);
  });

  it('refuses to sign without a document signer certificate', async () => {
    const { reason, help } = await rejection(issue(pid, pidClaims, null));
    expect(reason).toContain('signing key "ds-1" has no certificate chain');
    expect(help).toContain('IACA');
    expect((await rejection(issue(pid, pidClaims, []))).reason).toContain('no certificate chain');
  });

  it('refuses claims that are not grouped by namespace and dates that do not exist', async () => {
    const open = { ...pid, claims: undefined } as CredentialConfiguration;
    expect((await rejection(issue(open, { family_name: 'Mustermann' }))).reason).toContain('namespaces without data elements: family_name');
    expect((await rejection(issue(open, {}))).reason).toContain('no data elements');
    expect((await rejection(issue(pid, { [PID_NS]: { ...pidClaims[PID_NS], birth_date: '1964-02-30' } }))).reason).toContain(`${PID_NS}.birth_date`);
  });

  it('refuses a signing key whose curve does not match its algorithm, and algorithms outside COSE ECDSA', async () => {
    expect((await rejection(issue(pid, pidClaims, [LEAF], ecKey('P-384')))).reason).toContain('not prime256v1');
    expect((await rejection(issue(pid, pidClaims, [LEAF], issuerKey, 'EdDSA'))).reason).toContain('cannot be signed with EdDSA');
  });

  it('refuses a holder key that cannot be a COSE EC2 device key', async () => {
    const okp = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as JWK;
    const refused = await rejection(
      msoMdocFormat.issue({ configuration: pid, claims: pidClaims, holderJwk: okp, issuer: 'https://issuer.example.com', signingKey: { kid: 'ds-1', alg: 'ES256', privateKey: issuerKey.privateKey, publicJwk: issuerKey.publicJwk, x5c: [LEAF] }, now: NOW }),
    );
    expect(refused.reason).toContain('cannot be an mdoc device key');
  });
});
