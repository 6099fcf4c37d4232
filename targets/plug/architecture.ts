/**
 * The architecture plug: what one built-in architecture is, in one object —
 * its parameters (a schema: types, defaults, ranges, help), the topology they
 * build, the data path its service processes run, and the integrity checks it
 * needs beyond the acknowledged-write ledger. targets/architectures.ts maps
 * each name to one of these; a new architecture is a folder with an
 * `architecture.ts` (and its `data-path.ts`) plus one line there.
 *
 * Harness-side behaviour of an architecture during a cell (today: `verify`)
 * hangs off this object too, so that one with a scaler or its own figures can
 * add a member beside it without touching the others.
 */
import type { Topology } from '../../model/index.ts';
import type { DataPathModule } from '../service/data-path.ts';
import type { ParamSchema, ParamValues } from './params.ts';
import type { ArchitectureVerify } from './verify.ts';

export interface Architecture<S extends ParamSchema = ParamSchema> {
  /** The key in the architectures map, and DATA_PATH of its service processes. */
  name: string;
  /** One line for `harness targets`. */
  description: string;
  params: S;
  /** Builds the topology from the defaults with the scenario's params merged over them. */
  topology(params: ParamValues<S>): Topology;
  /**
   * Loads the data path its service processes run (the service imports it by
   * DATA_PATH; harness itself never loads it).
   */
  dataPath(): Promise<DataPathModule>;
  /** Checks after the load beyond the ledger (half-done sagas, event-log order); their failures count as lost. */
  verify?: ArchitectureVerify;
}

/** Identity, for typing: `params` typed from the schema inside `topology`. */
export function defineArchitecture<const S extends ParamSchema>(arch: Architecture<S>): Architecture<S> {
  return arch;
}
