/**
 * A tiny router and JSON helpers over node:http. Handlers receive a parsed
 * request and return a Reply; `createRequestListener` turns errors into JSON
 * (HttpError → its status, DependencyError → 503, anything else → 500) and
 * reports every finished request to `onDone` for metrics.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { DependencyError, HttpError } from './errors.ts';

export interface Reply {
  status: number;
  /** Serialized as JSON unless `contentType` is set, in which case it must be a string. */
  body: unknown;
  contentType?: string;
}

export interface RouteRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  raw: IncomingMessage;
}

export type Handler = (req: RouteRequest) => Promise<Reply> | Reply;

type Match =
  | { kind: 'found'; route: string; handler: Handler; params: Record<string, string> }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allow: string[] };

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
}

export class Router {
  readonly #routes: Route[] = [];

  /** `pattern` is a path with `:name` segments: `/items/:id`. */
  add(method: string, pattern: string, handler: Handler): this {
    this.#routes.push({ method, pattern, segments: split(pattern), handler });
    return this;
  }

  match(method: string, path: string): Match {
    const parts = split(path);
    const allow: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (params === undefined) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { kind: 'found', route: route.pattern, handler: route.handler, params };
      }
      allow.push(route.method);
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s, i) => i > 0 || s !== '');
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(':')) {
      if (v === '') return undefined;
      params[p.slice(1)] = decodeURIComponent(v);
    } else if (p !== v) {
      return undefined;
    }
  }
  return params;
}

export const json = (status: number, body: unknown): Reply => ({ status, body });

/** Reads and parses a JSON body; 400 on bad JSON, 413 above `limitBytes`. */
export async function readJson(req: IncomingMessage, limitBytes = 1 << 20): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limitBytes) throw new HttpError(413, `body larger than ${limitBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    throw err instanceof HttpError ? err : new HttpError(400, 'request body aborted');
  }
  if (size === 0) throw new HttpError(400, 'a JSON body is required');
  try {
    return JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

/** Parses a positive integer id (path segment or JSON field) that fits in a JS number. */
export function parseId(raw: unknown, what: string): number {
  const n = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new HttpError(400, `${what} must be a positive integer`);
  }
  return n;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type OnDone = (route: string, method: string, status: number, seconds: number) => void;

export function createRequestListener(router: Router, onDone: OnDone): RequestListener {
  return (req, res) => {
    const start = performance.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    let route = 'unmatched';
    const finish = (reply: Reply): void => {
      send(res, reply);
      onDone(route, method, reply.status, (performance.now() - start) / 1000);
    };
    let match: Match;
    try {
      match = router.match(method, path);
    } catch {
      finish(json(400, { error: 'malformed path' }));
      return;
    }
    if (match.kind === 'not-found') {
      finish(json(404, { error: `no route for ${method} ${path}` }));
      return;
    }
    if (match.kind === 'method-not-allowed') {
      res.setHeader('allow', match.allow.join(', '));
      finish(json(405, { error: `${method} not allowed on ${path}` }));
      return;
    }
    route = match.route;
    let pending: Promise<Reply> | Reply;
    try {
      pending = match.handler({ method, path, params: match.params, raw: req });
    } catch (err) {
      finish(errorReply(err));
      return;
    }
    Promise.resolve(pending).then(finish, (err: unknown) => finish(errorReply(err)));
  };
}

export function errorReply(err: unknown): Reply {
  if (err instanceof HttpError) return json(err.status, { error: err.message });
  if (err instanceof DependencyError) return json(503, { error: err.message });
  console.error('[service] unexpected error:', err);
  return json(500, { error: 'internal error' });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const payload =
    reply.contentType !== undefined && typeof reply.body === 'string'
      ? reply.body
      : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': reply.contentType ?? 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}
