import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialConfigurationError, loadCredentialConfigurations, parseCredentialConfiguration } from './load-credential-configurations.js';
import { haipScopeProblem } from './z-credential-configuration.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

const degree = {
  id: 'UniversityDegree_SD',
  format: 'dc+sd-jwt',
  vct: 'https://credentials.example.com/university_degree',
  scope: 'UniversityDegree',
  claims: [{ path: ['degree'] }],
};

let dir: string;
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

const ISSUER = 'https://issuer.example.com';

function loadError(files: string[], credentialIssuer?: string): CredentialConfigurationError {
  try {
    loadCredentialConfigurations({ builtins: true, files, ...(credentialIssuer && { credentialIssuer }) });
  } catch (error) {
    if (error instanceof CredentialConfigurationError) return error;
    throw error;
  }
  throw new Error('expected the configurations to be rejected');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credential-configurations-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadCredentialConfigurations', () => {
  it('ships the EUDI PID as a built-in with its disclosure settings as data', () => {
    const pid = loadCredentialConfigurations({ builtins: true, files: [] }).find((c) => c.id === PID);
    expect(pid).toMatchObject({ id: PID, format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1', scope: PID });
    expect(pid?.claims?.find((c) => c.path.join('.') === 'address.locality')?.sd).toBe('always');
    expect(pid?.claims?.find((c) => c.path[0] === 'issuing_country')?.sd).toBe('never');
  });

  it('ships the mdoc built-ins: PID, mDL and age verification, bound to a COSE key and signed with ES256 (-7)', () => {
    const mdocs = loadCredentialConfigurations({ builtins: true, files: [] }).filter((c) => c.format === 'mso_mdoc');
    expect(mdocs.map((c) => [c.id, c.format === 'mso_mdoc' && c.doctype]).sort()).toEqual([
      ['eu.europa.ec.av.1', 'eu.europa.ec.av.1'],
      ['eu.europa.ec.eudi.pid_mso_mdoc', 'eu.europa.ec.eudi.pid.1'],
      ['org.iso.18013.5.1.mDL', 'org.iso.18013.5.1.mDL'],
    ]);
    for (const mdoc of mdocs) {
      expect(mdoc).toMatchObject({ scope: mdoc.id, cryptographic_binding_methods_supported: ['cose_key'], credential_signing_alg_values_supported: [-7] });
      expect(mdoc.claims?.every((c) => c.path.length === 2)).toBe(true);
    }
    const mandatory = (id: string) => mdocs.find((c) => c.id === id)?.claims?.filter((c) => c.mandatory).map((c) => c.path[1]);
    expect(mandatory('org.iso.18013.5.1.mDL')).toEqual([
      'family_name',
      'given_name',
      'birth_date',
      'issue_date',
      'expiry_date',
      'issuing_country',
      'issuing_authority',
      'document_number',
      'portrait',
      'driving_privileges',
      'un_distinguishing_sign',
    ]);
    expect(mandatory('eu.europa.ec.eudi.pid_mso_mdoc')).toEqual([
      'family_name',
      'given_name',
      'birth_date',
      'place_of_birth',
      'nationality',
      'expiry_date',
      'issuing_authority',
      'issuing_country',
    ]);
    expect(mandatory('eu.europa.ec.av.1')).toEqual(['age_over_18']);
  });

  it('adds operator files, single objects and arrays, and applies defaults', () => {
    const one = file('degree.json', degree);
    const many = file('many.json', [{ ...degree, id: 'A' }, { ...degree, id: 'B', validity_seconds: 60 }]);
    const configurations = loadCredentialConfigurations({ builtins: false, files: [one, many] });
    expect(configurations.map((c) => c.id)).toEqual(['UniversityDegree_SD', 'A', 'B']);
    expect(configurations[0]?.validity_seconds).toBe(365 * 24 * 3600);
    expect(configurations[2]?.validity_seconds).toBe(60);
  });

  it('lets an operator file replace a built-in by id', () => {
    const replacement = file('pid.json', { ...degree, id: PID, vct: 'urn:example:pid' });
    const configurations = loadCredentialConfigurations({ builtins: true, files: [replacement] });
    expect(configurations.filter((c) => c.id === PID)).toHaveLength(1);
    expect(configurations.find((c) => c.id === PID)).toMatchObject({ vct: 'urn:example:pid' });
  });

  it('names the file and the field of an invalid configuration', () => {
    const bad = file('bad.json', [degree, { ...degree, id: 'X', claims: [{ path: ['degree'], sd: 'sometimes' }] }]);
    const error = loadError([bad]);
    expect(error.file).toBe(bad);
    expect(error.issues[0]?.field).toBe('[1].claims[0].sd');
    expect(error.message).toContain(bad);
  });

  it('rejects a misspelt member instead of ignoring it', () => {
    const error = loadError([file('typo.json', { ...degree, claims: [{ path: ['degree'], mandatroy: true }] })]);
    expect(error.issues[0]?.field).toBe('claims[0]');
    expect(error.issues[0]?.message).toContain('mandatroy');
  });

  it('rejects a configuration without its format-specific type', () => {
    const error = loadError([file('bare.json', { id: degree.id, format: degree.format, claims: degree.claims })]);
    expect(error.issues.map((i) => i.field)).toEqual(['vct']);
  });

  it('takes a configuration without scope (OID4VCI 1.0 Section 12.2.4: OPTIONAL), which HAIP 1.0 refuses', () => {
    const unscoped = { ...degree, scope: undefined };
    const [configuration] = loadCredentialConfigurations({ builtins: false, files: [file('unscoped.json', unscoped)] });
    expect(configuration?.scope).toBeUndefined();
    expect(haipScopeProblem(configuration!)).toBe('credential configuration UniversityDegree_SD has no scope, which HAIP 1.0 Section 4.1 requires of every credential configuration');
    expect(haipScopeProblem(degree)).toBeUndefined();
  });

  it('puts a status list entry in issued credentials unless status_list is false', () => {
    const [withStatus, without] = loadCredentialConfigurations({ builtins: false, files: [file('status.json', [degree, { ...degree, id: 'NoStatus', scope: 'NoStatus', status_list: false }])] });
    expect(withStatus?.status_list).toBe(true);
    expect(without?.status_list).toBe(false);
  });

  it('rejects selective disclosure settings on formats without selective disclosure', () => {
    const mdoc = { id: 'mdoc', format: 'mso_mdoc', doctype: 'org.example.1', scope: 'mdoc', claims: [{ path: ['org.example.1', 'name'], sd: 'never' }] };
    const error = loadError([file('mdoc-sd.json', mdoc)]);
    expect(error.issues).toEqual([{ field: 'claims[0].sd', message: 'selective disclosure is a dc+sd-jwt setting; mso_mdoc has none' }]);
  });

  it('parses one configuration as the management API receives it, naming each field that is wrong', () => {
    const parsed = parseCredentialConfiguration({ ...degree, format: 'ldp_vc', claims: [{ path: [] }] }, ISSUER);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.field)).toEqual(['format']);
    const resolved = parseCredentialConfiguration({ ...degree, vct: '/vct/degree' }, ISSUER);
    expect(resolved).toMatchObject({ ok: true, configuration: { vct: `${ISSUER}/vct/degree` } });
  });

  it('rejects contradictory claims descriptions (OID4VCI 1.0 Appendix B.3)', () => {
    const twice = loadError([file('twice.json', { ...degree, claims: [{ path: ['degree'] }, { path: ['degree'] }] })]);
    expect(twice.issues[0]).toEqual({ field: 'claims', message: 'claims[0] and claims[1]: degree is described twice' });
    const mixed = loadError([file('mixed.json', { ...degree, claims: [{ path: ['degrees', null, 'type'] }, { path: ['degrees', 0] }] })]);
    expect(mixed.issues[0]?.message).toContain('both with null (all elements) and with an index');
    const shape = loadError([file('shape.json', { ...degree, claims: [{ path: ['address', 'city'] }, { path: ['address', 0] }] })]);
    expect(shape.issues[0]?.message).toContain('address is addressed both as an object and as an array');
  });

  it('requires proof_types_supported together with cryptographic_binding_methods_supported (OID4VCI 1.0 Section 12.2.4)', () => {
    const error = loadError([file('binding.json', { ...degree, cryptographic_binding_methods_supported: ['jwk'] })]);
    expect(error.issues[0]?.field).toBe('proof_types_supported');
  });

  it('rejects claims the SD-JWT VC issuer sets itself', () => {
    const error = loadError([file('reserved.json', { ...degree, claims: [{ path: ['cnf'] }] })]);
    expect(error.issues[0]).toMatchObject({ field: 'claims[0].path', message: '"cnf" is set by the issuer and cannot be a claim' });
  });

  it('rejects the same id in two operator files, naming both', () => {
    const error = loadError([file('one.json', degree), file('two.json', degree)]);
    expect(error.file).toBe(join(dir, 'two.json'));
    expect(error.issues[0]?.message).toContain(join(dir, 'one.json'));
  });

  it('reports unreadable and non-JSON files', () => {
    expect(loadError([join(dir, 'missing.json')]).message).toContain('cannot be read (ENOENT)');
    expect(loadError([file('broken.json', '{ "id": ')]).message).toContain('is not JSON');
  });

  it('resolves a vct given as /vct/<name> against the issuer URL, and leaves URNs and other hosts alone', () => {
    const own = file('own.json', [
      { ...degree, id: 'own', vct: '/vct/university_degree-1' },
      { ...degree, id: 'urn', vct: 'urn:example:degree' },
      { ...degree, id: 'external', vct: 'https://credentials.example.com/university_degree' },
      { ...degree, id: 'absolute', vct: `${ISSUER}/vct/degree` },
    ]);
    const vcts = loadCredentialConfigurations({ builtins: false, files: [own], credentialIssuer: ISSUER }).map((c) => c.format === 'dc+sd-jwt' && c.vct);
    expect(vcts).toEqual([`${ISSUER}/vct/university_degree-1`, 'urn:example:degree', 'https://credentials.example.com/university_degree', `${ISSUER}/vct/degree`]);
  });

  it('rejects a vct path the issuer cannot serve type metadata at', () => {
    for (const vct of ['/types/degree', '/vct/', '/vct/a/b', '/vct/..', '/vct/a?b']) {
      expect(loadError([file('path.json', { ...degree, vct })], ISSUER).issues[0]).toMatchObject({ field: 'vct', message: expect.stringContaining('/vct/<name>') });
    }
    const beside = loadError([file('beside.json', { ...degree, vct: `${ISSUER}/types/degree` })], ISSUER);
    expect(beside.issues[0]).toEqual({ field: 'vct', message: `"${ISSUER}/types/degree" is under the issuer's URL but not at /vct/<name>, where the issuer serves type metadata` });
    const unresolved = loadError([file('unresolved.json', [degree, { ...degree, id: 'own', vct: '/vct/degree' }])]);
    expect(unresolved.issues[0]).toEqual({ field: '[1].vct', message: '"/vct/degree" is a path, and no issuer URL was given to resolve it against' });
  });
});
