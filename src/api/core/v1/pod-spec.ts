/**
 * PodSpec and PodTemplateSpec: defaults and validation shared by pods and every workload kind
 * that embeds a pod template (Deployment, Job, ReplicationController, ...).
 */
import { type FieldError, duplicate, fieldPath, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { validateIP } from '../../validation/ip.js';
import { validateLabelSelector } from '../../validation/label-selector.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../../validation/names.js';
import { validateAnnotations, validateLabels } from '../../validation/object-meta.js';
import { validateAffinity } from './affinity.js';
import {
  defaultContainer,
  validateContainers,
  validateEphemeralContainers,
  validateInitContainers,
} from './container.js';
import type { PodSecurityContext, PodSpec, PodTemplateSpec, TopologySpreadConstraint } from './pod-spec-types.js';
import { normalizeResourceList, validateResourceRequirements } from './resources.js';
import { validateTolerations } from './taint.js';
import { defaultVolume, validateVolumes } from './volume.js';

export * from './pod-spec-types.js';
export type { Container, EphemeralContainer, ContainerPort, EnvVar, VolumeMount } from './container-types.js';

/** Fills upstream's PodSpec defaults in place (the ones that also apply inside pod templates). */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  // The deprecated serviceAccount field mirrors serviceAccountName (upstream's conversion).
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  normalizeResourceList(spec.overhead);
  if (spec.resources) {
    normalizeResourceList(spec.resources.limits);
    normalizeResourceList(spec.resources.requests);
  }
}

/** Fills the defaults of a pod template's spec. */
export function defaultPodTemplateSpec(tpl: PodTemplateSpec): void {
  tpl.spec ??= {} as PodSpec;
  defaultPodSpec(tpl.spec);
}

