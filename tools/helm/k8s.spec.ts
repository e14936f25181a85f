import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { k8sDir, k8sManifestFiles } from './k8s-manifests.js';
import { kustomizeBuild } from './kustomize-build.js';
import { isOnPath, parseManifests, type KubernetesObject } from './render-chart.js';
import { validateObject } from './validate-objects.js';

const timeout = 120_000;
const key = (object: KubernetesObject) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
const byKey = (objects: KubernetesObject[]) => Object.fromEntries(objects.map((object) => [key(object), object]));

const kubectl = isOnPath('kubectl', ['version', '--client']);

describe('k8s/ (plain kustomize manifests)', () => {
  it('is the chart rendered for kustomize, file by file', () => {
    for (const [file, content] of k8sManifestFiles()) {
      const path = join(k8sDir, file);
      // UPDATE_CHART_FILES=1 regenerates k8s/ from the chart.
      if (process.env['UPDATE_CHART_FILES'] === '1') {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
      expect({ file, content: readFileSync(path, 'utf8') }).toEqual({ file, content });
    }
  }, timeout);

  it.each(['base', 'overlays/istio'])('%s builds into objects their models accept, all in the platform namespace', (overlay) => {
    const objects = kustomizeBuild(join(k8sDir, overlay));
    expect(objects.flatMap(validateObject)).toEqual([]);
    expect(objects.filter((object) => object.kind !== 'Namespace' && object.metadata.namespace !== 'issuer-platform')).toEqual([]);
    expect(objects.filter((object) => object.kind === 'Deployment')).toHaveLength(6);
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
  }, timeout);

  it('the istio overlay adds the mesh objects and the sidecar drain settings to the services only', () => {
    const objects = kustomizeBuild(join(k8sDir, 'overlays/istio'));
    const kinds = new Set(objects.map((object) => object.kind));
    for (const kind of ['Gateway', 'VirtualService', 'DestinationRule', 'PeerAuthentication', 'AuthorizationPolicy']) expect(kinds).toContain(kind);
    const annotated = objects
      .filter((object) => object.kind === 'Deployment')
      .map((object) => [object.metadata.name, Boolean((object['spec'] as any).template.metadata.annotations?.['proxy.istio.io/config'])]);
    expect(Object.fromEntries(annotated)).toEqual({
      'issuer-platform-offer-service': true,
      'issuer-platform-auth-service': true,
      'issuer-platform-credential-service': true,
      'issuer-platform-deferred-service': true,
      'issuer-platform-session-log-service': true,
      'issuer-platform-otel-collector': false,
    });
    expect(objects.find((object) => object.kind === 'Namespace')?.metadata.labels).toEqual({ 'istio-injection': 'enabled' });
  }, timeout);

  it('the offline build refuses a kustomization feature it does not implement', () => {
    const directory = join(k8sDir, '..', '.tools', 'kustomize-unsupported');
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'kustomization.yaml'), 'resources: []\nnamePrefix: staging-\n');
    expect(() => kustomizeBuild(directory)).toThrow(/unsupported field\(s\) namePrefix/);
  });

  // Registered only where kubectl is on PATH: the offline build must agree with kubectl kustomize.
  if (kubectl) it.each(['base', 'overlays/istio'])('kubectl kustomize %s builds the same objects as the offline build', (overlay) => {
    const built = parseManifests(execFileSync('kubectl', ['kustomize', join(k8sDir, overlay)], { encoding: 'utf8' }));
    expect(byKey(built)).toEqual(byKey(kustomizeBuild(join(k8sDir, overlay))));
  }, timeout);
});
