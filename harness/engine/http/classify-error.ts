import type { ErrorClass } from '../../../model/index.ts';

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/** The error class of a request that got no usable response. */
export function classifyError(err: unknown): ErrorClass {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'other';
  if (code === 'ECONNREFUSED') return 'refused';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (RESET_CODES.has(code)) return 'reset';
  return 'other';
}

/** The error class of a response whose status is not among the expected ones. */
export function classifyStatus(status: number): ErrorClass {
  if (status >= 500 && status < 600) return 'http_5xx';
  if (status >= 400 && status < 500) return 'http_4xx';
  return 'unexpected_status';
}

/** Raised by the engine's own request timeout (covers time queued for a connection too). */
export class RequestTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(timeoutMs: number) {
    super(`no response within ${timeoutMs} ms`);
  }
}

/** Raised when the run cancels a request (abort, graceful stop or ramp-down ran out). */
export class RequestCancelledError extends Error {
  readonly code = 'HARNESS_CANCELLED';
  constructor() {
    super('request cancelled by the load engine');
  }
}
