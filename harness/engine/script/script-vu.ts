import type { ErrorClass } from '../../../model/index.ts';
import {
  classifyError,
  classifyStatus,
  RequestCancelledError,
  RequestTimeoutError,
} from '../http/classify-error.ts';
import { Exchange, type ExchangeOwner, type RequestShape } from '../http/client.ts';
import { recordExchange } from '../http/record-exchange.ts';
import type { RunContext } from '../http/run-context.ts';
import type { VuHost, VuLike } from '../vu.ts';
import type { VuApi, VuHttp, VuKeySpec, VuRequestParams, VuResponse, VuScript } from './vu-api.ts';

/** What the script VUs of one run share. */
export interface ScriptEnv {
  fn: VuScript;
  /** Origin of the base URL: full URLs in a script must match it. */
  origin: string;
  key(spec: VuKeySpec | undefined): number;
  /** The first error a script threw, for the run's notes. */
  firstError: string | undefined;
}

interface Pending {
  resolve: (r: VuResponse) => void;
  reject: (err: Error) => void;
  slot: number;
  gen: number;
}

const JSON_HEADERS = ['content-type', 'application/json'] as const;
const shapes = new Map<string, RequestShape>();
/** Shapes without custom headers are shared; with headers, one per call. */
function shapeOf(method: string, headers: Record<string, string> | undefined, json: boolean): RequestShape {
  if (headers === undefined) {
    const key = json ? `${method} json` : method;
    let s = shapes.get(key);
    if (s === undefined) {
      s = { method, headers: json ? [...JSON_HEADERS] : [], fixed: false };
      shapes.set(key, s);
    }
    return s;
  }
  const flat: string[] = [];
  let hasType = false;
  for (const [k, v] of Object.entries(headers)) {
    flat.push(k, v);
    if (k.toLowerCase() === 'content-type') hasType = true;
  }
  if (json && !hasType) flat.push(...JSON_HEADERS);
  return { method, headers: flat, fixed: false };
}

class Cancelled extends Error {
  constructor() {
    super('iteration cancelled');
  }
}

/**
 * A VU that runs a script's function once per iteration. Each iteration gets
 * its own small API object, so a cancelled iteration that keeps going can no
 * longer send requests in the name of the next one.
 */
export class ScriptVu implements VuLike, ExchangeOwner {
  busy = false;
  iterations = 0;
  private gen = 0;
  private readonly inflight = new Set<Exchange>();
  private readonly sleeps = new Map<NodeJS.Timeout, () => void>();
  private iterIntended = 0;
  /** When the current iteration actually started (monotonic ms). */
  private iterStarted = 0;
  private sentInIteration = 0;
  lastName = 'script';

  constructor(
    readonly id: number,
    readonly run: RunContext,
    private readonly env: ScriptEnv,
    private readonly host: VuHost,
  ) {}

  get globalId(): number {
    return this.run.vuId(this.id);
  }

  start(intendedAt: number, now: number): void {
    this.busy = true;
    const gen = ++this.gen;
    this.iterIntended = intendedAt;
    this.iterStarted = now;
    this.sentInIteration = 0;
    if (this.run.open) this.run.recorder.recordLag(now, now - intendedAt);
    let p: Promise<unknown>;
    try {
      p = Promise.resolve(this.env.fn(new IterationApi(this, gen)));
    } catch (err) {
      p = Promise.reject(err);
    }
    p.then(
      () => this.end(gen, undefined),
      (err: unknown) => this.end(gen, err instanceof Cancelled ? undefined : err),
    );
  }

  isCurrent(gen: number): boolean {
    return this.busy && gen === this.gen;
  }

