import type { KindDefinition } from '../../kind.js';
import { eventsV1Event } from './event.js';

export type { Event, EventSeries, EventSource } from './event-types.js';
export { eventsV1Event } from './event.js';
export { eventToCore, eventFromCore } from './event-conversion.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const eventsV1Kinds: KindDefinition<any>[] = [eventsV1Event];
