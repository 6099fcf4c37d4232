/**
 * The whole configuration of one service process: the common part
 * (config.ts), then the settings of the data path DATA_PATH names and its
 * ROLE — every problem of both reported in one ConfigError.
 */
import { architectures } from '../architectures.ts';
import { parseConfig, type ServiceConfig } from './config.ts';
import type { DataPathModule } from './data-path.ts';
import { type Env, EnvReader } from './env-reader.ts';

export interface LoadedConfig {
  config: ServiceConfig;
  module: DataPathModule;
  settings: unknown;
  /** One line for the start-up log. */
  description: string;
}

export async function loadConfig(env: Env): Promise<LoadedConfig> {
  const reader = new EnvReader(env);
  const config = parseConfig(reader);
  const module = await architectures[config.dataPath as keyof typeof architectures].dataPath();
  config.role = reader.oneOf('ROLE', module.roles, module.roles[0] ?? 'api');
  const settings = module.settings(reader, config);
  reader.throwIfProblems();
  return { config, module, settings, description: module.describe(settings, config) };
}
