/** apps/v1 ControllerRevision: an immutable snapshot of a controller's template. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, invalid, required, IMMUTABLE } from '../../validation/field-errors.js';
import { validateNonNegative } from '../../validation/intstr.js';
import { semanticEqual } from '../../validation/semantic-equal.js';

/** A snapshot of state, used by DaemonSets and StatefulSets for rollbacks. */
export interface ControllerRevision extends KubeObject {
  /** The serialized state (for workloads, a patch of their template). Immutable. */
  data?: unknown;
  /** The revision number of the snapshot. */
  revision: number;
}

function validateRevision(cr: ControllerRevision): FieldError[] {
  const errs: FieldError[] = [];
  if (cr.data === undefined || cr.data === null) errs.push(required('data', 'data is mandatory'));
  errs.push(...validateNonNegative(cr.revision, 'revision'));
  return errs;
}

/** "statefulset.apps/web" for the controlling owner, "<none>" without one (formatResourceName). */
function controllerName(cr: ControllerRevision): string {
  const ref = cr.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return groupKind ? `${groupKind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevision = defineKind<ControllerRevision>({
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  generationFields: [],
  validate: validateRevision,
  validateUpdate(cr, old) {
    const errs = validateRevision(cr);
    if (!semanticEqual(cr.data, old.data)) errs.push(invalid('data', cr.data, IMMUTABLE));
    return errs;
  },
  table: {
    columns: [
      nameColumn,
      col('Controller', 0, 'string', 'Controller of the object'),
      col('Revision', 0, 'string', 'Revision indicates the revision of the state represented by Data.'),
      ageColumn,
    ],
    cells: (cr, now) => [cr.metadata.name, controllerName(cr), cr.revision ?? 0, formatAge(cr.metadata.creationTimestamp, now)],
  },
});
