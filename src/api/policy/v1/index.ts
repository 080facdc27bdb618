import type { KindDefinition } from '../../kind.js';
import { podDisruptionBudget } from './poddisruptionbudget.js';

export type {
  PodDisruptionBudget,
  PodDisruptionBudgetSpec,
  PodDisruptionBudgetStatus,
  UnhealthyPodEvictionPolicy,
} from './poddisruptionbudget.js';
export { podDisruptionBudget } from './poddisruptionbudget.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const policyV1Kinds: KindDefinition<any>[] = [podDisruptionBudget];
