import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as istioNetworking from '@kubernetes-models/istio/networking.istio.io/v1';
import * as istioSecurity from '@kubernetes-models/istio/security.istio.io/v1';
import * as monitoring from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';
import { repoRoot, type KubernetesObject } from './render-chart.js';

// Each model's constructor takes its own typed data; rendered objects are checked at run time instead.
type ModelClass = new (data: any) => { validate(): void };

/** The model of each API version and kind the chart and the manifests use, with the package that defines it. */
const models: Record<string, { model: ModelClass; schemaPackage: string; schema: string }> = {
  'v1/ConfigMap': { model: core.ConfigMap, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiCoreV1ConfigMap' },
  'v1/Secret': { model: core.Secret, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiCoreV1Secret' },
  'v1/Service': { model: core.Service, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiCoreV1Service' },
  'v1/ServiceAccount': { model: core.ServiceAccount, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiCoreV1ServiceAccount' },
  'v1/Namespace': { model: core.Namespace, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiCoreV1Namespace' },
  'apps/v1/Deployment': { model: apps.Deployment, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiAppsV1Deployment' },
  'batch/v1/Job': { model: batch.Job, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiBatchV1Job' },
  'autoscaling/v2/HorizontalPodAutoscaler': { model: autoscaling.HorizontalPodAutoscaler, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiAutoscalingV2HorizontalPodAutoscaler' },
  'policy/v1/PodDisruptionBudget': { model: policy.PodDisruptionBudget, schemaPackage: 'kubernetes-models', schema: 'IoK8sApiPolicyV1PodDisruptionBudget' },
  'networking.istio.io/v1/Gateway': { model: istioNetworking.Gateway, schemaPackage: '@kubernetes-models/istio', schema: 'NetworkingIstioIoV1Gateway' },
  'networking.istio.io/v1/VirtualService': { model: istioNetworking.VirtualService, schemaPackage: '@kubernetes-models/istio', schema: 'NetworkingIstioIoV1VirtualService' },
  'networking.istio.io/v1/DestinationRule': { model: istioNetworking.DestinationRule, schemaPackage: '@kubernetes-models/istio', schema: 'NetworkingIstioIoV1DestinationRule' },
  'security.istio.io/v1/PeerAuthentication': { model: istioSecurity.PeerAuthentication, schemaPackage: '@kubernetes-models/istio', schema: 'SecurityIstioIoV1PeerAuthentication' },
  'security.istio.io/v1/AuthorizationPolicy': { model: istioSecurity.AuthorizationPolicy, schemaPackage: '@kubernetes-models/istio', schema: 'SecurityIstioIoV1AuthorizationPolicy' },
  'security.istio.io/v1/RequestAuthentication': { model: istioSecurity.RequestAuthentication, schemaPackage: '@kubernetes-models/istio', schema: 'SecurityIstioIoV1RequestAuthentication' },
  'monitoring.coreos.com/v1/ServiceMonitor': { model: monitoring.ServiceMonitor, schemaPackage: '@kubernetes-models/prometheus-operator', schema: 'ComGithubPrometheusOperatorPrometheusOperatorPkgApisMonitoringV1ServiceMonitor' },
};

/** Maps whose keys are data, not fields: labels, annotations, ConfigMap and Secret data, selectors, quantities. */
const freeFormKeys = new Set(['labels', 'annotations', 'data', 'stringData', 'binaryData', 'matchLabels', 'nodeSelector', 'limits', 'requests']);
const freeFormSelectorKinds = new Set(['Service', 'Gateway']);

/**
 * Problems of one object: what its model's schema rejects (types, enums, required fields), and
 * field names its schema does not know, which the models' validators let through (a misspelled
 * `readinesProbe` would otherwise pass and be dropped by the API server).
 */
export function validateObject(object: KubernetesObject): string[] {
  const id = `${object.kind}/${object.metadata?.name}`;
  const entry = models[`${object.apiVersion}/${object.kind}`];
  if (!entry) return [`${id}: no model for ${object.apiVersion} ${object.kind}`];
  const problems: string[] = [];
  try {
    new entry.model(object).validate();
  } catch (error) {
    problems.push(`${id}: ${(error as Error).message}`);
  }
  const known = knownFieldNames(entry.schemaPackage, entry.schema);
  for (const path of unknownFields(object, known, object.kind)) problems.push(`${id}: unknown field ${path}`);
  return problems;
}

function unknownFields(value: unknown, known: ReadonlySet<string>, kind: string, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => unknownFields(item, known, kind, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = path ? `${path}.${key}` : key;
    if (!known.has(key)) return [childPath];
    if (freeFormKeys.has(key) || (key === 'selector' && path === 'spec' && freeFormSelectorKinds.has(kind))) return [];
    return unknownFields(child, known, kind, childPath);
  });
}

const vocabularies = new Map<string, ReadonlySet<string>>();

/** Every field name the schema of a kind (and the schemas it imports) validates. */
function knownFieldNames(schemaPackage: string, schema: string): ReadonlySet<string> {
  const key = `${schemaPackage}/${schema}`;
  let names = vocabularies.get(key);
  if (!names) {
    names = collectFieldNames(join(packageDir(schemaPackage), '_schemas', `${schema}.js`));
    vocabularies.set(key, names);
  }
  return names;
}

function collectFieldNames(entryFile: string): Set<string> {
  const names = new Set<string>(['apiVersion', 'kind', 'metadata']);
  const pending = [entryFile];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/data\.([A-Za-z_$][\w$]*)|data\["([^"]+)"\]/g)) names.add(match[1] ?? (match[2] as string));
    for (const match of source.matchAll(/from"([^"]+)"/g)) {
      const specifier = match[1] as string;
      if (!specifier.startsWith('.') && !specifier.includes('_schemas')) continue;
      pending.push(specifier.startsWith('.') ? join(dirname(file), specifier) : `${resolvePackageFile(specifier)}`);
    }
  }
  return names;
}

function resolvePackageFile(specifier: string): string {
  const [scope, name, ...rest] = specifier.split('/');
  const file = join(packageDir(`${scope}/${name}`), ...rest);
  return file.endsWith('.js') ? file : `${file}.js`;
}

function packageDir(name: string): string {
  return join(repoRoot, 'node_modules', name);
}
