/**
 * Reads the service's env and collects every problem instead of stopping at
 * the first: the common config and each data path's own settings read through
 * one EnvReader, and `throwIfProblems()` reports them all at once.
 */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid service configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const pgUrl = /^postgres(ql)?:\/\//;

export class EnvReader {
  readonly env: Env;
  readonly problems: string[] = [];

  constructor(env: Env) {
    this.env = env;
  }

  /** The value, or undefined when unset or empty. */
  str(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  /** An integer in [min, max]; `fallback` undefined makes it required. */
  int(name: string, fallback: number | undefined, min: number, max: number): number {
    const raw = this.str(name);
    if (raw === undefined) {
      if (fallback === undefined) this.problems.push(`${name} is required`);
      return fallback ?? 0;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
      return fallback ?? 0;
    }
    return n;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const raw = this.str(name) ?? fallback;
    if (!(values as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  /** A URL matching `scheme` (e.g. /^redis:\/\//); required unless `optional`. */
  url(name: string, scheme: RegExp, example: string, optional = false): string | undefined {
    const raw = this.str(name);
    if (raw === undefined) {
      if (!optional) this.problems.push(`${name} is required (${example})`);
      return undefined;
    }
    if (!scheme.test(raw)) this.problems.push(`${name} must look like ${example}, got "${raw}"`);
    return raw;
  }

  /** A required Postgres URL. */
  postgresUrl(name: string): string {
    return this.url(name, pgUrl, 'postgres://user@host:port/db') ?? '';
  }

  /** Comma-separated Postgres URLs; empty when unset. */
  postgresUrls(name: string): string[] {
    const urls = (this.str(name) ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '');
    const bad = urls.filter((u) => !pgUrl.test(u));
    if (bad.length > 0) this.problems.push(`${name}: every URL must start with postgres://, got "${bad[0]}"`);
    return urls;
  }

  /** A required nats:// URL. */
  natsUrl(name: string): string {
    return this.url(name, /^(nats|tls):\/\//, 'nats://127.0.0.1:4222') ?? '';
  }

  throwIfProblems(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
