import type { KindDefinition } from '../../kind.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const storageV1Kinds: KindDefinition<any>[] = [];
