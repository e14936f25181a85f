import { describe, expect, it } from '@jest/globals';
import { parseCliArguments } from './parse-args.js';

describe('parseCliArguments', () => {
  it('reads every option', () => {
    const cli = parseCliArguments([
      '--mode', 'distributed', '--concurrency', '64', '--flows', '2000', '--duration', '60', '--warmup', '50', '--config', 'my-config',
      '--tx-code', '--verify-every', '1', '--timeout', '5', '--floor-ms', '200', '--port', '20000', '--cpu-prof', '/tmp/prof',
      '--claims', 'claims.json', '--out', '/tmp/results', '--json',
    ]);
    expect(cli.options).toMatchObject({
      mode: 'distributed', concurrency: 64, flows: 2000, durationSeconds: 60, warmup: 50, configurationId: 'my-config',
      txCode: true, verifyEvery: 1, timeoutSeconds: 5, floorMilliseconds: 200, port: 20000, cpuProfileDir: '/tmp/prof',
    });
    expect(cli).toMatchObject({ claimsFile: 'claims.json', outDir: '/tmp/results', json: true, help: false });
  });

  it('takes --pid repeated or comma-separated with --url', () => {
    const cli = parseCliArguments(['--url', 'http://127.0.0.1:3000', '--pid', '10,11', '--pid', '12', '--admin-key', 'secret-secret-secret']);
    expect(cli.options).toMatchObject({ url: 'http://127.0.0.1:3000', pids: [10, 11, 12], adminApiKey: 'secret-secret-secret' });
  });

  it('turns the tx_code off with --no-tx-code', () => {
    expect(parseCliArguments(['--mode', 'embedded', '--no-tx-code']).options?.txCode).toBe(false);
  });

  it('answers --help without a target', () => {
    expect(parseCliArguments(['--help'])).toEqual({ help: true, json: false });
  });

  it('refuses what is not a whole number, out of bounds, unknown or stray', () => {
    expect(() => parseCliArguments(['--mode', 'embedded', '--flows', '1e3'])).toThrow(/--flows must be a whole number/);
    expect(() => parseCliArguments(['--mode', 'embedded', '--concurrency', '-4'])).toThrow();
    expect(() => parseCliArguments(['--mode', 'embedded', '--concurrency', '5000'])).toThrow(/--concurrency must be an integer from 1 to 1024/);
    expect(() => parseCliArguments(['--mode', 'embedded', '--duration', '99999'])).toThrow(/--duration must be an integer from 1 to 3600/);
    expect(() => parseCliArguments(['--mode', 'embedded', '--flows', '99999999999999999999'])).toThrow(/--flows/);
    expect(() => parseCliArguments(['--mode', 'embedded', '--speed', '3'])).toThrow(/Unknown option/);
    expect(() => parseCliArguments(['--mode', 'embedded', 'extra'])).toThrow();
  });

  it('refuses a non-loopback target', () => {
    expect(() => parseCliArguments(['--url', 'http://192.168.1.20:8080'])).toThrow(/loopback/);
  });
});
