import type { KindDefinition } from '../../kind.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rbacV1Kinds: KindDefinition<any>[] = [];
