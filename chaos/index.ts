/**
 * chaos/: fault model and injectors. Other rooms import from here only.
 */

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
