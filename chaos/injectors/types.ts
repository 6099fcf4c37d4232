/**
 * Injectors apply one fault to a running deployment and hand back something
 * that takes it back. The applied fault records real timestamps, so reports
 * can shade its window and steady-state figures can be computed around it.
 */
import type { Deployment, Revertible } from '../../harness/runtime/types.ts';
import type { FaultKind, FaultSpec } from '../faults/schema.ts';

export interface InjectContext {
  log: (line: string) => void;
}

/** Applies the fault; resolves once it is in effect. `null`: nothing to take back (`restart`, `kill` for good). */
export type Injector<F extends FaultSpec = FaultSpec> = (
  deployment: Deployment,
  fault: F,
  ctx: InjectContext,
) => Promise<Revertible | null>;

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

export interface AppliedFault extends AsyncDisposable {
  readonly fault: FaultSpec;
  readonly kind: FaultKind;
  readonly target: string;
  readonly label: string;
  readonly requestedAt: number;
  readonly appliedAt: number;
  /** False for faults with nothing to take back; their `revert()` does nothing and records nothing. */
  readonly reversible: boolean;
  readonly revertedAt: number | undefined;
  readonly revertError: string | undefined;
  /** Idempotent: the first call reverts and records `revertedAt`; later calls return the same promise. */
  revert(): Promise<void>;
  toJSON(): FaultRecord;
}
