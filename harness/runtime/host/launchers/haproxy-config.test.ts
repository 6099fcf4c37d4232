import { describe, expect, it } from 'vitest';
import { checkHaproxySettings, haproxyConfig, haproxySettings } from './haproxy-config.ts';

describe('haproxyConfig', () => {
  const config = haproxyConfig({
    settings: haproxySettings({
      balance: 'leastconn',
      checkIntervalMs: 250,
      fall: 3,
      rise: 2,
      serverMaxconn: 50,
    }),
    bindHost: '127.0.0.1',
    port: 8080,
    servers: [
      { name: 'app-0', host: '127.0.0.1', port: 9000 },
      { name: 'app-1', host: '127.0.0.1', port: 9001 },
    ],
    healthPath: '/health',
  });

  it('lists every server with its health check', () => {
    expect(config).toContain('  server app-0 127.0.0.1:9000 check inter 250 fall 3 rise 2 maxconn 50\n');
    expect(config).toContain('  server app-1 127.0.0.1:9001 check inter 250 fall 3 rise 2 maxconn 50\n');
    expect(config).toContain('  balance leastconn\n');
    expect(config).toContain('  option httpchk GET /health\n  http-check expect status 200\n');
  });

  it('binds loopback in the foreground-friendly single-thread HTTP mode', () => {
    expect(config).toContain('  bind 127.0.0.1:8080\n');
    for (const line of [
      'nbthread 1',
      'mode http',
      'option http-keep-alive',
      'http-reuse safe',
      'timeout server 30000ms',
    ])
      expect(config).toContain(`  ${line}\n`);
    expect(config).not.toMatch(/^\s*daemon/m);
  });

  it('turns retries off with retries: 0', () => {
    const plain = haproxyConfig({
      settings: haproxySettings({ retries: 0 }),
      bindHost: '127.0.0.1',
      port: 1,
      servers: [],
      healthPath: '/health',
    });
    expect(plain).toContain('  retries 0\n');
    expect(plain).not.toContain('redispatch');
  });
});

describe('checkHaproxySettings', () => {
  it('reports every bad setting with its path', () => {
    expect(
      checkHaproxySettings(
        { balance: 'random', checkIntervalMs: 0, fall: 1.5, colour: 'red' },
        'components[0]',
      ),
    ).toEqual([
      { path: 'components[0].settings.balance', message: 'must be one of roundrobin, leastconn, source' },
      { path: 'components[0].settings.checkIntervalMs', message: 'must be an integer ≥ 1' },
      { path: 'components[0].settings.fall', message: 'must be an integer ≥ 0' },
      { path: 'components[0].settings.colour', message: expect.stringContaining('unknown setting') },
    ]);
  });

  it('accepts the documented shape', () => {
    const settings = {
      balance: 'source',
      checkIntervalMs: 500,
      fall: 2,
      rise: 1,
      timeoutServerMs: 5000,
      maxconn: 100,
    };
    expect(checkHaproxySettings(settings, 'c')).toEqual([]);
  });
});
