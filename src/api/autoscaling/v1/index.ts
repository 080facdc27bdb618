import type { KindDefinition } from '../../kind.js';
import { horizontalPodAutoscalerV1 } from './horizontalpodautoscaler.js';

export type * from './horizontalpodautoscaler-types.js';
export { horizontalPodAutoscalerV1 } from './horizontalpodautoscaler.js';
export {
  hpaV1ToV2,
  hpaV1ToStored,
  hpaV2ToV1,
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
  CONDITIONS_ANNOTATION,
  BEHAVIOR_ANNOTATION,
} from './conversion.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const autoscalingV1Kinds: KindDefinition<any>[] = [horizontalPodAutoscalerV1];
