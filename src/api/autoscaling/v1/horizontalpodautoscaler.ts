/** autoscaling/v1 HorizontalPodAutoscaler: served from the autoscaling/v2 objects. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { hpaResource, hpaTable } from '../v2/horizontalpodautoscaler.js';
import type { HorizontalPodAutoscaler as HpaV2 } from '../v2/hpa-types.js';
import { validateHpa } from '../v2/hpa-validation.js';
import { hpaV1ToStored, hpaV2ToV1 } from './conversion.js';
import type { HorizontalPodAutoscaler } from './horizontalpodautoscaler-types.js';

export type * from './horizontalpodautoscaler-types.js';

export const horizontalPodAutoscalerV1 = defineKind<HorizontalPodAutoscaler>({
  ...hpaResource,
  version: 'v1',
  defaults(hpa) {
    hpa.spec ??= {} as HorizontalPodAutoscaler['spec'];
    hpa.spec.minReplicas ??= 1;
  },
  prepareForCreate(hpa) {
    hpa.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  // Upstream validates the internal (v2-shaped) object, so paths name v2 fields.
  validate: (hpa) => validateHpa(hpaV1ToStored(hpa)),
  validateUpdate: (hpa, old) => validateHpa(hpaV1ToStored(hpa), hpaV1ToStored(old)),
  table: {
    columns: hpaTable.columns,
    cells: (hpa, now) => hpaTable.cells(hpaV1ToStored(hpa), now),
  },
  storage: {
    group: hpaResource.group,
    version: 'v2',
    kind: hpaResource.kind,
    plural: hpaResource.plural,
    toStored: (hpa) => hpaV1ToStored(hpa),
    fromStored: (obj: KubeObject) => hpaV2ToV1(obj as HpaV2),
  },
});
