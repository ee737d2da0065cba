// The call lifecycle: events in, call state out.
export { reduceCall } from './reduce';
export type { CallEvent } from './types';
export { reduceRing, stillRinging, type RingEvent } from './ring';
