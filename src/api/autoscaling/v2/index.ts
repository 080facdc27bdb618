import type { KindDefinition } from '../../kind.js';
import { horizontalPodAutoscaler } from './horizontalpodautoscaler.js';

export type * from './hpa-types.js';
export { horizontalPodAutoscaler, defaultHpa, hpaTable, DEFAULT_CPU_UTILIZATION } from './horizontalpodautoscaler.js';
export { validateHpa } from './hpa-validation.js';
export { formatHpaMetrics } from './hpa-printer.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const autoscalingV2Kinds: KindDefinition<any>[] = [horizontalPodAutoscaler];
