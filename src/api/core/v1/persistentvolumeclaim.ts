/** core/v1 PersistentVolumeClaim: a user's request for storage. */
import { defineKind } from '../../kind.js';
import type { Condition, KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { validateLabelSelector } from '../../validation/label-selector.js';
import { isDNS1123Subdomain } from '../../validation/names.js';
import { compareQuantities, quantityError, quantityToString, tryParseQuantity } from '../../quantity.js';
import { semanticEqual } from '../../validation/semantic-equal.js';
import { type ResourceList, normalizeResourceList, quantityCell, validateResourceQuantity } from './resources.js';
import type { PersistentVolumeAccessMode, PersistentVolumeClaimSpec } from './storage-types.js';

export * from './storage-types.js';

export interface PersistentVolumeClaimStatus {
  /** Pending, Bound or Lost. */
  phase?: 'Pending' | 'Bound' | 'Lost';
  /** The access modes of the bound volume. */
  accessModes?: PersistentVolumeAccessMode[];
  /** The capacity of the bound volume. */
  capacity?: ResourceList;
  /** Conditions such as Resizing and FileSystemResizePending. */
  conditions?: Condition[];
  /** Resources allocated to the claim (for volume expansion). */
  allocatedResources?: ResourceList;
  /** Status of resize operations per resource. */
  allocatedResourceStatuses?: Record<string, string>;
  /** The VolumeAttributesClass currently applied. */
  currentVolumeAttributesClassName?: string;
}

export interface PersistentVolumeClaim extends KubeObject {
  /** The storage requested. */
  spec?: PersistentVolumeClaimSpec;
  /** The current state of the claim; set by the system. */
  status?: PersistentVolumeClaimStatus;
}

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** "RWO,ROX,RWX,RWOP" as kubectl shows access modes. */
export function formatAccessModes(modes: readonly string[] | undefined): string {
  const short: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  const set = new Set(modes ?? []);
  return short.filter(([m]) => set.has(m)).map(([, s]) => s).join(',');
}

/** The storage class of a claim or volume: the beta annotation wins over the field. */
export function storageClassOf(obj: KubeObject & { spec?: { storageClassName?: string } }): string {
  return obj.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? obj.spec?.storageClassName ?? '';
}

/** Checks access modes: at least one, supported values, ReadWriteOncePod alone. */
export function validateAccessModes(modes: readonly string[] | undefined, field: string): FieldError[] {
  if (!modes?.length) return [required(field, 'at least 1 access mode is required')];
  const errs = modes.filter((m) => !ACCESS_MODES.includes(m)).map((m) => notSupported(field, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m))) {
    errs.push(forbidden(field, 'may not use ReadWriteOncePod with other access modes'));
  }
  return errs;
}

/** Checks a claim spec (also used by claim templates). */
export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec | undefined, field: string): FieldError[] {
  const s = spec ?? {};
  const errs = validateAccessModes(s.accessModes, `${field}.accessModes`);
  if (s.selector) errs.push(...validateLabelSelector(s.selector, `${field}.selector`));
  const storagePath = `${field}.resources[storage]`;
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) errs.push(required(storagePath));
  else if (quantityError(storage) !== undefined) errs.push(invalid(storagePath, storage, quantityError(storage)!));
  else if (tryParseQuantity(storage)!.nanos <= 0n) errs.push(invalid(storagePath, quantityToString(tryParseQuantity(storage)!), 'must be greater than zero'));
  else errs.push(...validateResourceQuantity('storage', storage, storagePath));
  if (s.storageClassName) {
    errs.push(...isDNS1123Subdomain(s.storageClassName).map((m) => invalid(`${field}.storageClassName`, s.storageClassName, m)));
  }
  if (s.volumeMode !== undefined && !VOLUME_MODES.includes(s.volumeMode)) errs.push(notSupported(`${field}.volumeMode`, s.volumeMode, VOLUME_MODES));
  return errs;
}

function validatePVCUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs = validatePersistentVolumeClaimSpec(pvc.spec, 'spec');
  const now = structuredClone(pvc.spec ?? {});
  const was = structuredClone(old.spec ?? {});
  if (!was.volumeName) was.volumeName = now.volumeName;
  if (old.status?.phase === 'Bound' || pvc.status?.phase === 'Bound') {
    if (now.resources?.requests && was.resources?.requests) now.resources.requests.storage = was.resources.requests.storage!;
    now.volumeAttributesClassName = was.volumeAttributesClassName;
  }
  if (!semanticEqual(now, was)) {
    errs.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  }
  const newSize = tryParseQuantity(pvc.spec?.resources?.requests?.storage);
  const oldSize = tryParseQuantity(old.spec?.resources?.requests?.storage);
  const statusSize = tryParseQuantity(old.status?.capacity?.storage ?? '0');
  if (newSize && oldSize && statusSize && compareQuantities(newSize, oldSize) < 0 && compareQuantities(newSize, statusSize) <= 0) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  return errs;
}

export const persistentVolumeClaim = defineKind<PersistentVolumeClaim>({
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  statusSubresource: true,
  generationFields: [],
  defaults(pvc) {
    pvc.spec ??= {};
    pvc.spec.volumeMode ??= 'Filesystem';
    normalizeResourceList(pvc.spec.resources?.requests);
    normalizeResourceList(pvc.spec.resources?.limits);
    pvc.status ??= {};
    pvc.status.phase ??= 'Pending';
    normalizeResourceList(pvc.status.capacity);
  },
  prepareForCreate(pvc) {
    pvc.status = { phase: 'Pending' };
  },
  validate: (pvc) => validatePersistentVolumeClaimSpec(pvc.spec, 'spec'),
  validateUpdate: validatePVCUpdate,
  table: {
    columns: [
      nameColumn,
      col('Status', 0, 'string', 'The phase of the claim: Pending, Bound or Lost.'),
      col('Volume', 0, 'string', 'The volume bound to the claim.'),
      col('Capacity', 0, 'string', 'The capacity of the bound volume.'),
      col('Access Modes', 0, 'string', 'The access modes of the bound volume.'),
      col('StorageClass', 0, 'string', 'StorageClass of the pvc'),
      col('VolumeAttributesClass', 0, 'string', 'VolumeAttributesClass of the pvc'),
      ageColumn,
      col('VolumeMode', 1, 'string', 'Whether the volume is a filesystem or a raw block device.'),
    ],
    cells(pvc, now) {
      const bound = !!pvc.spec?.volumeName;
      const cap = pvc.status?.capacity?.storage;
      return [
        pvc.metadata.name,
        pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
        pvc.spec?.volumeName ?? '',
        bound ? quantityCell(cap) : '',
        bound ? formatAccessModes(pvc.status?.accessModes) : '',
        storageClassOf(pvc),
        pvc.spec?.volumeAttributesClassName ?? '<unset>',
        formatAge(pvc.metadata.creationTimestamp, now),
        pvc.spec?.volumeMode ?? '<unset>',
      ];
    },
  },
});
