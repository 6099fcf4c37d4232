/**
 * `harness doctor`: which external tools are installed, in which version,
 * and whether they are usable (recent enough; for Docker, a daemon answers).
 * Every probe is an execFile with a timeout; the probes run side by side.
 */
import { run } from './exec.ts';
import { atLeast, parseVersion } from './parse-version.ts';
import { TOOLS, type ToolSpec } from './tools.ts';
import type { ToolStatus } from './types.ts';

const DOCKER_INFO_TIMEOUT_MS = 4_000;

export interface CheckOptions {
  /** Only these tools (by name); default all. */
  only?: readonly string[];
}

export async function checkEnvironment(opts: CheckOptions = {}): Promise<ToolStatus[]> {
  const tools = opts.only ? TOOLS.filter((t) => opts.only!.includes(t.name)) : TOOLS;
  return Promise.all(tools.map(checkTool));
}

export async function checkTool(tool: ToolSpec): Promise<ToolStatus> {
  const base = {
    name: tool.name,
    purpose: tool.purpose,
    debianPackage: tool.debianPackage,
    requiredFor: tool.requiredFor,
  };
  const path = await tool.locate();
  if (path === undefined) {
    return {
      ...base,
      present: false,
      note: `not installed (Debian/Ubuntu: apt-get install ${tool.debianPackage})`,
    };
  }
  const version = tool.name === 'node' ? parseVersion('node', process.version) : await askVersion(tool, path);
  const status: ToolStatus = { ...base, present: true, path, ...(version ? { version } : {}) };
  if (tool.minimum && version && !atLeast(version, tool.minimum)) {
    return {
      ...status,
      present: false,
      note: `version ${version} is older than the ${tool.minimum} harness needs`,
    };
  }
  if (tool.name === 'docker') return withDockerDaemon(status, path);
  if (version === undefined) return { ...status, note: 'installed, but its version could not be read' };
  return status;
}

async function askVersion(tool: ToolSpec, path: string): Promise<string | undefined> {
  const out = await run(path, tool.versionArgs, tool.timeoutMs ?? 5_000);
  return parseVersion(tool.name, `${out.stdout}\n${out.stderr}`);
}

/** The client alone is not enough: `docker info` must reach a daemon. */
async function withDockerDaemon(status: ToolStatus, path: string): Promise<ToolStatus> {
  const info = await run(path, ['info', '--format', '{{.ServerVersion}}'], DOCKER_INFO_TIMEOUT_MS);
  const server = info.stdout.trim();
  if (info.ok && server !== '') return { ...status, note: `daemon ${server} answers` };
  const why = info.failure ?? firstLine(info.stderr) ?? `exit code ${info.code}`;
  return {
    ...status,
    present: false,
    note: `client installed, but no daemon answers (${why}); start it (systemctl start docker) or use --runtime local`,
  };
}

function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line;
}
