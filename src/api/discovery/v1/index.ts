import type { KindDefinition } from '../../kind.js';
import { endpointSlice } from './endpointslice.js';

export type {
  EndpointSlice,
  Endpoint,
  EndpointPort,
  EndpointConditions,
  EndpointHints,
  ForZone,
  ForNode,
  AddressType,
} from './endpointslice.js';
export { endpointSlice } from './endpointslice.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const discoveryV1Kinds: KindDefinition<any>[] = [endpointSlice];
