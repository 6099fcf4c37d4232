/**
 * Faults as results record them: what was applied, when, and what it cost
 * the load (computed by chaos/steady-state from the interval samples).
 */
import type { FaultKind, FaultSpec } from '../scenario/fault-schema.ts';

/** What results store and reports read (JSON-safe); `kind`/`target`/`appliedAt`/`revertedAt` as reports expect. */
export interface FaultRecord {
  kind: FaultKind;
  /** `app-0`, `app-*`, `app→postgres`, `*→postgres`. */
  target: string;
  label: string;
  /** ms since the epoch: injection asked for. */
  requestedAt: number;
  /** ms since the epoch: the fault is in effect (a kill: the process is gone). */
  appliedAt: number;
  /** ms since the epoch: taken back (a restart: the instance is ready again); absent if never. */
  revertedAt?: number;
  /** A revert that failed: the fault may still be in place. */
  revertError?: string;
  fault: FaultSpec;
}

export interface FaultWindow {
  appliedAt: number;
  revertedAt?: number | undefined;
  kind?: string;
  target?: string;
  label?: string;
}

export interface FaultWindowFigures {
  /** ms since the epoch: the first interval's start and the last one's end. */
  from: number;
  to: number;
  requests: number;
  failed: number;
  /** Requests per second over the window. */
  rate: number;
  errorRate: number;
  /** ms */
  p50: number;
  p99: number;
}

export interface FaultImpact {
  fault: { kind?: string; target?: string; label?: string; appliedAt: number; revertedAt: number | null };
  /**
   * How steady state was judged: the scenario's thresholds, the baseline
   * before the fault, or both; `none`: no thresholds and no baseline traffic
   * before the fault.
   */
  steadyState: 'thresholds' | 'baseline' | 'thresholds+baseline' | 'none';
  before: FaultWindowFigures | null;
  during: FaultWindowFigures | null;
  after: FaultWindowFigures | null;
  detectMs: number | null;
  /** Why the first interval out of steady state was: `p99 140 ms > 2 × 16.0 ms before`, `threshold http_req_failed rate<0.01`. */
  detectedBy?: string;
  recoveryMs: number | null;
  /** Successful / all requests during the fault; null without requests. */
  availability: number | null;
  /**
   * The load ended before a recovery could be seen (the fault lasted to the
   * end, or was reverted in its last seconds): a null recoveryMs is then not
   * "not recovered". Absent in results written before it existed.
   */
  endedWithLoad?: boolean;
  /**
   * The error rate, p99 or throughput moved during the fault against the window
   * before it (after it, for a fault at the start); null without a window to
   * compare. Thresholds may hold while this is true. Absent in older results.
   */
  moved?: boolean | null;
}
