import type { Dispatcher } from 'undici';
import type { LedgerEntry } from '../../metrics/types.ts';
import type { IntervalRecorder } from '../recorder/interval-recorder.ts';
import type { CompiledWorkload } from '../workload/compile.ts';

/** What every VU of one run shares. */
export interface RunContext {
  pool: Dispatcher;
  workload: CompiledWorkload;
  recorder: IntervalRecorder;
  timeoutMs: number;
  /** Open model: `duration` from the intended start, `serviceTime` from the send. */
  open: boolean;
  /** Path of the base URL (`/api` of `http://127.0.0.1:8080/api`), put before every request path; '' for none. */
  pathPrefix: string;
  /** Bytes of the headers undici adds to every request (host, connection). */
  fixedHeadBytes: number;
  /** Acknowledged writes not yet handed to the sink. */
  ledger: LedgerEntry[];
  /** Monotonic ms (performance.now()) → epoch ms. */
  epochOf(at: number): number;
}
