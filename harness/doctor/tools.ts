/**
 * The external tools harness can use: what each is for, what needs it, how
 * to find it, how to ask its version and which Debian 12 package provides it.
 */
import { findFirst, findOnPath, findPostgresBinary } from '../runtime/host/find-binary.ts';

export interface ToolSpec {
  name: string;
  purpose: string;
  debianPackage: string;
  requiredFor: string[];
  /** Where the binary is, if anywhere. */
  locate(): Promise<string | undefined>;
  /** Arguments that make it print its version. */
  versionArgs: string[];
  /** Lowest usable version. */
  minimum?: string;
  /** Time allowed for the version command, ms. */
  timeoutMs?: number;
}

/** Node needs no lookup or subprocess: it is the process running harness (see check-environment.ts). */
export const NODE_MINIMUM = '20.18.0';

export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'node',
    purpose: 'runs harness itself',
    debianPackage: 'nodejs',
    requiredFor: ['everything'],
    locate: async () => process.execPath,
    versionArgs: ['--version'],
    minimum: NODE_MINIMUM,
  },
  {
    name: 'postgres',
    purpose: 'database of the built-in architectures',
    debianPackage: 'postgresql',
    requiredFor: ['built-in architectures (local runtime)'],
    locate: () => findPostgresBinary('postgres'),
    versionArgs: ['--version'],
  },
  {
    name: 'redis-server',
    purpose: 'cache (cache-aside, write-through, write-behind)',
    debianPackage: 'redis-server',
    requiredFor: ['cached architectures (local runtime)'],
    locate: () => findOnPath('redis-server'),
    versionArgs: ['--version'],
  },
  {
    name: 'haproxy',
    purpose: 'load balancer in front of app replicas',
    debianPackage: 'haproxy',
    requiredFor: ['load-balanced architectures (local runtime)'],
    locate: () => findOnPath('haproxy'),
    versionArgs: ['-v'],
  },
  {
    name: 'nats-server',
    purpose: 'message broker (NATS JetStream) for queued processing',
    debianPackage: 'nats-server',
    requiredFor: ['queued architectures (local runtime)'],
    locate: () => findOnPath('nats-server'),
    versionArgs: ['--version'],
  },
  {
    name: 'nginx',
    purpose: 'alternative load balancer',
    debianPackage: 'nginx',
    requiredFor: ['nginx load balancing', 'bench/nginx.ts'],
    locate: () => findOnPath('nginx'),
    versionArgs: ['-v'],
  },
  {
    name: 'docker',
    purpose: 'container runtime (client and a daemon that answers)',
    debianPackage: 'docker.io',
    requiredFor: ['--runtime docker'],
    locate: () => findOnPath('docker'),
    versionArgs: ['--version'],
  },
  {
    name: 'chromium',
    purpose: 'headless browser for report screenshots',
    debianPackage: 'chromium',
    requiredFor: ['report screenshots and visual checks'],
    locate: () => findFirst(['/usr/bin/chromium', 'chromium', 'chromium-browser']),
    versionArgs: ['--version'],
    timeoutMs: 15_000,
  },
  {
    name: 'wrk',
    purpose: 'reference HTTP load generator',
    debianPackage: 'wrk',
    requiredFor: ['bench: cross-checking the built-in engine'],
    locate: () => findOnPath('wrk'),
    versionArgs: ['--version'],
  },
  {
    name: 'prometheus',
    purpose: 'metrics server for the Grafana dashboards (optional)',
    debianPackage: 'prometheus',
    requiredFor: ['harness run --prometheus-server'],
    locate: () => findOnPath('prometheus'),
    versionArgs: ['--version'],
  },
];
