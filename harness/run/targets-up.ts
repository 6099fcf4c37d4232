/**
 * `harness targets up <arch>`: start one architecture, seed it, print its
 * endpoints, and keep it running until Ctrl-C — to poke at it by hand.
 */

import { startFaultProxy } from '../../chaos/index.ts';
import { InvalidInputError } from '../../model/index.ts';
import { resolveTopology } from '../../targets/index.ts';
import { runtimes } from '../runtime/index.ts';
import { newRunId } from './run-id.ts';
import { seedDataset } from './service-admin.ts';

/** `poolSize=20` → `{ poolSize: 20 }`; values are JSON when they parse, strings otherwise. */
export function parseParams(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const problems = [];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      problems.push({ path: '--param', message: `expected key=value, got "${pair}"` });
      continue;
    }
    const raw = pair.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a plain string such as cache-aside
    }
    out[pair.slice(0, at)] = value;
  }
  if (problems.length > 0) throw new InvalidInputError('harness targets up', problems);
  return out;
}

export async function targetsUp(
  arch: string,
  opts: { params: string[]; items: number; valueSize: number; port?: number; runtime?: string },
  out: (line: string) => void,
  /** Aborting (the CLI: Ctrl-C) stops everything; until then the targets stay up. */
  signal: AbortSignal,
): Promise<void> {
  const resolved = resolveTopology(arch, parseParams(opts.params));
  // A fixed port for the entry component, so the URL can be written down in advance.
  const topology =
    opts.port === undefined
      ? resolved
      : {
          ...resolved,
          components: resolved.components.map((c) =>
            c.name === resolved.entry ? { ...c, port: opts.port } : c,
          ),
        };
  const runtimeName = opts.runtime ?? 'local';
  if (!(runtimeName in runtimes))
    throw new InvalidInputError('harness targets up', [
      {
        path: '--runtime',
        message: `unknown runtime "${runtimeName}"; available: ${Object.keys(runtimes).join(', ')}`,
      },
    ]);
  const runtime = runtimes[runtimeName as keyof typeof runtimes]();
  await runtime.preflight?.();
  const runId = newRunId(`up-${arch}`);
  // Proxies with the regions' latency on the links of a topology with regions (multi-region).
  const deployment = await runtime.start(topology, {
    runId,
    signal,
    log: out,
    proxyFactory: startFaultProxy,
  });
  try {
    if (opts.items > 0) {
      const seed = await seedDataset(deployment.entryUrl, { items: opts.items, valueSize: opts.valueSize });
      out(`seeded ${seed.items} items in ${seed.ms} ms`);
    }
    out(`\n${topology.name}: ${topology.description}`);
    out(`entry: ${deployment.entryUrl}`);
    // Named entries (a region's own service, multi-region): what an executor's `entry` sends to.
    for (const [name, component] of Object.entries(topology.entries ?? {}))
      out(`entry ${name}: ${deployment.component(component)[0]?.url ?? '(not running)'}`);
    for (const i of deployment.instances)
      out(`  ${i.id.padEnd(14)} ${i.kind.padEnd(9)} ${i.url}${i.pid ? `  pid ${i.pid}` : ''}`);
    out(`runtime ${runtime.name}, run id ${runId} — Ctrl-C to stop everything`);
    await new Promise<void>((resolve) =>
      signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  } finally {
    await deployment.stop();
    out('stopped');
  }
}
