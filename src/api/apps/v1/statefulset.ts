/** apps/v1 StatefulSet: defaults, validation, /scale and the printer. */
import { type PodTemplateSpec, defaultPodTemplateSpec, validatePodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defineKind } from '../../kind.js';
import { col } from '../../printing.js';
import { workloadCells, workloadColumns } from '../../printing-workloads.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { goIntOrString, goLabelSelector, invalidRendered } from '../../validation/go-format.js';
import {
  intOrPercentValue,
  validateNonNegative,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../../validation/intstr.js';
import { isConvertibleSelector, validateSelectorMatchesLabels } from '../../validation/label-selector.js';
import { semanticEqual } from '../../validation/semantic-equal.js';
import {
  validateAlwaysRunning,
  validateCollisionCount,
  validateControllerSelector,
  validateCounters,
  validateReplicaBounds,
} from './controller-template.js';
import type { StatefulSet, StatefulSetSpec, StatefulSetUpdateStrategy } from './statefulset-types.js';

export type * from './statefulset-types.js';

/** SetDefaults_StatefulSet, plus claim template and pod template defaults. */
export function defaultStatefulSet(sts: StatefulSet): void {
  sts.spec ??= {} as StatefulSetSpec;
  const spec = sts.spec;
  spec.podManagementPolicy ||= 'OrderedReady';
  spec.updateStrategy ??= {};
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = 'RollingUpdate';
    spec.updateStrategy.rollingUpdate ??= {};
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) {
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  for (const claim of spec.volumeClaimTemplates ?? []) {
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.spec ??= {};
    claim.spec.volumeMode ??= 'Filesystem';
    claim.status ??= { phase: 'Pending' };
  }
  spec.template ??= {};
  defaultPodTemplateSpec(spec.template);
}

function validateUpdateStrategy(s: StatefulSetUpdateStrategy | undefined): FieldError[] {
  const strategy = s ?? {};
  const base = 'spec.updateStrategy';
  if (!strategy.type) return [required(base)];
  switch (strategy.type) {
    case 'OnDelete':
      return strategy.rollingUpdate
        ? [invalid(`${base}.rollingUpdate`, strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'")]
        : [];
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate;
      if (!ru) return [];
      const errs = validateNonNegative(ru.partition, `${base}.rollingUpdate.partition`);
      if (ru.maxUnavailable != null) {
        const f = `${base}.rollingUpdate.maxUnavailable`;
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, f));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalidRendered(f, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        errs.push(...validateNotMoreThan100Percent(ru.maxUnavailable, f));
      }
      return errs;
    }
    default:
      return [invalid(base, strategy, "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

const RETENTION = ['Retain', 'Delete'];

function validateRetention(spec: StatefulSetSpec): FieldError[] {
  const p = spec.persistentVolumeClaimRetentionPolicy;
  if (!p) return [];
  const base = 'spec.persistentVolumeClaimRetentionPolicy';
  return (['whenDeleted', 'whenScaled'] as const)
    .filter((k) => !RETENTION.includes(p[k] ?? ''))
    .map((k) => notSupported(`${base}.${k}`, p[k] ?? '', RETENTION));
}

/**
 * The pod template, validated with each claim template standing in as a volume, so containers
 * may mount their claims by name (upstream skips pod spec validation for StatefulSets).
 */
function validateTemplate(spec: StatefulSetSpec): FieldError[] {
  const tpl: PodTemplateSpec = spec.template ?? {};
  const volumes = [...(tpl.spec?.volumes ?? [])];
  for (const claim of spec.volumeClaimTemplates ?? []) {
    const name = claim.metadata?.name ?? '';
    if (name && !volumes.some((v) => v.name === name)) volumes.push({ name, persistentVolumeClaim: { claimName: name } });
  }
  const withClaims: PodTemplateSpec = { ...tpl, spec: { ...(tpl.spec ?? { containers: [] }), volumes } };
  return [
    ...validateSelectorMatchesLabels(spec.selector, tpl.metadata?.labels, 'spec.template.metadata.labels'),
    ...validatePodTemplateSpec(withClaims, 'spec.template'),
  ];
}

/** ValidateStatefulSetSpec. */
export function validateStatefulSet(sts: StatefulSet): FieldError[] {
  const spec = sts.spec ?? ({} as StatefulSetSpec);
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (!policy) errs.push(required('spec.podManagementPolicy'));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateUpdateStrategy(spec.updateStrategy));
  errs.push(...validateRetention(spec));
  errs.push(...validateNonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateNonNegative(spec.ordinals?.start, 'spec.ordinals.start'));
  errs.push(...validateControllerSelector(spec.selector, 'statefulset'));
  if (isConvertibleSelector(spec.selector)) errs.push(...validateTemplate(spec));
  else errs.push(invalidRendered('spec.selector', goLabelSelector(spec.selector), ''));
  errs.push(...validateAlwaysRunning(spec.template ?? {}, 'spec.template', 'StatefulSet'));
  return errs;
}

/** The spec fields a StatefulSet update may change. */
const MUTABLE_SPEC_FIELDS = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

function validateStatefulSetUpdate(sts: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = validateStatefulSet(sts);
  const strip = (spec: StatefulSetSpec | undefined) =>
    Object.fromEntries(Object.entries(spec ?? {}).filter(([k]) => !MUTABLE_SPEC_FIELDS.includes(k)));
  if (!semanticEqual(strip(sts.spec), strip(old.spec))) {
    errs.push(
      forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
          "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

const STATUS_COUNTERS = ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount'];

export const statefulSet = defineKind<StatefulSet>({
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  statusSubresource: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  generationFields: ['spec'],
  defaults: defaultStatefulSet,
  prepareForCreate(sts) {
    sts.status = { replicas: 0, availableReplicas: 0 };
  },
  validate: validateStatefulSet,
  validateUpdate: validateStatefulSetUpdate,
  validateStatusUpdate: (sts, old) => {
    const status = sts.status as unknown as Record<string, unknown>;
    return [
      ...validateCounters(status, STATUS_COUNTERS),
      ...validateReplicaBounds(status, ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'], 'cannot be greater than status.readyReplicas'),
      ...validateCollisionCount(sts.status?.collisionCount, old.status?.collisionCount),
    ];
  },
  table: {
    columns: workloadColumns([col('Ready', 0, 'string', 'Number of the pod with ready state')]),
    cells: (sts, now) =>
      workloadCells(sts, now, {
        own: [`${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`],
        containers: sts.spec?.template?.spec?.containers,
      }),
  },
});
