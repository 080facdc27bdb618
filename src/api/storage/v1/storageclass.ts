/** storage.k8s.io/v1 StorageClass: a class of dynamically provisioned storage. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import {
  type FieldError,
  duplicate,
  forbidden,
  invalid,
  notSupported,
  required,
  tooLong,
  IMMUTABLE,
} from '../../validation/field-errors.js';
import { isQualifiedName, isValidLabelValue } from '../../validation/names.js';

/** One label requirement of a topology term: the label `key` must have one of `values`. */
export interface TopologySelectorLabelRequirement {
  /** The label key the selector applies to. */
  key: string;
  /** Label values; the requirement holds when the label has any of them. */
  values: string[];
}

/** A topology term: its requirements are ANDed. */
export interface TopologySelectorTerm {
  /** Label requirements, all of which must hold. */
  matchLabelExpressions?: TopologySelectorLabelRequirement[];
}

export type VolumeBindingMode = 'Immediate' | 'WaitForFirstConsumer';

/** Describes a class of storage for which PersistentVolumes can be provisioned dynamically. */
export interface StorageClass extends KubeObject {
  /** The volume plugin (or CSI driver) that provisions volumes of this class. Immutable. */
  provisioner: string;
  /** Provisioner-specific settings for volumes of this class. Immutable. */
  parameters?: Record<string, string>;
  /** What happens to provisioned volumes when their claim is released: Delete (default) or Retain. */
  reclaimPolicy?: 'Delete' | 'Retain';
  /** Mount options for provisioned volumes, e.g. ["ro", "soft"]; not validated. */
  mountOptions?: string[];
  /** Whether claims of this class may be resized. */
  allowVolumeExpansion?: boolean;
  /** When volumes are provisioned and bound: Immediate (default) or WaitForFirstConsumer. */
  volumeBindingMode?: VolumeBindingMode;
  /** Where volumes of this class may be provisioned; empty means anywhere. */
  allowedTopologies?: TopologySelectorTerm[];
}

/** The annotation that marks the cluster's default class (and its beta spelling). */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** True when the class is annotated as the cluster default. */
export function isDefaultStorageClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function validateParameters(params: Record<string, string> | undefined): FieldError[] {
  const entries = Object.entries(params ?? {});
  if (entries.length > MAX_PARAMETERS) return [tooLong('parameters', MAX_PARAMETERS)];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of entries) {
    if (k.length < 1) errs.push(invalid('parameters', k, 'field can not be empty.'));
    size += k.length + String(v).length;
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong('parameters', MAX_PARAMETERS_SIZE));
  return errs;
}

function validateTopologies(terms: TopologySelectorTerm[] | undefined): FieldError[] {
  const errs: FieldError[] = [];
  (terms ?? []).forEach((term, i) => {
    const path = `allowedTopologies[${i}]`;
    const exprs = term.matchLabelExpressions ?? [];
    if (exprs.length === 0) errs.push(required(path, 'must have at least one label expression'));
    const keys = new Set<string>();
    exprs.forEach((req, j) => {
      const p = `${path}.matchLabelExpressions[${j}]`;
      for (const m of isQualifiedName(req.key ?? '')) errs.push(invalid(`${p}.key`, req.key ?? '', m));
      if (keys.has(req.key)) errs.push(duplicate(`${p}.key`, req.key));
      keys.add(req.key);
      if (!req.values?.length) errs.push(required(`${p}.values`, 'must specify as least one value'));
      const seen = new Set<string>();
      (req.values ?? []).forEach((v, k) => {
        for (const m of isValidLabelValue(v)) errs.push(invalid(`${p}.values[${k}]`, v, m));
        if (seen.has(v)) errs.push(duplicate(`${p}.values[${k}]`, v));
        seen.add(v);
      });
    });
  });
  return errs;
}

function validateStorageClass(sc: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc.provisioner) errs.push(required('provisioner'));
  else for (const m of isQualifiedName(sc.provisioner.toLowerCase())) errs.push(invalid('provisioner', sc.provisioner, m));
  errs.push(...validateParameters(sc.parameters));
  if (sc.reclaimPolicy && !RECLAIM_POLICIES.includes(sc.reclaimPolicy)) {
    errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, RECLAIM_POLICIES));
  }
  if (sc.volumeBindingMode === undefined) errs.push(required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(sc.volumeBindingMode)) {
    errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
  }
  errs.push(...validateTopologies(sc.allowedTopologies));
  return errs;
}

function sameParameters(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ea = Object.entries(a ?? {});
  return ea.length === Object.keys(b ?? {}).length && ea.every(([k, v]) => (b ?? {})[k] === v);
}

export const storageClass = defineKind<StorageClass>({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  generationFields: [],
  defaults(sc) {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate: validateStorageClass,
  validateUpdate(sc, old) {
    const errs = validateStorageClass(sc);
    if (!sameParameters(sc.parameters, old.parameters)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (sc.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    if (sc.volumeBindingMode !== old.volumeBindingMode) {
      errs.push(invalid('volumeBindingMode', sc.volumeBindingMode, IMMUTABLE));
    }
    return errs;
  },
  table: {
    columns: [
      nameColumn,
      col('Provisioner', 0, 'string', 'provisioner indicates the type of the provisioner.'),
      col('ReclaimPolicy', 0, 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.'),
      col('VolumeBindingMode', 0, 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'),
      col('AllowVolumeExpansion', 0, 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
      ageColumn,
    ],
    cells: (sc, now) => [
      isDefaultStorageClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name,
      sc.provisioner,
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false,
      formatAge(sc.metadata.creationTimestamp, now),
    ],
  },
});