  private end(gen: number, err: unknown): void {
    if (!this.isCurrent(gen)) return;
    const now = performance.now();
    this.busy = false;
    this.run.recorder.recordIteration(now, this.run.scenario, now - this.iterStarted);
    if (err !== undefined) {
      this.run.recorder.recordFailedIteration(now);
      this.env.firstError ??= err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    this.iterations++;
    // An iteration that sent nothing resolved in microtasks only: yield to the event loop before the next.
    if (this.sentInIteration === 0) setImmediate(() => this.host.onIterationEnd(this, true));
    else this.host.onIterationEnd(this, true);
  }

  checkTimeout(now: number): void {
    for (const ex of this.inflight) {
      if (now - ex.dispatchedAt < this.run.timeoutMs) continue;
      ex.timedOut = true;
      const err = new RequestTimeoutError(this.run.timeoutMs);
      this.run.client.abort(ex, err);
      this.complete(ex, err, now);
    }
  }

  cancel(): void {
    if (!this.busy) return;
    this.busy = false;
    this.gen++;
    for (const ex of this.inflight) {
      ex.done = true;
      this.run.client.abort(ex, new RequestCancelledError());
      (ex.context as Pending).reject(new Cancelled());
    }
    this.inflight.clear();
    for (const [t, wake] of this.sleeps) {
      clearTimeout(t);
      wake();
    }
    this.sleeps.clear();
    this.host.onIterationEnd(this, false);
  }

  request(
    gen: number,
    method: string,
    target: string,
    params: VuRequestParams | undefined,
  ): Promise<VuResponse> {
    if (!this.isCurrent(gen)) return Promise.reject(new Cancelled());
    let path = target;
    if (/^https?:\/\//i.test(target)) {
      const url = new URL(target);
      if (url.origin !== this.env.origin)
        return Promise.reject(
          new Error(`scripts only send to the run's base URL (${this.env.origin}), not ${url.origin}`),
        );
      path = `${url.pathname}${url.search}`;
    } else if (!target.startsWith('/')) path = `/${target}`;
    const name = params?.tags?.name ?? `${method} ${path.split('?')[0]}`;
    this.lastName = name;
    const raw = params?.body;
    const json = raw !== undefined && typeof raw !== 'string' && !Buffer.isBuffer(raw);
    const body = raw === undefined ? undefined : json ? JSON.stringify(raw) : (raw as string | Buffer);
    const now = performance.now();
    const ex = new Exchange(this);
    // Open model: the iteration's first request counts from the iteration's intended start.
    const intended = this.run.open && this.sentInIteration === 0 ? this.iterIntended : now;
    ex.begin(shapeOf(method, params?.headers, json), this.run.pathPrefix + path, body, true, intended, now);
    this.sentInIteration++;
    return new Promise<VuResponse>((resolve, reject) => {
      const pending: Pending = { resolve, reject, slot: this.run.recorder.slotOf(name, this.run.open), gen };
      ex.context = pending;
      this.inflight.add(ex);
      this.run.client.send(ex);
    });
  }

  complete(ex: Exchange, err: Error | undefined, now: number): void {
    if (ex.done) return;
    ex.done = true;
    this.inflight.delete(ex);
    const { run } = this;
    const pending = ex.context as Pending;
    let error: ErrorClass | undefined;
    if (err !== undefined) error = ex.timedOut ? 'timeout' : classifyError(err);
    else if (ex.status < 200 || ex.status >= 400) error = classifyStatus(ex.status);
    recordExchange(run, pending.slot, ex, error, now);
    const body = err === undefined ? ex.text() : '';
    pending.resolve({
      status: err === undefined ? ex.status : 0,
      body,
      error,
      json: <T>() => JSON.parse(body) as T,
    });
  }

  sleep(gen: number, seconds: number): Promise<void> {
    if (!this.isCurrent(gen)) return Promise.reject(new Cancelled());
    // Open model: arrivals set the pace, think time would only hold a VU.
    if (this.run.open || !(seconds > 0)) return Promise.resolve();
    this.sentInIteration++;
    return new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        this.sleeps.delete(t);
        resolve();
      }, seconds * 1000);
      this.sleeps.set(t, () => reject(new Cancelled()));
    });
  }

  check(gen: number, value: unknown, checks: Record<string, (value: never) => boolean>): boolean {
    const now = performance.now();
    let all = true;
    const current = this.isCurrent(gen);
    for (const fn of Object.values(checks)) {
      let ok = false;
      try {
        ok = (fn as (v: unknown) => boolean)(value) === true;
      } catch {
        ok = false;
      }
      if (current) this.run.recorder.recordCheck(now, ok);
      all &&= ok;
    }
    return all;
  }

  ledger(gen: number, write: { id: string | number; version: number; entity?: string }): void {
    if (!this.isCurrent(gen)) return;
    if ((typeof write?.id !== 'string' && typeof write?.id !== 'number') || typeof write.version !== 'number')
      throw new TypeError('vu.ledger expects { id, version } (id a string or number, version a number)');
    this.run.ledger.push({
      request: this.lastName,
      id:
        typeof write.entity === 'string' && write.entity !== ''
          ? `${write.entity}/${write.id}`
          : String(write.id),
      version: write.version,
      ackedAt: this.run.epochOf(performance.now()),
    });
  }

  key(spec: VuKeySpec | undefined): number {
    return this.env.key(spec);
  }
}

/** The API of one iteration. */
class IterationApi implements VuApi {
  readonly http: VuHttp;

  constructor(
    private readonly vu: ScriptVu,
    private readonly gen: number,
  ) {
    const req = (method: string) => (target: string, params?: VuRequestParams) =>
      vu.request(gen, method, target, params);
    this.http = {
      get: req('GET'),
      post: req('POST'),
      put: req('PUT'),
      patch: req('PATCH'),
      del: req('DELETE'),
      head: req('HEAD'),
    };
  }

  get id(): number {
    return this.vu.globalId;
  }

  get iteration(): number {
    return this.vu.iterations;
  }

  check<T>(value: T, checks: Record<string, (value: T) => boolean>): boolean {
    return this.vu.check(this.gen, value, checks as Record<string, (value: never) => boolean>);
  }

  async group<T>(_name: string, fn: () => T | Promise<T>): Promise<T> {
    return await fn();
  }

  sleep(seconds: number): Promise<void> {
    return this.vu.sleep(this.gen, seconds);
  }

  key(dist?: VuKeySpec): number {
    return this.vu.key(dist);
  }

  ledger(write: { id: string | number; version: number; entity?: string }): void {
    this.vu.ledger(this.gen, write);
  }
}
