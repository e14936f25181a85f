import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../helm/render-chart.js';

export const observabilityDir = join(repoRoot, 'observability');
export const grafanaDir = join(observabilityDir, 'grafana');

export interface Datasource {
  name: string;
  uid: string;
  type: string;
  access: string;
  url: string;
  jsonData?: Record<string, any>;
  secureJsonData?: Record<string, string>;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: Array<Record<string, any> & { refId: string; datasource?: { type: string; uid: string } }>;
  [field: string]: unknown;
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string; [field: string]: unknown }> };
  [field: string]: unknown;
}

/** Every file under a folder, as paths relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

export const yamlFile = <T>(path: string): T => parse(readFileSync(path, 'utf8'), { merge: true }) as T;

export function datasources(): Datasource[] {
  return yamlFile<{ datasources: Datasource[] }>(join(grafanaDir, 'provisioning', 'datasources', 'issuer-platform.yaml')).datasources;
}

export function dashboards(): Array<{ file: string; dashboard: Dashboard }> {
  const dir = join(grafanaDir, 'dashboards');
  return filesUnder(dir).map((file) => ({ file, dashboard: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Dashboard }));
}

export interface Compose {
  name: string;
  services: Record<string, { image?: string; environment?: Record<string, string>; volumes?: Array<string>; command?: string[]; depends_on?: Record<string, unknown> }>;
  volumes?: Record<string, unknown>;
}

export const compose = (): Compose => yamlFile<Compose>(join(repoRoot, 'docker-compose.yml'));

/** `${VARIABLE}` references Grafana expands in a provisioning file (`$$` escapes a literal `$`). */
export function grafanaVariables(text: string): string[] {
  return [...text.matchAll(/(?<!\$)\$\{(\w+)\}/g)].map((match) => match[1] as string);
}