export interface PodSpecValidationOptions {
  /** True when the spec belongs to a Pod (not a template): hostPort must then equal containerPort under hostNetwork. */
  resourceIsPod?: boolean;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

function validateEnum(value: string | undefined, field: string, allowed: readonly string[]): FieldError[] {
  if (!value) return [required(field)];
  return allowed.includes(value) ? [] : [notSupported(field, value, allowed)];
}

function nameErrors(check: (v: string) => string[], value: string | undefined, field: string): FieldError[] {
  return value ? check(value).map((m) => invalid(field, value, m)) : [];
}

function validateIdRange(value: number | undefined, field: string): FieldError[] {
  if (value === undefined || value === null) return [];
  return value >= 0 && value <= MAX_INT32 ? [] : [invalid(field, value, `must be between 0 and ${MAX_INT32}, inclusive`)];
}

function validateSecurityContext(sc: PodSecurityContext | undefined, field: string): FieldError[] {
  if (!sc) return [];
  const errs = [
    ...validateIdRange(sc.runAsUser, fieldPath(field, 'runAsUser')),
    ...validateIdRange(sc.runAsGroup, fieldPath(field, 'runAsGroup')),
    ...validateIdRange(sc.fsGroup, fieldPath(field, 'fsGroup')),
  ];
  (sc.supplementalGroups ?? []).forEach((g, i) => errs.push(...validateIdRange(g, fieldPath(field, 'supplementalGroups', i))));
  if (sc.fsGroupChangePolicy !== undefined && !['OnRootMismatch', 'Always'].includes(sc.fsGroupChangePolicy)) {
    errs.push(notSupported(fieldPath(field, 'fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  return errs;
}

function validateDNS(spec: PodSpec, field: string): FieldError[] {
  const cfg = spec.dnsConfig;
  const f = fieldPath(field, 'dnsConfig');
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [required(f, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!cfg.nameservers?.length) return [required(fieldPath(f, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(invalid(fieldPath(f, 'nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(n, fieldPath(f, 'nameservers', i))));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(invalid(fieldPath(f, 'searches'), searches, 'must not have more than 32 search paths'));
  searches.forEach((s, i) => {
    if (s !== '.') errs.push(...nameErrors(isDNS1123Subdomain, s.replace(/\.$/, ''), fieldPath(f, 'searches', i)));
  });
  (cfg.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(required(fieldPath(f, 'options', i), 'must not be empty'));
  });
  return errs;
}

function validateTopologySpread(list: TopologySpreadConstraint[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (list ?? []).forEach((c, i) => {
    const f = fieldPath(field, i);
    if (!(c.maxSkew > 0)) errs.push(invalid(fieldPath(f, 'maxSkew'), c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(fieldPath(f, 'topologyKey'), 'can not be empty'));
    else errs.push(...nameErrors(isQualifiedName, c.topologyKey, fieldPath(f, 'topologyKey')));
    const whenPath = fieldPath(f, 'whenUnsatisfiable');
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) {
      errs.push(notSupported(whenPath, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(invalid(fieldPath(f, 'minDomains'), c.minDomains, 'must be greater than zero'));
      else if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(invalid(fieldPath(f, 'minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
      }
    }
    const pair = `{${c.topologyKey}, ${c.whenUnsatisfiable}}`;
    if (seen.has(pair)) errs.push(duplicate(whenPath, pair));
    seen.add(pair);
    errs.push(...validateLabelSelector(c.labelSelector, fieldPath(f, 'labelSelector')));
  });
  return errs;
}

function validateHostNetworkPorts(spec: PodSpec, field: string, resourceIsPod: boolean): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      const hp = p.hostPort ?? 0;
      if ((resourceIsPod || hp !== 0) && hp !== p.containerPort) {
        errs.push(invalid(fieldPath(field, 'containers', ci, 'ports', pi, 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validateNamesAndRanges(spec: PodSpec, field: string): FieldError[] {
  const errs = [
    ...nameErrors(isDNS1123Subdomain, spec.serviceAccountName, fieldPath(field, 'serviceAccountName')),
    ...nameErrors(isDNS1123Subdomain, spec.nodeName, fieldPath(field, 'nodeName')),
    ...nameErrors(isDNS1123Label, spec.hostname, fieldPath(field, 'hostname')),
    ...nameErrors(isDNS1123Label, spec.subdomain, fieldPath(field, 'subdomain')),
    ...nameErrors(isDNS1123Subdomain, spec.priorityClassName, fieldPath(field, 'priorityClassName')),
  ];
  if (spec.runtimeClassName !== undefined && spec.runtimeClassName !== null) {
    errs.push(...isDNS1123Subdomain(spec.runtimeClassName).map((m) => invalid(fieldPath(field, 'runtimeClassName'), spec.runtimeClassName, m)));
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(fieldPath(field, 'activeDeadlineSeconds'), ads, `must be between 1 and ${MAX_INT32}, inclusive`));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errs.push(...validateEnum(spec.preemptionPolicy, fieldPath(field, 'preemptionPolicy'), ['PreemptLowerPriority', 'Never']));
  }
  if (spec.os && !['linux', 'windows'].includes(spec.os.name)) {
    errs.push(notSupported(fieldPath(field, 'os', 'name'), spec.os.name, ['linux', 'windows']));
  }
  return errs;
}

function validateLists(spec: PodSpec, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== 'name')) errs.push(invalid(fieldPath(field, 'imagePullSecrets', i), s, 'only name may be set'));
  });
  (spec.readinessGates ?? []).forEach((g, i) =>
    errs.push(...isQualifiedName(g.conditionType ?? '').map((m) => invalid(fieldPath(field, 'readinessGates', i, 'conditionType'), g.conditionType ?? '', m))),
  );
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    const f = fieldPath(field, 'schedulingGates', i);
    errs.push(...isQualifiedName(g.name ?? '').map((m) => invalid(f, g.name ?? '', m)));
    if (gates.has(g.name)) errs.push(duplicate(f, g.name));
    gates.add(g.name);
  });
  (spec.hostAliases ?? []).forEach((h, i) => {
    const f = fieldPath(field, 'hostAliases', i);
    errs.push(...validateIP(h.ip ?? '', fieldPath(f, 'ip')));
    (h.hostnames ?? []).forEach((n, j) => errs.push(...nameErrors(isDNS1123Subdomain, n, fieldPath(f, 'hostnames', j))));
  });
  return errs;
}

/** Checks a PodSpec as upstream's ValidatePodSpec does; `field` is its path, e.g. "spec" or "spec.template.spec". */
export function validatePodSpec(spec: PodSpec, field: string, opts: PodSpecValidationOptions = {}): FieldError[] {
  if (!spec || typeof spec !== 'object') return [required(field)];
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(fieldPath(field, 'terminationGracePeriodSeconds')));
  }
  const vols = validateVolumes(spec.volumes, fieldPath(field, 'volumes'));
  errs.push(...vols.errors);
  const ctx = { volumes: vols.valid, restartPolicy: spec.restartPolicy, gracePeriod: spec.terminationGracePeriodSeconds };
  const containers = spec.containers ?? [];
  const initContainers = spec.initContainers ?? [];
  errs.push(...validateContainers(spec.containers, fieldPath(field, 'containers'), ctx));
  errs.push(...validateInitContainers(spec.initContainers, fieldPath(field, 'initContainers'), { ...ctx, containers }));
  errs.push(
    ...validateEphemeralContainers(spec.ephemeralContainers, fieldPath(field, 'ephemeralContainers'), { ...ctx, containers, initContainers }),
  );
  errs.push(...validateHostNetworkPorts(spec, field, opts.resourceIsPod ?? false));
  errs.push(...validateEnum(spec.restartPolicy, fieldPath(field, 'restartPolicy'), RESTART_POLICIES));
  errs.push(...validateEnum(spec.dnsPolicy, fieldPath(field, 'dnsPolicy'), DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, fieldPath(field, 'nodeSelector')));
  errs.push(...validateSecurityContext(spec.securityContext, fieldPath(field, 'securityContext')));
  errs.push(...validateAffinity(spec.affinity, fieldPath(field, 'affinity')));
  errs.push(...validateDNS(spec, field));
  errs.push(...validateTopologySpread(spec.topologySpreadConstraints, fieldPath(field, 'topologySpreadConstraints')));
  errs.push(...validateNamesAndRanges(spec, field));
  errs.push(...validateTolerations(spec.tolerations, fieldPath(field, 'tolerations')));
  errs.push(...validateLists(spec, field));
  if (spec.overhead) errs.push(...validateResourceRequirements({ limits: spec.overhead }, fieldPath(field, 'overhead')));
  return errs;
}

/**
 * Checks a pod template: its labels and annotations (reported under `<field>.labels`, as upstream
 * does) and its pod spec. Ephemeral containers are not allowed in templates.
 */
export function validatePodTemplateSpec(tpl: PodTemplateSpec, field: string): FieldError[] {
  if (!tpl || typeof tpl !== 'object') return [required(field)];
  const errs = [
    ...validateLabels(tpl.metadata?.labels, fieldPath(field, 'labels')),
    ...validateAnnotations(tpl.metadata?.annotations, fieldPath(field, 'annotations')),
  ];
  errs.push(...validatePodSpec(tpl.spec ?? ({} as PodSpec), fieldPath(field, 'spec')));
  if (tpl.spec?.ephemeralContainers?.length) {
    errs.push(forbidden(fieldPath(field, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
