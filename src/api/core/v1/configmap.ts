/** core/v1 ConfigMap: configuration data for pods to consume. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { isConfigMapKey } from '../../validation/config-key.js';
import { type FieldError, forbidden, invalid, tooLong } from '../../validation/field-errors.js';
import { semanticEqual } from '../../validation/semantic-equal.js';

export interface ConfigMap extends KubeObject {
  /** If true, data and binaryData can no longer be changed (only metadata can). */
  immutable?: boolean;
  /** UTF-8 configuration data. Keys consist of alphanumerics, '-', '_' and '.'. */
  data?: Record<string, string>;
  /** Binary configuration data, base64-encoded. Keys may not also appear in data. */
  binaryData?: Record<string, string>;
}

/** Upstream's limit on the total size of a ConfigMap's or Secret's data. */
export const MAX_DATA_SIZE = 1024 * 1024;

function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    const f = `data[${key}]`;
    errs.push(...isConfigMapKey(key).map((m) => invalid(f, key, m)));
    if (cm.binaryData && key in cm.binaryData) errs.push(invalid(f, key, 'duplicate of key present in binaryData'));
    size += typeof value === 'string' ? Buffer.byteLength(value) : 0;
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`binaryData[${key}]`, key, m)));
    size += typeof value === 'string' ? Math.floor((value.length * 3) / 4) : 0;
  }
  if (size > MAX_DATA_SIZE) errs.push(tooLong('', MAX_DATA_SIZE));
  return errs;
}

/** Once `immutable` is true, it and the listed data fields may not change. */
export function validateImmutableData<T extends { immutable?: boolean }>(obj: T, old: T, fields: (keyof T & string)[]): FieldError[] {
  if (!old.immutable) return [];
  const msg = 'field is immutable when `immutable` is set';
  const errs: FieldError[] = [];
  if (!obj.immutable) errs.push(forbidden('immutable', msg));
  for (const f of fields) {
    if (!semanticEqual(obj[f] ?? {}, old[f] ?? {})) errs.push(forbidden(f, msg));
  }
  return errs;
}

export const configMap = defineKind<ConfigMap>({
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  generationFields: [],
  validate: validateConfigMap,
  validateUpdate: (cm, old) => [...validateConfigMap(cm), ...validateImmutableData(cm, old, ['data', 'binaryData'])],
  table: {
    columns: [nameColumn, col('Data', 0, 'string', 'The number of keys in data and binaryData.'), ageColumn],
    cells: (cm, now) => [
      cm.metadata.name,
      Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
      formatAge(cm.metadata.creationTimestamp, now),
    ],
  },
});
