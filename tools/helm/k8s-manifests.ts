import { join } from 'node:path';
import { stringify } from 'yaml';
import { renderChart, repoRoot, type KubernetesObject } from './render-chart.js';

export const k8sDir = join(repoRoot, 'k8s');
const release = { releaseName: 'issuer-platform', namespace: 'issuer-platform' };
const baseValues = [join(repoRoot, 'tools', 'helm', 'k8s-values.yaml')];
const istioValues = [...baseValues, join(repoRoot, 'tools', 'helm', 'k8s-istio-values.yaml')];

const header = [
  '# Generated from charts/issuer-platform (values: tools/helm/k8s-values.yaml) by tools/helm/k8s-manifests.ts;',
  '# tools/helm/k8s.spec.ts fails when this file differs, and UPDATE_CHART_FILES=1 regenerates it.',
].join('\n');

/** Every generated file of k8s/, by path relative to it: the base by kind, the istio overlay's objects and patches. */
export function k8sManifestFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const base = renderChart({ ...release, valueFiles: baseValues }).map(withoutHelm);
  const kinds = [...new Set(base.map((object) => object.kind))];
  for (const kind of kinds) files.set(`base/${kind.toLowerCase()}s.yaml`, manifestFile(base.filter((object) => object.kind === kind)));
  files.set('base/namespaces.yaml', manifestFile([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: release.namespace } }]));
  files.set('base/kustomization.yaml', kustomization({ namespace: release.namespace, resources: ['namespaces.yaml', ...kinds.map((kind) => `${kind.toLowerCase()}s.yaml`)] }));

  const meshed = renderChart({ ...release, valueFiles: istioValues }).map(withoutHelm);
  files.set('overlays/istio/istio.yaml', manifestFile(meshed.filter((object) => object.apiVersion.includes('istio.io'))));
  const deployment = meshed.find((object) => object.kind === 'Deployment' && object.metadata.labels?.['app.kubernetes.io/component'] === 'auth-service') as KubernetesObject;
  const pod = (deployment['spec'] as { template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> } } }).template.metadata;
  files.set('overlays/istio/sidecar-patch.yaml', manifestFile([{
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'services' },
    spec: { template: { metadata: { labels: { 'sidecar.istio.io/inject': pod.labels['sidecar.istio.io/inject'] as string }, annotations: { 'proxy.istio.io/config': pod.annotations['proxy.istio.io/config'] as string } } } },
  }]));
  files.set('overlays/istio/namespace-patch.yaml', manifestFile([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: release.namespace, labels: { 'istio-injection': 'enabled' } } }]));
  files.set('overlays/istio/kustomization.yaml', kustomization({
    namespace: release.namespace,
    resources: ['../../base', 'istio.yaml'],
    patches: [{ path: 'sidecar-patch.yaml', target: { kind: 'Deployment', labelSelector: 'issuer-platform/workload=service' } }, { path: 'namespace-patch.yaml' }],
  }));
  return files;
}

/** Plain manifests: no Helm hooks, chart labels or config checksums. */
function withoutHelm(object: KubernetesObject): KubernetesObject {
  const copy = structuredClone(object);
  const strip = (metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined) => {
    if (!metadata) return;
    if (metadata.labels) {
      delete metadata.labels['helm.sh/chart'];
      if (metadata.labels['app.kubernetes.io/managed-by']) metadata.labels['app.kubernetes.io/managed-by'] = 'kustomize';
    }
    for (const key of Object.keys(metadata.annotations ?? {})) if (key.startsWith('helm.sh/') || key.startsWith('checksum/')) delete metadata.annotations?.[key];
    if (metadata.annotations && Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  };
  strip(copy.metadata);
  strip((copy['spec'] as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template?.metadata);
  return copy;
}

function manifestFile(objects: object[]): string {
  return `${header}\n${objects.map((object) => stringify(object, { lineWidth: 0 })).join('---\n')}`;
}

function kustomization(fields: object): string {
  return `${header}\n${stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', ...fields }, { lineWidth: 0 })}`;
}
