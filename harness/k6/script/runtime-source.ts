/**
 * The part of every exported k6 script that does what harness's engine does
 * per iteration: the weighted request mix, YCSB key distributions over
 * `[1, ITEMS]`, harness's placeholders (`{key}` `{vu}` `{iter}` `{uuid}`
 * `{rand}` `{now}`), expected statuses, think time; and for a scripted flow, a
 * `VuApi` on top of k6/http. TypeScript that type-checks against @types/k6;
 * esbuild turns it into the JS k6 runs. Kept as source text: it runs inside
 * k6, never in harness.
 *
 * Differences from harness's engine, said in the script too: `sequential`
 * keys count per VU (a k6 VU is its own JS runtime), random numbers come from
 * Math.random (no seed), and `vu.group()` runs its steps without k6's group
 * tag (k6 0.48's group() takes no async function).
 */
export const RUNTIME_SOURCE = `
type KeyDist = 'uniform' | 'sequential' | 'zipfian' | 'latest';
interface KeySpec {
  dist?: KeyDist;
  min?: number;
  max?: number;
  theta?: number;
}
interface RequestSpec {
  name: string;
  weight: number;
  method: string;
  path: string;
  headers?: { [name: string]: string };
  /** JSON text; placeholders inside string values are filled per iteration. */
  body?: string;
  key?: KeySpec;
  expectStatus?: number[];
  ledger?: boolean;
}
interface Compiled {
  spec: RequestSpec;
  usesKey: boolean;
  key: () => number;
  params: Params;
}
interface Mix {
  requests: Compiled[];
  cumulative: number[];
  total: number;
}
interface TemplateContext {
  key: number;
  vu: number;
  iter: number;
}

/** YCSB's ZipfianGenerator: 0 is the most popular of [0, items). */
function zipfian(items: number, theta: number): () => number {
  if (items <= 1) return () => 0;
  let zetan = 0;
  for (let i = 1; i <= items; i++) zetan += 1 / Math.pow(i, theta);
  const zeta2 = 1 + 1 / Math.pow(2, theta);
  const alpha = 1 / (1 - theta);
  const eta = (1 - Math.pow(2 / items, 1 - theta)) / (1 - zeta2 / zetan);
  const half = 1 + Math.pow(0.5, theta);
  return () => {
    const u = Math.random();
    const uz = u * zetan;
    if (uz < 1) return 0;
    if (uz < half) return 1;
    const v = Math.floor(items * Math.pow(eta * u - eta + 1, alpha));
    return v >= items ? items - 1 : v;
  };
}

/** A key over [min ?? 1, max ?? ITEMS]; sequential counts per VU. */
function keyGenerator(spec: KeySpec | undefined): () => number {
  const min = spec && spec.min !== undefined ? spec.min : 1;
  const max = spec && spec.max !== undefined ? spec.max : ITEMS;
  const size = Math.max(1, max - min + 1);
  const dist: KeyDist = spec && spec.dist ? spec.dist : 'uniform';
  const theta = spec && spec.theta !== undefined ? spec.theta : 0.99;
  if (dist === 'sequential') {
    let next = 0;
    return () => {
      const key = min + next;
      next = next + 1 === size ? 0 : next + 1;
      return key;
    };
  }
  if (dist === 'zipfian') {
    const z = zipfian(size, theta);
    return () => min + z();
  }
  if (dist === 'latest') {
    const z = zipfian(size, theta);
    return () => max - z();
  }
  return () => min + Math.floor(Math.random() * size);
}

function uuid(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(Math.random() * 16);
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

/** harness's placeholders; {uuid} and {rand} are fresh at each occurrence. */
function render(text: string, ctx: TemplateContext): string {
  return text.replace(/\\{(key|vu|iter|uuid|rand|now)\\}/g, (_m: string, p: string) => {
    if (p === 'key') return String(ctx.key);
    if (p === 'vu') return String(ctx.vu);
    if (p === 'iter') return String(ctx.iter);
    if (p === 'uuid') return uuid();
    if (p === 'rand') return String(Math.floor(Math.random() * 4294967296));
    return String(Date.now());
  });
}

function compile(spec: RequestSpec): Compiled {
  const headers: { [name: string]: string } = {};
  let typed = false;
  for (const name of Object.keys(spec.headers || {})) {
    headers[name] = (spec.headers || {})[name] as string;
    if (name.toLowerCase() === 'content-type') typed = true;
  }
  if (spec.body !== undefined && !typed) headers['content-type'] = 'application/json';
  const params: Params = { headers, tags: { name: spec.name }, timeout: TIMEOUT };
  if (spec.expectStatus) params.responseCallback = http.expectedStatuses(...spec.expectStatus);
  const usesKey = spec.path.indexOf('{key}') >= 0 || (spec.body !== undefined && spec.body.indexOf('{key}') >= 0);
  return { spec, usesKey, key: keyGenerator(spec.key), params };
}

function mix(specs: RequestSpec[]): Mix {
  const requests = specs.map(compile);
  const cumulative: number[] = [];
  let total = 0;
  for (const r of requests) {
    total += r.spec.weight;
    cumulative.push(total);
  }
  return { requests, cumulative, total };
}

function pick(m: Mix): Compiled {
  const x = Math.random() * m.total;
  for (let i = 0; i < m.cumulative.length; i++) if (x < (m.cumulative[i] as number)) return m.requests[i] as Compiled;
  return m.requests[m.requests.length - 1] as Compiled;
}

/** An acknowledged write, for harness's integrity check when harness runs this script (--engine k6). */
function ledger(request: string, write: { id: string | number; version: number; entity?: string }): void {
  if (__ENV.HARNESS_LEDGER !== '1') return;
  const id = write.entity !== undefined ? write.entity + '/' + String(write.id) : String(write.id);
  console.log('harness-ledger ' + JSON.stringify({ request, id, version: write.version, ackedAt: Date.now() }));
}

/** One iteration of the mix: one request, think time in the closed model. */
function iterate(m: Mix, closed: boolean, thinkTimeS: number): void {
  const r = pick(m);
  const ctx: TemplateContext = { key: r.usesKey ? r.key() : 0, vu: __VU, iter: __ITER };
  const body = r.spec.body === undefined ? null : render(r.spec.body, ctx);
  const res = http.request(r.spec.method, BASE_URL + render(r.spec.path, ctx), body, r.params);
  if (r.spec.ledger && res.status >= 200 && res.status < 300) {
    try {
      ledger(r.spec.name, res.json() as { id: string; version: number });
    } catch (_e) {
      // Not an acknowledgement harness can read back.
    }
  }
  if (closed && thinkTimeS > 0) sleep(thinkTimeS);
}
`;

