import type { RequestSpec, Workload } from '../../../model/index.ts';
import { type InputProblem, InvalidInputError, parseDuration } from '../../../model/index.ts';
import type { RequestShape } from '../http/client.ts';
import { createAliasPicker } from './alias-table.ts';
import { createKeyGenerator } from './key-generator.ts';
import { createRng, type Rng } from './rng.ts';
import { compileTemplate, type TemplateContext } from './template.ts';

export type { TemplateContext } from './template.ts';

/** One entry of the mix, ready to send many times. */
export interface CompiledRequest {
  index: number;
  name: string;
  method: RequestSpec['method'];
  /** Flat `[name, value, …]` header list, content-type included when there is a body. */
  headers: string[];
  ledger: boolean;
  /** `expected[status] === 1` when the status counts as success. */
  expected: Uint8Array;
  /** Fills `ctx.key` (when the request uses `{key}`) and renders path and body for one iteration. */
  prepare(ctx: TemplateContext): void;
  path(ctx: TemplateContext): string;
  /** The body of this iteration: the same Buffer every time when it has no placeholders. */
  body(ctx: TemplateContext): string | Buffer | undefined;
  /** Bytes of the request line and these headers (host and framing headers are the engine's). */
  headBytes: number;
  /** Method and headers for the HTTP client; `fixed` when path and body never change. */
  shape: RequestShape;
}

export interface CompiledWorkload {
  requests: CompiledRequest[];
  /** Picks the next request of the weighted mix. */
  pick(): CompiledRequest;
  /** Pause between two iterations of one VU (closed model). */
  thinkTimeMs: number;
}

export interface CompileOptions {
  /** Seed for the mix and the key distributions: same seed, same sequence. */
  seed?: number;
}

const defaultExpected = (): Uint8Array => {
  const table = new Uint8Array(600);
  table.fill(1, 200, 400);
  return table;
};

function compileRequest(spec: RequestSpec, index: number, items: number, rng: Rng, problems: InputProblem[]) {
  const at = `workload.mix[${index}]`;
  const path = compileTemplate(spec.path, rng);
  if (path.unknown.length > 0) {
    problems.push({
      path: `${at}.path`,
      message: `unknown placeholder ${path.unknown.join(', ')}; expected one of {key} {vu} {iter} {uuid} {rand} {now}`,
    });
  }
  const headers: string[] = [];
  let hasContentType = false;
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    headers.push(name, value);
    if (name.toLowerCase() === 'content-type') hasContentType = true;
  }
  // JSON text keeps `{key}` inside string values as it is, so the serialized body is itself the template.
  const bodyText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const body = bodyText === undefined ? undefined : compileTemplate(bodyText, rng);
  if (body !== undefined && !hasContentType) headers.push('content-type', 'application/json');
  const staticBody = body !== undefined && body.uses.size === 0 ? Buffer.from(bodyText!) : undefined;

  const usesKey = path.uses.has('key') || (body?.uses.has('key') ?? false);
  const nextKey = usesKey ? createKeyGenerator(spec.key, items, rng, `${at}.key`) : () => 0;

  let expected = defaultExpected();
  if (spec.expectStatus !== undefined) {
    expected = new Uint8Array(600);
    for (const s of spec.expectStatus) expected[s] = 1;
  }
  let headBytes = spec.method.length + 1 + 11; // "GET " … " HTTP/1.1\r\n"
  for (let i = 0; i < headers.length; i += 2)
    headBytes += headers[i]!.length + 2 + headers[i + 1]!.length + 2;
  headBytes += 2;

  const compiled: CompiledRequest = {
    index,
    name: spec.name,
    method: spec.method,
    headers,
    ledger: spec.ledger === true,
    expected,
    prepare(ctx) {
      if (usesKey) ctx.key = nextKey();
    },
    path: path.render,
    body: body === undefined ? () => undefined : staticBody !== undefined ? () => staticBody : body.render,
    headBytes,
    shape: {
      method: spec.method,
      headers,
      fixed: path.uses.size === 0 && (body === undefined || staticBody !== undefined),
    },
  };
  return compiled;
}

/**
 * Compiles the workload once per run: the weighted mix (alias method), a key
 * generator per request over [min ?? 1, max ?? dataset.items], path and body
 * templates, and header lists. Bodies are sent as JSON.
 */
export function compileWorkload(
  workload: Workload,
  dataset: { items: number },
  options: CompileOptions = {},
): CompiledWorkload {
  const rng = createRng(options.seed);
  const problems: InputProblem[] = [];
  const requests: CompiledRequest[] = [];
  workload.mix.forEach((spec, i) => {
    try {
      requests.push(compileRequest(spec, i, dataset.items, rng, problems));
    } catch (err) {
      if (err instanceof InvalidInputError) problems.push(...err.problems);
      else throw err;
    }
  });
  if (problems.length > 0) throw new InvalidInputError(undefined, problems);
  const pickIndex = createAliasPicker(
    workload.mix.map((r) => r.weight),
    rng,
  );
  return {
    requests,
    pick: () => requests[pickIndex()]!,
    thinkTimeMs: workload.thinkTime === undefined ? 0 : parseDuration(workload.thinkTime),
  };
}
