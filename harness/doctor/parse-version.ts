/**
 * Version strings out of `--version` output, which every tool words its own
 * way:
 *   postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)
 *   Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64
 *   HAProxy version 2.6.12-1+deb12u1 2023/12/16 - https://haproxy.org/
 *   nats-server: v2.9.11
 *   nginx version: nginx/1.22.1
 *   Docker version 20.10.24+dfsg1, build 297e128
 *   Chromium 131.0.6778.85 built on Debian 12.8, running on Debian 12.8
 *   wrk 4.1.0 [epoll] Copyright (C) 2012 Will Glozer
 *   prometheus, version 2.42.0+ds (branch: debian/sid, revision: 2.42.0+ds-5+b5)
 *   v20.18.1 (node)
 */

const PATTERNS: Record<string, RegExp> = {
  node: /^v?(\d+\.\d+\.\d+)/m,
  postgres: /PostgreSQL\)?\s+(\d+(?:\.\d+)*)/i,
  'redis-server': /\bv=(\d+\.\d+\.\d+)/,
  haproxy: /HA-?Proxy version (\d+\.\d+(?:\.\d+)?)/i,
  'nats-server': /nats-server:?\s+v?(\d+\.\d+\.\d+)/i,
  nginx: /nginx\/(\d+\.\d+\.\d+)/,
  docker: /Docker version (\d+\.\d+\.\d+)/i,
  chromium: /(?:Chromium|Chrome)\s+(\d+(?:\.\d+){1,3})/i,
  wrk: /\bwrk\s+(\d+\.\d+\.\d+)/,
  prometheus: /prometheus, version (\d+\.\d+\.\d+)/,
};

/** The version a tool printed, or undefined when the text holds none. */
export function parseVersion(tool: string, output: string): string | undefined {
  const specific = PATTERNS[tool]?.exec(output)?.[1];
  if (specific) return specific;
  return /\bv?(\d+\.\d+(?:\.\d+)?)\b/.exec(output)?.[1];
}

/** Numeric comparison of dotted versions: negative, zero or positive like a sort comparator. */
export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.+-]/).map(Number);
  const pb = b.replace(/^v/, '').split(/[.+-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number.isFinite(pa[i]) ? pa[i]! : 0;
    const y = Number.isFinite(pb[i]) ? pb[i]! : 0;
    if (x !== y) return x - y;
  }
  return 0;
}

/** `version` ≥ `minimum`. */
export function atLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}
