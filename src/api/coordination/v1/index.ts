import type { KindDefinition } from '../../kind.js';
import { lease } from './lease.js';

export type { Lease, LeaseSpec } from './lease.js';
export { lease } from './lease.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const coordinationV1Kinds: KindDefinition<any>[] = [lease];
