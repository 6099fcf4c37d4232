/** The user-space TCP fault proxy (Toxiproxy's model, in-process). */
export { startFaultProxy } from './fault-proxy.ts';
export { partition } from './partition.ts';
export { InvalidToxicError } from './toxics/index.ts';
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
} from './types.ts';
