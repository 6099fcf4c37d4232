/**
 * One line that says what an executor did: `constant-arrival-rate · 200
 * iterations/1s for 30s`; for concurrent scenarios, each one by name:
 * `scenarios at once · readers: constant-arrival-rate · … | writers from 10s: constant-vus · …`.
 */
import type { CellExecutor, ExecutorConfig } from '../model/index.ts';
import { arrivalVuPool } from '../model/index.ts';

export function describeExecutor(e: CellExecutor): string {
  if (e.executor === 'scenarios') {
    const each = Object.entries(e.scenarios).map(
      ([name, s]) => `${name}${s.startTime ? ` from ${s.startTime}` : ''}: ${describeOne(s)}`,
    );
    return `scenarios at once · ${each.join(' | ')}`;
  }
  return describeOne(e);
}

function describeOne(e: ExecutorConfig): string {
  switch (e.executor) {
    case 'constant-vus':
      return `constant-vus · ${e.vus} VUs for ${e.duration}`;
    case 'ramping-vus':
      return `ramping-vus · from ${e.startVUs} VUs: ${stages(e.stages, 'VUs')}`;
    case 'constant-arrival-rate':
      return `constant-arrival-rate · ${e.rate} iterations/${e.timeUnit} for ${e.duration}${vus(e)}`;
    case 'ramping-arrival-rate':
      return `ramping-arrival-rate · from ${e.startRate}/${e.timeUnit}: ${stages(e.stages, `/${e.timeUnit}`)}${vus(e)}`;
    case 'shared-iterations':
      return `shared-iterations · ${e.iterations} iterations over ${e.vus} VUs (max ${e.maxDuration})`;
    case 'per-vu-iterations':
      return `per-vu-iterations · ${e.iterations} iterations × ${e.vus} VUs (max ${e.maxDuration})`;
  }
}

function stages(list: { duration: string; target: number }[], unit: string): string {
  return list
    .map((s) => `${s.target}${unit.startsWith('/') ? unit : ` ${unit}`} in ${s.duration}`)
    .join(' → ');
}

/** The VU pool as the engine runs it: given, or its defaults (never a `?`). */
function vus(e: Parameters<typeof arrivalVuPool>[0]): string {
  const pool = arrivalVuPool(e);
  return ` (VUs ${pool.preAllocatedVUs} pre-allocated, max ${pool.maxVUs})`;
}
