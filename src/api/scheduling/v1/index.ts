import type { KindDefinition } from '../../kind.js';
import { priorityClass } from './priorityclass.js';

export type { PriorityClass, PreemptionPolicy } from './priorityclass.js';
export { priorityClass, SYSTEM_PRIORITY_CLASSES, HIGHEST_USER_DEFINABLE_PRIORITY } from './priorityclass.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const schedulingV1Kinds: KindDefinition<any>[] = [priorityClass];
