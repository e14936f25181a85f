import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { commands, createEnvelope, subjects, type ListCredentialConfigurationsReplyV1 } from '@issuer/contracts-events';
import { zCredentialConfiguration } from '@issuer/protocol-oid4vci';
import { pino } from 'pino';
import { InProcessBus } from '../messaging/in-process-bus.js';
import { CredentialConfigurationSync } from './credential-configuration-sync.js';
import { CredentialConfigurationRegistry } from './credential-configurations.js';

const configuration = (id: string, validity_seconds = 3600) => zCredentialConfiguration.parse({ id, format: 'dc+sd-jwt', vct: `urn:example:${id}`, scope: id, validity_seconds });

const changed = (data: { configuration: ReturnType<typeof configuration>; disabled: boolean; revision: number }) =>
  createEnvelope({ type: subjects.credentialConfigurationChanged, version: 1, sessionId: null, data });

describe('CredentialConfigurationSync', () => {
  const bus = new InProcessBus({ log: pino({ level: 'silent' }) });
  const started: CredentialConfigurationSync[] = [];

  const start = async (registry: CredentialConfigurationRegistry) => {
    const sync = new CredentialConfigurationSync(registry, bus, bus, pino({ level: 'silent' }));
    started.push(sync);
    await sync.onApplicationBootstrap();
    return sync;
  };

  afterEach(async () => {
    for (const sync of started.splice(0)) await sync.onApplicationShutdown();
  });

  afterAll(() => bus.close());

  it('takes what the offer-service stored at start, then every change event, keeping the highest revision', async () => {
    const stored: ListCredentialConfigurationsReplyV1 = { configurations: [{ configuration: configuration('stored'), disabled: true, revision: 4 }] };
    const answering = await bus.handle(commands.listCredentialConfigurations, async () => stored);
    const registry = new CredentialConfigurationRegistry([{ configuration: configuration('builtin'), source: 'builtin' }]);
    await start(registry);
    expect(registry.entry('stored')).toMatchObject({ disabled: true, revision: 4, source: 'api' });

    await bus.publish(subjects.credentialConfigurationChanged, changed({ configuration: configuration('builtin', 60), disabled: false, revision: 1 }));
    await bus.publish(subjects.credentialConfigurationChanged, changed({ configuration: configuration('stored', 60), disabled: false, revision: 3 }));
    await bus.drain();
    expect(registry.get('builtin')?.validity_seconds).toBe(60);
    expect(registry.entry('stored')).toMatchObject({ disabled: true, revision: 4 });
    await answering.stop();
  });

  it('asks again until the offer-service answers', async () => {
    const registry = new CredentialConfigurationRegistry([]);
    await start(registry);
    expect(registry.allEntries()).toEqual([]);
    const answering = await bus.handle(commands.listCredentialConfigurations, async () => ({ configurations: [{ configuration: configuration('late'), disabled: false, revision: 1 }] }));
    const deadline = Date.now() + 5_000;
    while (!registry.has('late') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(registry.get('late')?.id).toBe('late');
    await answering.stop();
  }, 10_000);
});
