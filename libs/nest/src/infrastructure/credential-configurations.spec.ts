import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zCredentialConfiguration, type CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { CredentialConfigurationRegistry, readCredentialConfigurations } from './credential-configurations.js';

const ISSUER = 'https://issuer.example.com';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

const degree = (changes: Partial<Record<string, unknown>> = {}): CredentialConfiguration =>
  zCredentialConfiguration.parse({ id: 'degree', format: 'dc+sd-jwt', vct: 'urn:example:degree', scope: 'degree', claims: [{ path: ['degree'] }], ...changes });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credential-configuration-registry-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CredentialConfigurationRegistry', () => {
  it('starts from the built-ins and the operator files, each marked with where it comes from', () => {
    const file = join(dir, 'degree.json');
    writeFileSync(file, JSON.stringify(degree()));
    const registry = readCredentialConfigurations([file], ISSUER, 'lenient');
    expect(registry.entry(PID)).toMatchObject({ source: 'builtin', disabled: false, revision: 0 });
    expect(registry.entry('degree')).toMatchObject({ source: 'file', disabled: false, revision: 0 });
    expect(registry.get('degree')).toMatchObject({ vct: 'urn:example:degree' });
  });

  it('refuses to start under the HAIP profile with a configuration without scope', () => {
    const file = join(dir, 'unscoped.json');
    const unscoped = { ...degree(), scope: undefined };
    writeFileSync(file, JSON.stringify(unscoped));
    expect(() => readCredentialConfigurations([file], ISSUER, 'haip')).toThrow('COMPATIBILITY_PROFILE is haip, and credential configuration degree has no scope');
    expect(readCredentialConfigurations([file], ISSUER, 'lenient').get('degree')?.scope).toBeUndefined();
  });

  it('takes a newer revision of a configuration and ignores an older or repeated one', () => {
    const registry = new CredentialConfigurationRegistry([{ configuration: degree(), source: 'file' }]);
    expect(registry.apply({ configuration: degree({ validity_seconds: 60 }), disabled: false, revision: 2 })).toBe(true);
    expect(registry.apply({ configuration: degree({ validity_seconds: 30 }), disabled: false, revision: 1 })).toBe(false);
    expect(registry.apply({ configuration: degree({ validity_seconds: 30 }), disabled: false, revision: 2 })).toBe(false);
    expect(registry.entry('degree')).toMatchObject({ source: 'api', revision: 2, configuration: { validity_seconds: 60 } });
    expect(registry.version).toBe(1);
  });

  it('adds a configuration it did not know', () => {
    const registry = new CredentialConfigurationRegistry([]);
    registry.apply({ configuration: degree({ id: 'new', scope: 'new' }), disabled: false, revision: 1 });
    expect([...registry.keys()]).toEqual(['new']);
    expect(registry.size).toBe(1);
  });

  it('keeps a disabled configuration out of what it offers as a map, and shows it as an entry', () => {
    const other = degree({ id: 'other', scope: 'other' });
    const registry = new CredentialConfigurationRegistry([{ configuration: degree(), source: 'builtin' }, { configuration: other, source: 'builtin' }]);
    registry.apply({ configuration: degree(), disabled: true, revision: 1 });
    expect(registry.get('degree')).toBeUndefined();
    expect(registry.has('degree')).toBe(false);
    expect([...registry.values()].map(({ id }) => id)).toEqual(['other']);
    expect([...registry].map(([id]) => id)).toEqual(['other']);
    expect(registry.size).toBe(1);
    expect(registry.entry('degree')).toMatchObject({ disabled: true, revision: 1, source: 'api' });
    expect(registry.allEntries().map(({ configuration, disabled }) => [configuration.id, disabled])).toEqual([['degree', true], ['other', false]]);

    registry.apply({ configuration: degree(), disabled: false, revision: 2 });
    expect(registry.get('degree')?.id).toBe('degree');
  });
});
