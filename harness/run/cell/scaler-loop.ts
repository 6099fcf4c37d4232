/**
 * The scaler's loop, as an HPA controller runs it — on the cell's interval
 * samples as its clock (each sample's end is "now"; no timers here): measure,
 * decide (targets: `decideScale`, pure), and when the count should change,
 * ask the runtime (`Deployment.scale`). One change at a time: while one is
 * under way, intervals are recorded but nothing is decided.
 *
 * - Measure: `p95` is the interval's http_req_duration p95 (none without a
 *   finished request); `cpu` the mean, over the replicas serving, of each
 *   one's latest CPU sample (cores) — a replica's samples count only from one
 *   period after it joined, so the start-up of a new process (tsx compiling
 *   the service) does not look like load (HPA's CPU initialisation period).
 * - Serving: a replica counts once the runtime says it serves behind the
 *   balancer; a leaving one stops counting when its drain begins.
 * - Recorded: every decision that changes the count (`ScaleEvent`, with when
 *   the runtime was done), and per interval the replicas serving, the count
 *   wanted and the measurement (`ReplicaSample`).
 */
import type {
  CellScaling,
  ComponentResources,
  IntervalSample,
  ScaleChange,
  ScaleEvent,
  ScalerPolicy,
} from '../../../model/index.ts';
import { intervalQuick } from '../../../model/index.ts';
import { decideScale, freshScalerMemory, type ScalerMemory } from '../../../targets/index.ts';

export interface ScalerLoopOptions {
  policy: ScalerPolicy;
  /** Instances of the component serving at the start. */
  initial: readonly string[];
  /** The runtime: `Deployment.scale(component, replicas)`. */
  scale(replicas: number): Promise<ScaleChange>;
  /** Resource samples by instance id, as the sampler stores them. */
  resources: ComponentResources;
  /**
   * Called with the record at the start and after each scale event (to store
   * it at once); the replicas per interval are appended to the same object,
   * stored with the interval.
   */
  update(scaling: CellScaling): void;
  log(line: string): void;
}

export class ScalerLoop {
  readonly #o: ScalerLoopOptions;
  readonly #scaling: CellScaling;
  /** Serving instance id → when it joined (ms since epoch; -Infinity for those there from the start). */
  readonly #serving = new Map<string, number>();
  #memory: ScalerMemory = freshScalerMemory;
  #desired: number;
  #lastDecision = Number.NEGATIVE_INFINITY;
  #busy: Promise<void> | undefined;
  #stopped = false;

  constructor(o: ScalerLoopOptions) {
    this.#o = o;
    for (const id of o.initial) this.#serving.set(id, Number.NEGATIVE_INFINITY);
    this.#desired = o.initial.length;
    this.#scaling = { policy: o.policy, replicas: [], events: [] };
    o.update(this.#scaling);
  }

  get scaling(): CellScaling {
    return this.#scaling;
  }

  /** One interval sample: record the replicas at its end, and decide when it is time. */
  onInterval(sample: IntervalSample): void {
    const now = sample.ts + sample.durationMs;
    const metric = this.#measure(sample, now);
    this.#scaling.replicas.push({
      ts: now,
      replicas: this.#serving.size,
      desired: this.#desired,
      metric: metric ?? null,
    });
    const due = now - this.#lastDecision >= this.#o.policy.periodMs - 1;
    if (!this.#stopped && this.#busy === undefined && due) {
      this.#lastDecision = now;
      const { decision, memory } = decideScale(this.#o.policy, this.#memory, {
        now,
        current: this.#serving.size,
        metric,
      });
      this.#memory = memory;
      this.#desired = decision.desired;
      if (decision.desired !== decision.current) {
        const event: ScaleEvent = {
          decidedAt: now,
          from: decision.current,
          to: decision.desired,
          value: metric ?? Number.NaN,
          reason: decision.reason,
          added: [],
          removed: [],
        };
        this.#scaling.events.push(event);
        this.#o.update(this.#scaling);
        this.#busy = this.#apply(event).finally(() => {
          this.#busy = undefined;
        });
      }
    }
  }

  /** No more decisions; resolves once a change under way is done (or failed). */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#busy;
  }

  async #apply(event: ScaleEvent): Promise<void> {
    const { policy } = this.#o;
    this.#o.log(`scaler: ${policy.component} ${event.from} → ${event.to} (${event.reason})`);
    // Leaving replicas stop counting as their drain begins: the balancer sends them nothing new.
    const leaving = [...this.#serving.keys()].slice(event.to);
    for (const id of leaving) this.#serving.delete(id);
    try {
      const change = await this.#o.scale(event.to);
      event.doneAt = change.endedAt;
      event.added = change.added;
      event.removed = change.removed;
      for (const id of change.added) this.#serving.set(id, change.endedAt);
      this.#o.log(
        `scaler: ${policy.component} at ${event.to} after ${change.endedAt - change.startedAt} ms${change.added.length > 0 ? ` (+${change.added.join(', ')})` : ` (-${change.removed.join(', ')})`}`,
      );
    } catch (error) {
      event.error = (error as Error).message;
      this.#o.log(`scaler: ${policy.component} ${event.from} → ${event.to} failed: ${event.error}`);
    }
    this.#o.update(this.#scaling);
  }

  #measure(sample: IntervalSample, now: number): number | undefined {
    const { policy, resources } = this.#o;
    if (policy.metric === 'p95') {
      const q = intervalQuick(sample);
      return q.rate > 0 ? q.p95 : undefined;
    }
    const cores: number[] = [];
    for (const [id, joined] of this.#serving) {
      const latest = resources[id]?.findLast((s) => s.ts <= now + 500);
      if (latest !== undefined && latest.ts >= joined + policy.periodMs) cores.push(latest.cpuCores);
    }
    return cores.length === 0 ? undefined : cores.reduce((a, b) => a + b, 0) / cores.length;
  }
}
