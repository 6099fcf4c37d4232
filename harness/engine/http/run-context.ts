import type { LedgerEntry } from '../../../model/index.ts';
import type { IntervalRecorder } from '../recorder/interval-recorder.ts';
import type { VuHost, VuLike } from '../vu-like.ts';
import type { CompiledWorkload } from '../workload/compile.ts';
import type { HttpClient } from './client.ts';

/**
 * What every VU of one scenario shares. The scenarios of a run share the
 * client, recorder and ledger; each has its own context (workload, model, VU numbers).
 */
export interface RunContext {
  client: HttpClient;
  workload: CompiledWorkload;
  recorder: IntervalRecorder;
  /** Recorder slot of each request of `workload`, by mix index. */
  slots: readonly number[];
  /** Index of this scenario in the recorder's scenarios (0 for a single-executor run). */
  scenario: number;
  timeoutMs: number;
  /** Open model: `duration` from the intended start, `serviceTime` from the send. */
  open: boolean;
  /** Path of the base URL (`/api` of `http://127.0.0.1:8080/api`), put before every request path; '' for none. */
  pathPrefix: string;
  /** Acknowledged writes not yet handed to the sink. */
  ledger: LedgerEntry[];
  /** Monotonic ms (performance.now()) → epoch ms. */
  epochOf(at: number): number;
  /** Global VU number of the i-th local VU (1-based), unique across the run's scenarios and threads. */
  vuId(local: number): number;
  /** Makes the local VU number `id` (1-based): a request-mix VU, or a script VU. */
  createVu(id: number, host: VuHost): VuLike;
}
