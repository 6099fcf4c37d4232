/** The spread of several searches of one target: on the ground floor, shared with the reports. */
export { summarizeRepeats } from '../../model/index.ts';
