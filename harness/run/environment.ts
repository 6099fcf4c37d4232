/** What every report records about where it ran. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { EnvironmentInfo } from '../../model/index.ts';

export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function describeEnvironment(runtime: string, engine: string): EnvironmentInfo {
  const cpus = os.cpus();
  return {
    harnessVersion: harnessVersion(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    hostname: os.hostname(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryBytes: os.totalmem(),
    runtime,
    engine,
    serverVersions: {},
  };
}
