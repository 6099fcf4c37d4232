/**
 * chaos/: the fault model, its injectors, the TCP fault proxy and steady-state figures. Other rooms import from here only.
 */

export { defineFaults, type FaultInput, type FaultKind, FaultSpec } from '../model/index.ts';
export { faultLabel, faultTarget } from './faults/label.ts';
export { edgesOf, type FaultEvent, planFaults, splitConditions } from './faults/plan.ts';
export { faultProblems } from './faults/problems.ts';
export { type FaultSchedule, type FaultScheduleEvent, runFaultSchedule } from './faults/scheduler.ts';
export { type AppliedFault, type FaultRecord, inject, injectors } from './injectors/index.ts';
export { FaultTargetError, selectProxies } from './injectors/select.ts';
export type {
  BandwidthToxic,
  DropToxic,
  Endpoint,
  FaultProxy,
  FaultProxyOptions,
  FaultProxyStats,
  LatencyToxic,
  LimitDataToxic,
  PartitionOptions,
  ResetPeerToxic,
  ResolvedToxic,
  RevertHandle,
  SlicerToxic,
  SlowCloseToxic,
  StreamStats,
  TimeoutToxic,
  Toxic,
  ToxicHandle,
  ToxicStream,
  ToxicType,
} from './proxy/index.ts';
export { InvalidToxicError, partition, startFaultProxy } from './proxy/index.ts';
export { type FaultImpact, type FaultWindowFigures, faultImpact } from './steady-state/impact.ts';
