import { describe, expect, it } from 'vitest';
import { atLeast, compareVersions, parseVersion } from './parse-version.ts';

describe('parseVersion', () => {
  it.each([
    ['node', 'v20.18.1', '20.18.1'],
    ['postgres', 'postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)', '15.18'],
    ['postgres', 'postgres (PostgreSQL) 17.2', '17.2'],
    [
      'redis-server',
      'Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=c4acd5f2e7b1ab3',
      '7.0.15',
    ],
    [
      'haproxy',
      'HAProxy version 2.6.12-1+deb12u1 2023/12/16 - https://haproxy.org/\nStatus: long-term',
      '2.6.12',
    ],
    ['haproxy', 'HA-Proxy version 1.8.19 2019/02/11', '1.8.19'],
    ['nats-server', 'nats-server: v2.9.10', '2.9.10'],
    ['nginx', 'nginx version: nginx/1.22.1', '1.22.1'],
    ['docker', 'Docker version 20.10.24+dfsg1, build 297e128', '20.10.24'],
    ['chromium', 'Chromium 131.0.6778.85 built on Debian 12.8, running on Debian 12.8', '131.0.6778.85'],
    ['wrk', 'wrk 4.1.0 [epoll] Copyright (C) 2012 Will Glozer\nUsage: wrk <options> <url>', '4.1.0'],
    [
      'prometheus',
      'prometheus, version 2.42.0+ds (branch: debian/sid, revision: 2.42.0+ds-5+b5)\n  build user: team+pkg-go@tracker.debian.org',
      '2.42.0',
    ],
    ['something-else', 'tool 3.4', '3.4'],
  ])('%s: %s', (tool, output, expected) => {
    expect(parseVersion(tool, output)).toBe(expected);
  });

  it('returns undefined when there is no version', () => {
    expect(parseVersion('wrk', 'command not found')).toBeUndefined();
  });
});

describe('compareVersions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('20.9.0', '20.18.0')).toBeLessThan(0);
    expect(compareVersions('v20.18.1', '20.18.0')).toBeGreaterThan(0);
    expect(compareVersions('15', '15.0.0')).toBe(0);
    expect(['9', '15', '13'].sort(compareVersions)).toEqual(['9', '13', '15']);
    expect(atLeast('20.18.0', '20.18.0')).toBe(true);
    expect(atLeast('18.19.1', '20.18.0')).toBe(false);
  });
});
