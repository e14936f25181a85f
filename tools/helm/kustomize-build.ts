import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseManifests, type KubernetesObject } from './render-chart.js';

interface Patch {
  path: string;
  target?: { kind?: string; labelSelector?: string };
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  patches?: Patch[];
}

const supportedFields = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'patches']);

/**
 * `kubectl kustomize` for the features k8s/ uses (resources, namespace, strategic-merge patches of
 * maps selected by kind and label), where no kubectl is installed. Any other kustomization field
 * is refused rather than ignored.
 */
export function kustomizeBuild(directory: string): KubernetesObject[] {
  const kustomization = parse(readFileSync(join(directory, 'kustomization.yaml'), 'utf8')) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((field) => !supportedFields.has(field));
  if (unsupported.length > 0) throw new Error(`${directory}/kustomization.yaml: unsupported field(s) ${unsupported.join(', ')}`);
  let objects = (kustomization.resources ?? []).flatMap((resource) => {
    const path = join(directory, resource);
    return statSync(path).isDirectory() ? kustomizeBuild(path) : parseManifests(readFileSync(path, 'utf8'));
  });
  for (const patch of kustomization.patches ?? []) {
    const [change] = parseManifests(readFileSync(join(directory, patch.path), 'utf8'));
    if (!change) throw new Error(`${patch.path} holds no patch`);
    // A patch with a target applies to each object it selects, whatever name the patch itself carries.
    const applied: Record<string, unknown> = patch.target ? { ...change, metadata: { ...change.metadata, name: undefined } } : change;
    if (patch.target) delete (applied['metadata'] as { name?: string }).name;
    objects = objects.map((object) => (patchApplies(object, change, patch.target) ? (mergeMaps(object, applied) as KubernetesObject) : object));
  }
  if (kustomization.namespace) {
    const namespace = kustomization.namespace;
    objects = objects.map((object) => (object.kind === 'Namespace' ? object : { ...object, metadata: { ...object.metadata, namespace } }));
  }
  return objects;
}

function patchApplies(object: KubernetesObject, change: KubernetesObject, target: Patch['target']): boolean {
  if (!target) return object.kind === change.kind && object.metadata.name === change.metadata.name;
  if (target.kind && object.kind !== target.kind) return false;
  return (target.labelSelector ?? '').split(',').filter(Boolean).every((requirement) => {
    const [key, value] = requirement.split('=') as [string, string];
    return object.metadata.labels?.[key] === value;
  });
}

/** A strategic merge of maps: keys merge recursively, anything else is replaced. */
function mergeMaps(base: unknown, change: unknown): unknown {
  if (!isMap(base) || !isMap(change)) return change;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(change)) merged[key] = key in base ? mergeMaps(base[key], value) : value;
  return merged;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
