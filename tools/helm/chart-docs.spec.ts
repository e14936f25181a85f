import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { chartReadme, valuesParameters } from './chart-docs.js';
import { chartDir } from './render-chart.js';

describe('the chart README', () => {
  const valuesYaml = readFileSync(join(chartDir, 'values.yaml'), 'utf8');

  it('documents every parameter of values.yaml, with its default', () => {
    const parameters = valuesParameters(valuesYaml);
    expect(parameters.find((parameter) => parameter.key === 'publicUrl')).toEqual({ key: 'publicUrl', defaultValue: '', description: expect.stringContaining('DPoP `htu`') });
    expect(parameters.find((parameter) => parameter.key === 'serviceDefaults.preStopSleepSeconds')?.defaultValue).toBe(5);
    expect(parameters.find((parameter) => parameter.key === 'istio.retries')?.defaultValue).toEqual({ attempts: 2, perTryTimeout: '5s', retryOn: 'connect-failure,refused-stream,unavailable,cancelled,503' });
  });

  it('refuses a values.yaml with an undocumented parameter', () => {
    expect(() => valuesParameters('# -- documented\na: 1\nb: 2\n')).toThrow('values.yaml: b has no "# -- " description');
    expect(valuesParameters('# -- documented\na: 1\nnested:\n  # -- inner\n  c: true\n')).toEqual([
      { key: 'a', defaultValue: 1, description: 'documented' },
      { key: 'nested.c', defaultValue: true, description: 'inner' },
    ]);
  });

  it('carries the parameter table generated from values.yaml', () => {
    const file = join(chartDir, 'README.md');
    // UPDATE_CHART_FILES=1 regenerates the table.
    if (process.env['UPDATE_CHART_FILES'] === '1') writeFileSync(file, chartReadme(readFileSync(file, 'utf8'), valuesYaml));
    const readme = readFileSync(file, 'utf8');
    expect(readme).toBe(chartReadme(readme, valuesYaml));
  });
});
