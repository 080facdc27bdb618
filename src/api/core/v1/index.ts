import type { KindDefinition } from '../../kind.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const coreV1Kinds: KindDefinition<any>[] = [];
