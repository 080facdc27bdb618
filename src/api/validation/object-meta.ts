import type { KubeObject, ObjectMeta } from '../meta.js';
import {
  type FieldError,
  forbidden,
  invalid,
  required,
  tooLong,
  IMMUTABLE,
} from './field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, type NameValidator } from './names.js';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalid(field, k, m));
    if (typeof v !== 'string') errs.push(invalid(`${field}.${k}`, v, 'must be a string'));
    else for (const m of isValidLabelValue(v)) errs.push(invalid(field, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(field, k, m));
    if (typeof v !== 'string') errs.push(invalid(`${field}.${k}`, v, 'must be a string'));
    total += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function validateOwnerReferences(meta: ObjectMeta, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let controllers = 0;
  // Upstream checks every reference against the same path, without an index.
  (meta.ownerReferences ?? []).forEach((ref) => {
    const f = field;
    if (!ref.apiVersion) errs.push(invalid(`${f}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(`${f}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(`${f}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(`${f}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) controllers++;
  });
  if (controllers > 1) {
    errs.push(invalid(field, meta.ownerReferences, 'Only one reference can have Controller set to true'));
  }
  return errs;
}

export interface ObjectMetaOptions {
  namespaced: boolean;
  /** Defaults to DNS-1123 subdomain, as for most kinds. */
  nameValidator?: NameValidator;
}

/** Checks metadata on create (after the apiserver filled generateName). */
export function validateObjectMeta(obj: KubeObject, opts: ObjectMetaOptions): FieldError[] {
  const meta = obj.metadata ?? {};
  const errs: FieldError[] = [];
  const check = opts.nameValidator ?? defaultNameValidator;
  if (!meta.name) {
    errs.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const m of check(meta.name)) errs.push(invalid('metadata.name', meta.name, m));
  }
  if (opts.namespaced) {
    if (!meta.namespace) errs.push(required('metadata.namespace'));
    else for (const m of isDNS1123Label(meta.namespace)) errs.push(invalid('metadata.namespace', meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  errs.push(...validateOwnerReferences(meta, 'metadata.ownerReferences'));
  for (const [i, f] of (meta.finalizers ?? []).entries()) {
    for (const m of isQualifiedName(f)) errs.push(invalid(`metadata.finalizers[${i}]`, f, m));
  }
  return errs;
}

/** Checks metadata on update: the create checks plus immutable name, namespace and uid. */
export function validateObjectMetaUpdate(obj: KubeObject, old: KubeObject, opts: ObjectMetaOptions): FieldError[] {
  const errs = validateObjectMeta(obj, opts);
  const m = obj.metadata;
  const o = old.metadata;
  if (m.name !== o.name) errs.push(invalid('metadata.name', m.name, IMMUTABLE));
  if ((m.namespace ?? '') !== (o.namespace ?? '')) errs.push(invalid('metadata.namespace', m.namespace, IMMUTABLE));
  if (m.uid && m.uid !== o.uid) errs.push(invalid('metadata.uid', m.uid, IMMUTABLE));
  if (m.creationTimestamp && o.creationTimestamp && m.creationTimestamp !== o.creationTimestamp) {
    errs.push(invalid('metadata.creationTimestamp', m.creationTimestamp, IMMUTABLE));
  }
  return errs;
}

/** Most kinds use DNS-1123 subdomain names. */
const defaultNameValidator: NameValidator = isDNS1123Subdomain;
