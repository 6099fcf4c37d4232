/**
 * The autoscaled architecture's service runs the replicated data path as it
 * is — writes to the primary, reads over the standbys, REQUEST_WORK_US of CPU
 * per request — under its own DATA_PATH name; only the number of its
 * processes changes (the scaler, in harness).
 */
export { dataPath } from '../replicated/data-path.ts';
