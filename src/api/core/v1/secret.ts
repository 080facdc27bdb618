/** core/v1 Secret: sensitive data such as passwords, tokens and keys. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { isConfigMapKey } from '../../validation/config-key.js';
import { type FieldError, IMMUTABLE, invalid, required, tooLong } from '../../validation/field-errors.js';
import { MAX_DATA_SIZE, validateImmutableData } from './configmap.js';

export interface Secret extends KubeObject {
  /** If true, data can no longer be changed (only metadata can). */
  immutable?: boolean;
  /** Secret data as base64-encoded values. Keys consist of alphanumerics, '-', '_' and '.'. */
  data?: Record<string, string>;
  /** Write-only plain-text data, merged into data (overriding it) when the secret is stored. */
  stringData?: Record<string, string>;
  /** Used to ease programmatic handling of the secret's data. Defaults to Opaque. */
  type?: string;
}

export const SECRET_TYPES = {
  opaque: 'Opaque',
  serviceAccountToken: 'kubernetes.io/service-account-token',
  dockercfg: 'kubernetes.io/dockercfg',
  dockerConfigJson: 'kubernetes.io/dockerconfigjson',
  basicAuth: 'kubernetes.io/basic-auth',
  sshAuth: 'kubernetes.io/ssh-auth',
  tls: 'kubernetes.io/tls',
  bootstrapToken: 'bootstrap.kubernetes.io/token',
} as const;

export const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Go's error for bad base64 ("illegal base64 data at input byte N"), or undefined when valid. */
export function base64Error(value: string): string | undefined {
  const clean = value.replace(/[\r\n]/g, '');
  if (B64.test(clean) && clean.length % 4 === 0) return undefined;
  const bad = clean.search(/[^A-Za-z0-9+/=]/);
  const firstPad = clean.indexOf('=');
  let at = bad >= 0 ? bad : clean.length - (clean.length % 4);
  if (firstPad >= 0 && firstPad < at && !/^={1,2}$/.test(clean.slice(firstPad))) at = firstPad;
  return `illegal base64 data at input byte ${at}`;
}

function decode(value: string | undefined): Buffer | undefined {
  return value === undefined || base64Error(value) ? undefined : Buffer.from(value, 'base64');
}

function jsonError(buf: Buffer): string | undefined {
  try {
    const v: unknown = JSON.parse(buf.toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? undefined : 'json: cannot unmarshal into Go value of type map[string]interface {}';
  } catch (e) {
    return (e as Error).message;
  }
}

function validateTypeKeys(s: Secret): FieldError[] {
  const data = s.data ?? {};
  const has = (k: string): boolean => k in data;
  const errs: FieldError[] = [];
  switch (s.type) {
    case SECRET_TYPES.serviceAccountToken:
      if (!s.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION]) {
        errs.push(required(`metadata.annotations[${SERVICE_ACCOUNT_NAME_ANNOTATION}]`));
      }
      break;
    case SECRET_TYPES.dockercfg:
    case SECRET_TYPES.dockerConfigJson: {
      const key = s.type === SECRET_TYPES.dockercfg ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) {
        errs.push(required(`data[${key}]`));
        break;
      }
      const buf = decode(data[key]);
      const bad = buf && jsonError(buf);
      if (bad) errs.push(invalid(`data[${key}]`, '<secret contents redacted>', bad));
      break;
    }
    case SECRET_TYPES.basicAuth:
      if (!has('username') && !has('password')) errs.push(required('data[username]'), required('data[password]'));
      break;
    case SECRET_TYPES.sshAuth:
      if (!data['ssh-privatekey']) errs.push(required('data[ssh-privatekey]'));
      break;
    case SECRET_TYPES.tls:
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(required('data[tls.key]'));
      break;
  }
  return errs;
}

function validateSecret(s: Secret): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(s.data ?? {})) {
    const f = `data[${key}]`;
    errs.push(...isConfigMapKey(key).map((m) => invalid(f, key, m)));
    const bad = typeof value === 'string' ? base64Error(value) : 'must be a base64-encoded string';
    if (bad) errs.push(invalid(f, '<secret contents redacted>', bad));
    else size += Buffer.from(value, 'base64').length;
  }
  if (size > MAX_DATA_SIZE) errs.push(tooLong('data', MAX_DATA_SIZE));
  errs.push(...validateTypeKeys(s));
  return errs;
}

export const secret = defineKind<Secret>({
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  generationFields: [],
  defaults(s) {
    s.type ||= SECRET_TYPES.opaque;
    // stringData is write-only: fold it into data, base64-encoded, as upstream's conversion does.
    if (s.stringData) {
      s.data ??= {};
      for (const [k, v] of Object.entries(s.stringData)) s.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
      delete s.stringData;
    }
  },
  validate: validateSecret,
  validateUpdate(s, old) {
    const errs = validateSecret(s);
    if ((s.type ?? '') !== (old.type ?? '')) errs.push(invalid('type', s.type ?? '', IMMUTABLE));
    errs.push(...validateImmutableData(s, old, ['data']));
    return errs;
  },
  table: {
    columns: [
      nameColumn,
      col('Type', 0, 'string', 'Used to facilitate programmatic handling of secret data.'),
      col('Data', 0, 'string', 'The number of keys in data.'),
      ageColumn,
    ],
    cells: (s, now) => [s.metadata.name, s.type ?? '', Object.keys(s.data ?? {}).length, formatAge(s.metadata.creationTimestamp, now)],
  },
  fieldSelectors: { type: (s) => s.type ?? '' },
});
