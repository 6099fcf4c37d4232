/** `harness doctor` and `harness setup`: what external tools are there, and installing the missing ones. */
export type { CheckOptions } from './check-environment.ts';
export { checkEnvironment } from './check-environment.ts';
export { formatDoctor } from './format-doctor.ts';
export { atLeast, compareVersions, parseVersion } from './parse-version.ts';
export type { Command, SetupOptions } from './setup.ts';
export { planCommands, setup } from './setup.ts';
export type { ToolSpec } from './tools.ts';
export { NODE_MINIMUM, TOOLS } from './tools.ts';
export type { ToolStatus } from './types.ts';
