/**
 * What a scripted iteration sees (k6-style): `export default async function (vu: VuApi) { … }`.
 *
 * ```ts
 * import type { VuApi } from 'harness/engine';
 * export default async function (vu: VuApi) {
 *   const id = vu.key('zipfian');
 *   const put = await vu.http.put(`/items/${id}`, { body: { value: 'x' }, tags: { name: 'put-item' } });
 *   vu.check(put, { 'put 200': (r) => r.status === 200 });
 *   vu.ledger(put.json<{ id: string; version: number }>());
 *   await vu.sleep(0.1);
 * }
 * ```
 */
import type { ErrorClass } from '../../../model/index.ts';

export interface VuRequestParams {
  /** A string is sent as it is; anything else as JSON (with content-type application/json). */
  body?: unknown;
  headers?: Record<string, string>;
  /** `name` is the request name the metrics are recorded under (default: `METHOD /path`). */
  tags?: { name?: string };
}

export interface VuResponse {
  /** 0 when no response came (refused, reset, timeout…: see `error`). */
  status: number;
  body: string;
  /** Set when the request counts as failed (`http_req_failed`): a network error or an unexpected status. */
  error: ErrorClass | undefined;
  /** Parses the body as JSON (throws on invalid JSON). */
  json<T = unknown>(): T;
}

export interface VuHttp {
  get(pathOrUrl: string, params?: VuRequestParams): Promise<VuResponse>;
  post(pathOrUrl: string, params?: VuRequestParams): Promise<VuResponse>;
  put(pathOrUrl: string, params?: VuRequestParams): Promise<VuResponse>;
  patch(pathOrUrl: string, params?: VuRequestParams): Promise<VuResponse>;
  del(pathOrUrl: string, params?: VuRequestParams): Promise<VuResponse>;
  head(pathOrUrl: string, params?: VuRequestParams): Promise<VuResponse>;
}

/** A key distribution: a name, or the scenario's `key` object (`{ dist, min, max, theta }`). */
export type VuKeySpec =
  | 'uniform'
  | 'sequential'
  | 'zipfian'
  | 'latest'
  | { dist?: 'uniform' | 'sequential' | 'zipfian' | 'latest'; min?: number; max?: number; theta?: number };

export interface VuApi {
  /** 1-based VU number, unique across worker threads (k6 `__VU`). */
  readonly id: number;
  /** 0-based iteration of this VU (k6 `__ITER`). */
  readonly iteration: number;
  /** Requests to the run's base URL (a path, or a full URL on the same origin). */
  readonly http: VuHttp;
  /** Runs each named predicate on `value` and counts it in `checks`; true when all passed. A throw counts as a fail. */
  check<T>(value: T, checks: Record<string, (value: T) => boolean>): boolean;
  /** Runs `fn` as a named step of the flow; returns its result. */
  group<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Think time (closed model only; in the open model it returns at once, since arrivals set the pace). */
  sleep(seconds: number): Promise<void>;
  /** A key from the dataset's key space (`[1, dataset.items]`), YCSB distributions as in the request mix. */
  key(dist?: VuKeySpec): number;
  /** Records an acknowledged write `{ id, version }` (with `entity`, the id becomes `entity/id`) for the integrity check. */
  ledger(write: { id: string | number; version: number; entity?: string }): void;
}

/** The function a script module exports. */
export type VuScript = (vu: VuApi) => unknown;
