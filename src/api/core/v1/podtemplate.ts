/** core/v1 PodTemplate: a stored pod template. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { col, formatLabels, nameColumn } from '../../printing.js';
import { containerCells } from '../../printing-workloads.js';
import { type PodTemplateSpec, defaultPodTemplateSpec, validatePodTemplateSpec } from './pod-spec.js';

export interface PodTemplate extends KubeObject {
  /** The pods described by this template. */
  template?: PodTemplateSpec;
}

export const podTemplate = defineKind<PodTemplate>({
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  plural: 'podtemplates',
  singular: 'podtemplate',
  namespaced: true,
  // Upstream bumps a pod template's generation whenever its template changes.
  generationFields: ['template'],
  defaults(pt) {
    pt.template ??= {};
    defaultPodTemplateSpec(pt.template);
  },
  validate: (pt) => validatePodTemplateSpec(pt.template ?? {}, 'template'),
  table: {
    columns: [
      nameColumn,
      col('Containers', 0, 'string', 'Names of each container in the template.'),
      col('Images', 0, 'string', 'Images referenced by each container in the template.'),
      col('Pod Labels', 0, 'string', 'The labels for the pod template.'),
    ],
    cells: (pt) => [pt.metadata.name, ...containerCells(pt.template?.spec?.containers), formatLabels(pt.template?.metadata?.labels)],
  },
});
