/**
 * Injectors apply one fault to a running deployment and hand back something
 * that takes it back. The applied fault records real timestamps, so reports
 * can shade its window and steady-state figures can be computed around it.
 */
import type { Deployment, FaultKind, FaultRecord, FaultSpec, Revertible } from '../../model/index.ts';

export type { FaultRecord };

export interface InjectContext {
  log: (line: string) => void;
}

/** Applies the fault; resolves once it is in effect. `null`: nothing to take back (`restart`, `kill` for good). */
export type Injector<F extends FaultSpec = FaultSpec> = (
  deployment: Deployment,
  fault: F,
  ctx: InjectContext,
) => Promise<Revertible | null>;

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
