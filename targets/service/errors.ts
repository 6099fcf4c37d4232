/** Errors the HTTP layer maps to a status: HttpError → its status, DependencyError → 503. */

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
  }
}

/** A dependency (Postgres, Redis, NATS) failed or timed out: the request gets 503, the process lives on. */
export type Dependency = 'postgres' | 'redis' | 'nats';

export class DependencyError extends Error {
  readonly dependency: Dependency;
  constructor(dependency: Dependency, cause: unknown) {
    super(`${dependency}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DependencyError';
    this.dependency = dependency;
  }
}

/** Rejects with a DependencyError when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, dependency: Dependency): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DependencyError(dependency, new Error(`timed out after ${ms} ms`))),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