/** The VuApi adapter, added to scripts of a scripted flow. */
export const FLOW_RUNTIME_SOURCE = `
type ErrorClass = 'timeout' | 'refused' | 'reset' | 'http_4xx' | 'http_5xx' | 'unexpected_status' | 'other';
interface FlowParams {
  body?: unknown;
  headers?: { [name: string]: string };
  tags?: { name?: string };
}

/** harness's error classes from k6's error codes (1050 timeout, 1211/1212 dial, 1220 reset) and statuses. */
function errorClass(status: number, code: number): ErrorClass | undefined {
  if (status === 0) {
    if (code === 1050 || code === 1211) return 'timeout';
    if (code === 1212) return 'refused';
    if (code === 1220) return 'reset';
    return 'other';
  }
  if (status >= 200 && status < 400) return undefined;
  if (status >= 400 && status < 500) return 'http_4xx';
  if (status >= 500 && status < 600) return 'http_5xx';
  return 'unexpected_status';
}

const keyGenerators: { [spec: string]: () => number } = {};

/** A VuApi for one iteration, on k6/http: what harness's engine gives a flow. */
function vuApi(closed: boolean) {
  const send = (method: string, pathOrUrl: string, p?: FlowParams) => {
    const headers: { [name: string]: string } = {};
    for (const k of Object.keys((p && p.headers) || {})) headers[k] = ((p && p.headers) || {})[k] as string;
    let body: string | null = null;
    if (p && p.body !== undefined) {
      body = typeof p.body === 'string' ? p.body : JSON.stringify(p.body);
      if (typeof p.body !== 'string' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    }
    const url = pathOrUrl.indexOf('://') >= 0 ? pathOrUrl : BASE_URL + pathOrUrl;
    const name = p && p.tags && p.tags.name ? p.tags.name : method + ' ' + pathOrUrl;
    const res = http.request(method, url, body, { headers, tags: { name }, timeout: TIMEOUT });
    const text = typeof res.body === 'string' ? res.body : '';
    return Promise.resolve({
      status: res.status,
      body: text,
      error: errorClass(res.status, res.error_code),
      json<T = unknown>(): T {
        return JSON.parse(text) as T;
      },
    });
  };
  return {
    id: __VU,
    iteration: __ITER,
    http: {
      get: (u: string, p?: FlowParams) => send('GET', u, p),
      post: (u: string, p?: FlowParams) => send('POST', u, p),
      put: (u: string, p?: FlowParams) => send('PUT', u, p),
      patch: (u: string, p?: FlowParams) => send('PATCH', u, p),
      del: (u: string, p?: FlowParams) => send('DELETE', u, p),
      head: (u: string, p?: FlowParams) => send('HEAD', u, p),
    },
    check<T>(value: T, checks: { [name: string]: (value: T) => boolean }): boolean {
      const wrapped: { [name: string]: (value: T) => boolean } = {};
      for (const name of Object.keys(checks)) {
        wrapped[name] = (v: T) => {
          try {
            return (checks[name] as (value: T) => boolean)(v);
          } catch (_e) {
            return false;
          }
        };
      }
      return check(value, wrapped);
    },
    async group<T>(_name: string, fn: () => T | Promise<T>): Promise<T> {
      return await fn();
    },
    async sleep(seconds: number): Promise<void> {
      if (closed) sleep(seconds);
    },
    key(spec?: KeyDist | KeySpec): number {
      const id = spec === undefined ? 'uniform' : typeof spec === 'string' ? spec : JSON.stringify(spec);
      let g = keyGenerators[id];
      if (g === undefined) {
        g = keyGenerator(typeof spec === 'string' ? { dist: spec } : spec);
        keyGenerators[id] = g;
      }
      return g();
    },
    ledger(write: { id: string | number; version: number; entity?: string }): void {
      ledger('script', write);
    },
  };
}
`;
