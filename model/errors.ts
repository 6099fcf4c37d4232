/**
 * Errors that carry a stable code, the process exit code the CLI uses for them
 * and a hint that tells the user how to fix the problem. Only the CLI layer
 * exits; everything below throws one of these.
 */

/** Documented exit codes (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** A bug or an unexpected failure inside harness. */
  internal: 1,
  /** Invalid input: scenario file, CLI flag, results file. Nothing was started. */
  invalidInput: 2,
  /** The run finished but a threshold failed. */
  thresholdsFailed: 3,
  /** A metric regressed against the baseline beyond its limit. */
  regression: 4,
  /** A target (or a server it needs) failed to start or is missing. */
  targetFailed: 5,
  /** The run was aborted by SIGINT/SIGTERM or by an abortOnFail threshold. */
  aborted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class HarnessError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;

  constructor(
    code: string,
    message: string,
    opts: { exitCode: ExitCodeValue; hint?: string; cause?: unknown },
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = opts.exitCode;
    this.hint = opts.hint;
  }
}

/** One problem in an input file: where it is and what was expected. */
export interface InputProblem {
  /** Path inside the file, e.g. `profiles.steady.rate` (empty for the file itself). */
  path: string;
  message: string;
}

/** Bad input: every problem found, each with its path, in one error. */
export class InvalidInputError extends HarnessError {
  readonly file: string | undefined;
  readonly problems: InputProblem[];

  constructor(file: string | undefined, problems: InputProblem[], hint?: string) {
    const where = file ?? 'input';
    const lines = problems.map((p) => `  - ${p.path === '' ? '(file)' : p.path}: ${p.message}`);
    super(
      'INVALID_INPUT',
      `${where}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`,
      {
        exitCode: ExitCode.invalidInput,
        ...(hint === undefined ? {} : { hint }),
      },
    );
    this.file = file;
    this.problems = problems;
  }
}

export class TargetStartError extends HarnessError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super('TARGET_FAILED', message, { exitCode: ExitCode.targetFailed, ...opts });
  }
}

export class MissingDependencyError extends HarnessError {
  constructor(what: string, hint: string) {
    super('MISSING_DEPENDENCY', `${what} is not installed`, { exitCode: ExitCode.targetFailed, hint });
  }
}

export class AbortedError extends HarnessError {
  constructor(reason: string) {
    super('ABORTED', `run aborted: ${reason}`, { exitCode: ExitCode.aborted });
  }
}
