import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const chartDir = join(repoRoot, 'charts', 'issuer-platform');

const rendererSource = join(repoRoot, 'tools', 'helm-render', 'main.go');

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface RenderOptions {
  valueFiles?: string[];
  apiVersions?: string[];
  releaseName?: string;
  namespace?: string;
  notes?: boolean;
}

/**
 * The offline renderer (tools/helm-render), built from source with Debian's Go, sprig and yaml in
 * GOPATH mode, once per source version, under .tools/ (outside git).
 */
export function helmRenderBinary(): string {
  const hash = createHash('sha256').update(readFileSync(rendererSource)).digest('hex').slice(0, 16);
  const binary = join(repoRoot, '.tools', 'helm-render', hash, 'helm-render');
  if (!existsSync(binary)) {
    mkdirSync(dirname(binary), { recursive: true });
    // Built under a name of its own and renamed, so test files building at once never run a half-written binary.
    const building = `${binary}.${process.pid}`;
    try {
      execFileSync('go', ['build', '-o', building, './tools/helm-render'], {
        cwd: repoRoot,
        env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(repoRoot, '.tools', 'go-cache') },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      throw new Error(`building tools/helm-render needs Debian's golang-go, golang-github-masterminds-sprig-dev and golang-github-ghodss-yaml-dev (.ci/run installs them): ${(error as Error).message}`);
    }
    renameSync(building, binary);
  }
  return binary;
}

export function renderChartText(options: RenderOptions = {}): string {
  const args = ['-chart', chartDir, '-name', options.releaseName ?? 'issuer', '-namespace', options.namespace ?? 'issuer'];
  for (const file of options.valueFiles ?? []) args.push('-f', resolve(chartDir, file));
  if (options.apiVersions) args.push('-api-versions', options.apiVersions.join(','));
  if (options.notes) args.push('-notes');
  return execFileSync(helmRenderBinary(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function renderChart(options: RenderOptions = {}): KubernetesObject[] {
  return parseManifests(renderChartText(options));
}

/** Every YAML document of a multi-document stream; a document that is not valid YAML throws. */
export function parseManifests(text: string): KubernetesObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors.map((error) => error.message).join('; ')}`);
    const value = document.toJS() as KubernetesObject | null;
    return value === null ? [] : [value];
  });
}

/** Whether a command runs here (helm and kubectl are optional: tests that need them register only where they are). */
export function isOnPath(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
