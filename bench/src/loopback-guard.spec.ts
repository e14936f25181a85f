import { describe, expect, it } from '@jest/globals';
import { LoopbackGuard, NotLoopbackError, assertLoopbackLiteral, isLoopbackAddress } from './loopback-guard.js';

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.255.3.4', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1'])('accepts %s', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each(['10.0.0.1', '128.0.0.1', '0.0.0.0', '::', '::2', '::ffff:10.0.0.1', 'fe80::1', '1::1', 'localhost', 'example.com', '127.0.0.1.example.com'])('refuses %s', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });
});

describe('assertLoopbackLiteral', () => {
  it('takes loopback literals (as URL writes them) and localhost', () => {
    for (const url of ['http://127.0.0.1:1', 'http://127.1:1', 'http://[::1]:1', 'http://[::ffff:127.0.0.1]:1', 'http://localhost:1', 'http://0x7f.0.0.1:1']) {
      expect(() => assertLoopbackLiteral(new URL(url))).not.toThrow();
    }
  });

  it('refuses every other host', () => {
    for (const url of ['http://192.168.0.1', 'http://[2001:db8::1]', 'http://issuer.example.com', 'http://localhost.example.com', 'http://0.0.0.0']) {
      expect(() => assertLoopbackLiteral(new URL(url))).toThrow(/loopback/);
    }
  });
});

describe('LoopbackGuard', () => {
  it('approves localhost only when every address it resolves to is loopback', async () => {
    await expect(new LoopbackGuard(async () => ['127.0.0.1', '::1']).approve('http://localhost:8080')).resolves.toBeUndefined();
    await expect(new LoopbackGuard(async () => ['127.0.0.1', '10.1.1.1']).approve('http://localhost:8080')).rejects.toThrow(/not only loopback/);
    await expect(new LoopbackGuard(async () => []).approve('http://localhost:8080')).rejects.toThrow(/nothing/);
  });

  it('checks every request synchronously: loopback literals pass, names only once approved', async () => {
    const guard = new LoopbackGuard(async () => ['127.0.0.1']);
    expect(() => guard.check(new URL('http://127.0.0.1:9/token'))).not.toThrow();
    expect(() => guard.check(new URL('http://localhost:9/token'))).toThrow(/loopback/);
    await guard.approve('http://localhost:9');
    expect(() => guard.check(new URL('http://localhost:9/token'))).not.toThrow();
    expect(() => guard.check(new URL('http://10.0.0.1:9/token'))).toThrow(NotLoopbackError);
  });

  it('never resolves a name that is not localhost', async () => {
    let asked = false;
    const guard = new LoopbackGuard(async () => {
      asked = true;
      return ['127.0.0.1'];
    });
    await expect(guard.approve('http://my-issuer.internal:8080')).rejects.toThrow(/loopback/);
    expect(asked).toBe(false);
  });
});
