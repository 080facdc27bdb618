/** networking.k8s.io/v1 IngressClass: which controller implements a class of Ingresses. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, forbidden, invalid, notSupported, required, tooLong, IMMUTABLE } from '../../validation/field-errors.js';
import { validateDomainPrefixedPath } from '../../validation/domain-path.js';
import { isDNS1123Label } from '../../validation/names.js';
import { validateTypedReference } from './ingress-validation.js';

/** Points at a resource holding controller-specific settings. */
export interface IngressClassParametersReference {
  /** The group of the resource; empty for the core group. */
  apiGroup?: string;
  /** The kind of the resource. */
  kind: string;
  /** The name of the resource. */
  name: string;
  /** Cluster (default) or Namespace: whether the resource is cluster-scoped or namespaced. */
  scope?: 'Cluster' | 'Namespace';
  /** The resource's namespace; required when scope is Namespace, forbidden otherwise. */
  namespace?: string;
}

/** Which controller handles the class, and its parameters. */
export interface IngressClassSpec {
  /** The controller, as a domain-prefixed path such as example.com/ingress-controller. Immutable. */
  controller?: string;
  /** Extra configuration for the controller. */
  parameters?: IngressClassParametersReference;
}

/** Ingresses name their class through spec.ingressClassName. */
export interface IngressClass extends KubeObject {
  /** The controller and its parameters. */
  spec?: IngressClassSpec;
}

/** The annotation that makes a class the default for Ingresses without a class. */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

const MAX_CONTROLLER_LENGTH = 250;
const SCOPES = ['Cluster', 'Namespace'];

function validateParameters(p: IngressClassParametersReference | undefined): FieldError[] {
  if (!p) return [];
  const field = 'spec.parameters';
  const errs = validateTypedReference(p, field);
  if (p.scope === undefined) return [...errs, required(`${field}.scope`)];
  if (!SCOPES.includes(p.scope)) return [...errs, notSupported(`${field}.scope`, p.scope, SCOPES)];
  if (p.scope === 'Namespace') {
    if (p.namespace === undefined) errs.push(required(`${field}.namespace`, "`parameters.scope` is set to 'Namespace'"));
    else for (const m of isDNS1123Label(p.namespace)) errs.push(invalid(`${field}.namespace`, p.namespace, m));
  } else if (p.namespace !== undefined) {
    errs.push(forbidden(`${field}.namespace`, "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

function validateIngressClass(ic: IngressClass): FieldError[] {
  const controller = ic.spec?.controller ?? '';
  const errs: FieldError[] = [];
  if (controller.length > MAX_CONTROLLER_LENGTH) errs.push(tooLong('spec.controller', MAX_CONTROLLER_LENGTH));
  errs.push(...validateDomainPrefixedPath(controller, 'spec.controller'));
  errs.push(...validateParameters(ic.spec?.parameters));
  return errs;
}

function formatParameters(p: IngressClassParametersReference | undefined): string {
  if (!p) return '<none>';
  return `${p.kind}${p.apiGroup != null ? `.${p.apiGroup}` : ''}/${p.name}`;
}

export const ingressClass = defineKind<IngressClass>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  generationFields: ['spec'],
  defaults(ic) {
    if (ic.spec?.parameters && ic.spec.parameters.scope === undefined) ic.spec.parameters.scope = 'Cluster';
  },
  validate: validateIngressClass,
  validateUpdate(ic, old) {
    const errs = validateIngressClass(ic);
    if (ic.spec?.controller !== old.spec?.controller) errs.push(invalid('spec.controller', ic.spec?.controller ?? '', IMMUTABLE));
    return errs;
  },
  table: {
    columns: [
      nameColumn,
      col('Controller', 0, 'string', 'Controller that is responsible for handling this class'),
      col('Parameters', 0, 'string', 'A reference to a resource with additional parameters'),
      ageColumn,
    ],
    cells: (ic, now) => [
      ic.metadata.name,
      ic.spec?.controller ?? '',
      formatParameters(ic.spec?.parameters),
      formatAge(ic.metadata.creationTimestamp, now),
    ],
  },
});
