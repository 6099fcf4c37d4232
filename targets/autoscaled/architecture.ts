import { defineArchitecture } from '../plug/architecture.ts';
import { int, oneOf } from '../plug/params.ts';
import { resilienceParams } from '../plug/resilience-params.ts';
import { scaleMetrics } from '../plug/scaler.ts';
import { replicatedTier } from '../replicated/architecture.ts';

/** HAProxy's `add server` needs a dynamic algorithm: no `source` (map-based hashing). */
export const autoscaledBalances = ['roundrobin', 'leastconn'] as const;

/**
 * The replicated architecture with a scaler: HAProxy over `minReplicas` app
 * processes at the start, writes to the Postgres primary, reads over its hot
 * standbys — and during the load harness adds and removes app replicas as a
 * Kubernetes HPA would (plug/scaler.ts), on the mean CPU per replica or on the
 * p95 latency, through the runtime (`Deployment.scale`: new replicas join
 * HAProxy through its runtime API, leaving ones are drained first). Each
 * scale event and the replicas per interval land in results
 * (`cells[].scaling`), the Prometheus exposition and the report.
 */
export const autoscaled = defineArchitecture({
  name: 'autoscaled',
  description:
    'replicated with a scaler: HAProxy → min..max services, added and removed on CPU or p95 during the load',
  params: {
    minReplicas: int(1, 1, 16, 'app replicas at the start, and the fewest the scaler keeps'),
    maxReplicas: int(3, 1, 16, 'most app replicas the scaler runs'),
    metric: oneOf(
      scaleMetrics,
      'cpu',
      'what the scaler steers: mean CPU per app replica (resource sampler), or the last interval’s p95 (load generator)',
    ),
    targetCpuPct: int(60, 5, 400, 'metric cpu: mean CPU per app replica to aim for, % of one core'),
    targetP95Ms: int(100, 1, 60_000, 'metric p95: http_req_duration p95 to aim for, ms'),
    step: int(1, 1, 16, 'most replicas one decision adds or removes'),
    cooldownMs: int(
      15_000,
      0,
      3_600_000,
      'scale-down stabilisation window, ms: a replica goes once no decision in it wanted more',
    ),
    periodMs: int(1_000, 1_000, 600_000, 'how often the scaler decides, ms (once per interval at most)'),
    tolerancePct: int(10, 0, 100, 'no change while metric / target is within 1 ± this %'),
    maxConnPerApp: int(
      32,
      0,
      100_000,
      'requests in flight per app replica (HAProxy server maxconn); more wait in HAProxy’s queue, where a new replica takes them at once; 0 = no limit',
    ),
    workUs: int(
      0,
      0,
      100_000,
      'CPU each item or order request burns in the app, µs: an app tier with work of its own (REQUEST_WORK_US)',
    ),
    replicas: int(1, 1, 16, 'Postgres hot standbys the reads go to'),
    balance: oneOf(autoscaledBalances, 'roundrobin', 'HAProxy balance algorithm'),
    poolSize: int(10, 1, 1_000, 'connections per pool (primary and each replica), per service process'),
    checkIntervalMs: int(500, 100, 60_000, 'HAProxy health check interval, ms'),
    ...resilienceParams,
  },
  paramProblems: (p) =>
    p.minReplicas > p.maxReplicas
      ? [
          {
            path: 'params.minReplicas',
            message: `must be ≤ maxReplicas (${p.maxReplicas}), got ${p.minReplicas}`,
          },
        ]
      : [],
  topology: (p) => ({
    name: 'autoscaled',
    description: `haproxy (${p.balance}) → ${p.minReplicas}..${p.maxReplicas} × service on ${p.metric === 'cpu' ? `cpu ${p.targetCpuPct} %` : `p95 ${p.targetP95Ms} ms`} (pool ${p.poolSize}${p.workUs > 0 ? `, ${p.workUs} µs work` : ''}) → postgres + ${p.replicas} replicas`,
    entry: 'lb',
    // The replicated tier at its fewest apps: the scaler adds the others during the load.
    components: replicatedTier({ ...p, dataPath: 'autoscaled', apps: p.minReplicas }),
  }),
  scaler: (p) => ({
    component: 'app',
    metric: p.metric,
    target: p.metric === 'cpu' ? p.targetCpuPct / 100 : p.targetP95Ms,
    min: p.minReplicas,
    max: p.maxReplicas,
    step: p.step,
    cooldownMs: p.cooldownMs,
    tolerance: p.tolerancePct / 100,
    periodMs: p.periodMs,
  }),
  dataPath: () => import('./data-path.ts').then((m) => m.dataPath),
});
