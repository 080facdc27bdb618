/**
 * Schema names. Types declared in `src/api/<dir>/<version>/` get upstream's package names
 * (`io.k8s.api.core.v1.Pod`), the meta/v1, intstr and resource types get apimachinery's, and
 * anything else falls back to `dev.gantry.<folders>.<Type>`.
 */
import path from 'node:path';

/** Files whose types upstream publishes under apimachinery packages, relative to src/api. */
const APIMACHINERY: Readonly<Record<string, string>> = {
  'meta.ts': 'io.k8s.apimachinery.pkg.apis.meta.v1',
  'validation/intstr.ts': 'io.k8s.apimachinery.pkg.util.intstr',
  'quantity.ts': 'io.k8s.apimachinery.pkg.api.resource',
};

const VERSION_RE = /^v\d+((alpha|beta)\d+)?$/;

/** The package prefix for the types declared in `file` (an absolute path). */
export function packageOf(file: string, apiRoot: string): string {
  const rel = path.relative(apiRoot, file).split(path.sep).join('/');
  const known = APIMACHINERY[rel];
  if (known) return known;
  const parts = rel.split('/');
  if (!rel.startsWith('..') && parts.length >= 3 && VERSION_RE.test(parts[1]!)) return `io.k8s.api.${parts[0]}.${parts[1]}`;
  const dirs = parts.slice(0, -1).filter((p) => p !== '..' && p !== '.' && p !== '');
  return ['dev.gantry', ...dirs.map((d) => d.replace(/[^A-Za-z0-9]/g, ''))].join('.');
}

/** The folder of src/api holding a group's kinds: '' → core, 'rbac.authorization.k8s.io' → rbac. */
export function groupFolder(group: string): string {
  return group === '' ? 'core' : group.split('.')[0]!;
}

/** The schema name upstream gives a group/version's package. */
export function groupVersionPackage(group: string, version: string): string {
  return `io.k8s.api.${groupFolder(group)}.${version}`;
}
