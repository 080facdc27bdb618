/** Defaults and checks for the containers of a pod spec (regular, init and ephemeral). */
import { type FieldError, duplicate, fieldPath, forbidden, invalid, notFound, notSupported, required } from '../../validation/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName } from '../../validation/names.js';
import type { Container, EnvFromSource, EnvVar, EphemeralContainer, VolumeMount } from './container-types.js';
import { defaultLifecycle, defaultProbe, validateLifecycle, validateProbe } from './probe.js';
import { normalizeResourceList, validateResourceRequirements } from './resources.js';
import type { Volume } from './volume.js';

/** The tag of an image reference: "latest" when neither tag nor digest is given, "" when unparsable. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.indexOf(':', slash + 1);
  const repo = colon >= 0 ? name.slice(0, colon) : name;
  if (!repo || /[A-Z\s]/.test(repo.slice(repo.indexOf('/') + 1)) || /\s/.test(image)) return '';
  if (colon >= 0) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

/** Upstream's container defaults (pull policy, termination message, ports, probes, env refs). */
export function defaultContainer(c: Container): void {
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  c.imagePullPolicy ||= imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const e of c.env ?? []) {
    if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ||= 'v1';
    if (e.valueFrom?.resourceFieldRef) e.valueFrom.resourceFieldRef.divisor ??= '0';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultLifecycle(c.lifecycle);
  if (c.resources) {
    normalizeResourceList(c.resources.limits);
    normalizeResourceList(c.resources.requests);
  } else {
    c.resources = {};
  }
}

/** What container checks need to know about the rest of the pod spec. */
export interface ContainerContext {
  /** The pod's valid volumes by name. */
  volumes: Map<string, Volume>;
  /** The pod's restart policy (resize policies depend on it). */
  restartPolicy?: string;
  /** The pod's termination grace period (sleep hooks may not exceed it). */
  gracePeriod?: number;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_POLICIES = ['File', 'FallbackToLogsOnError'];
const PORT_RANGE = 'must be between 1 and 65535, inclusive';

function validatePorts(c: Container, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (c.ports ?? []).forEach((p, i) => {
    const f = fieldPath(field, i);
    if (p.name) {
      const msgs = isValidPortName(p.name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(fieldPath(f, 'name'), p.name, m)));
      else if (names.has(p.name)) errs.push(duplicate(fieldPath(f, 'name'), p.name));
      else names.add(p.name);
    }
    if (!p.containerPort) errs.push(required(fieldPath(f, 'containerPort')));
    else if (!isPort(p.containerPort)) errs.push(invalid(fieldPath(f, 'containerPort'), p.containerPort, PORT_RANGE));
    if (p.hostPort && !isPort(p.hostPort)) errs.push(invalid(fieldPath(f, 'hostPort'), p.hostPort, PORT_RANGE));
    if (!p.protocol) errs.push(required(fieldPath(f, 'protocol')));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(fieldPath(f, 'protocol'), p.protocol, PROTOCOLS));
  });
  return errs;
}

function isPort(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;
}

const ENV_NAME_ERROR = "a valid environment variable name must consist only of printable ASCII characters other than '='";

/** Relaxed environment variable names (upstream's default since 1.32): printable ASCII except '='. */
export function isEnvVarName(name: string): string[] {
  return /^[\x20-\x3c\x3e-\x7e]+$/.test(name) ? [] : [ENV_NAME_ERROR];
}

function validateEnv(env: EnvVar[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((e, i) => {
    const f = fieldPath(field, i);
    if (!e.name) errs.push(required(fieldPath(f, 'name')));
    else errs.push(...isEnvVarName(e.name).map((m) => invalid(fieldPath(f, 'name'), e.name, m)));
    const from = e.valueFrom;
    if (!from) return;
    const vf = fieldPath(f, 'valueFrom');
    const sources = (['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const).filter((k) => from[k]);
    if (sources.length === 0) {
      errs.push(invalid(vf, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (e.value) {
      errs.push(invalid(vf, '', 'may not be specified when `value` is not empty'));
    } else if (sources.length > 1) {
      errs.push(invalid(vf, '', 'may not have more than one field specified at a time'));
    }
    if (from.fieldRef && !from.fieldRef.fieldPath) errs.push(required(fieldPath(vf, 'fieldRef', 'fieldPath')));
    if (from.resourceFieldRef && !from.resourceFieldRef.resource) errs.push(required(fieldPath(vf, 'resourceFieldRef', 'resource')));
    for (const k of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const ref = from[k];
      if (!ref) continue;
      if (ref.name) errs.push(...isDNS1123Subdomain(ref.name).map((m) => invalid(fieldPath(vf, k, 'name'), ref.name, m)));
      if (!ref.key) errs.push(required(fieldPath(vf, k, 'key')));
    }
  });
  return errs;
}

function validateEnvFrom(envFrom: EnvFromSource[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (envFrom ?? []).forEach((e, i) => {
    const f = fieldPath(field, i);
    if (e.prefix) errs.push(...isEnvVarName(e.prefix).map((m) => invalid(fieldPath(f, 'prefix'), e.prefix, m)));
    const refs = (['configMapRef', 'secretRef'] as const).filter((k) => e[k]);
    for (const k of refs) {
      const name = e[k]!.name;
      if (!name) errs.push(required(fieldPath(f, k, 'name')));
      else errs.push(...isDNS1123Subdomain(name).map((m) => invalid(fieldPath(f, k, 'name'), name, m)));
    }
    if (refs.length === 0) errs.push(invalid(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (refs.length > 1) errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateMounts(mounts: VolumeMount[] | undefined, field: string, volumes: Map<string, Volume>): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const f = fieldPath(field, i);
    if (!m.name) errs.push(required(fieldPath(f, 'name')));
    if (!volumes.has(m.name)) errs.push(notFound(fieldPath(f, 'name'), m.name ?? ''));
    if (!m.mountPath) errs.push(required(fieldPath(f, 'mountPath')));
    if (paths.has(m.mountPath)) errs.push(invalid(fieldPath(f, 'mountPath'), m.mountPath, 'must be unique'));
    paths.add(m.mountPath);
    if (m.subPath && m.subPathExpr) {
      errs.push(invalid(fieldPath(f, 'subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
    }
    for (const k of ['subPath', 'subPathExpr'] as const) {
      const p = m[k];
      if (!p) continue;
      if (p.startsWith('/')) errs.push(invalid(fieldPath(field, k), p, 'must be a relative path'));
      if (p.split('/').includes('..')) errs.push(invalid(fieldPath(field, k), p, "must not contain '..'"));
    }
    const prop = m.mountPropagation;
    if (prop !== undefined && !['None', 'HostToContainer', 'Bidirectional'].includes(prop)) {
      errs.push(notSupported(fieldPath(field, 'mountPropagation'), prop, ['Bidirectional', 'HostToContainer', 'None']));
    }
  });
  return errs;
}

/** Checks common to every kind of container. */
function validateContainerCommon(c: Container, field: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(fieldPath(field, 'name')));
  else errs.push(...isDNS1123Label(c.name).map((m) => invalid(fieldPath(field, 'name'), c.name, m)));
  if (!c.image) errs.push(required(fieldPath(field, 'image')));
  if (!c.terminationMessagePolicy) errs.push(required(fieldPath(field, 'terminationMessagePolicy')));
  else if (!TERMINATION_POLICIES.includes(c.terminationMessagePolicy)) {
    errs.push(notSupported(fieldPath(field, 'terminationMessagePolicy'), c.terminationMessagePolicy, TERMINATION_POLICIES));
  }
  errs.push(...validatePorts(c, fieldPath(field, 'ports')));
  errs.push(...validateEnv(c.env, fieldPath(field, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, fieldPath(field, 'envFrom')));
  errs.push(...validateMounts(c.volumeMounts, fieldPath(field, 'volumeMounts'), ctx.volumes));
  if (!c.imagePullPolicy) errs.push(required(fieldPath(field, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) {
    errs.push(notSupported(fieldPath(field, 'imagePullPolicy'), c.imagePullPolicy, PULL_POLICIES));
  }
  errs.push(...validateResourceRequirements(c.resources, fieldPath(field, 'resources')));
  return errs;
}

/** Host ports must not collide ("TCP//8080" style keys, as upstream). */
function validateHostPorts(containers: Container[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      if (!p.hostPort) return;
      const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(fieldPath(field, ci, 'ports', pi, 'hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateProbesAndLifecycle(c: Container, field: string, ctx: ContainerContext): FieldError[] {
  return [
    ...validateLifecycle(c.lifecycle, fieldPath(field, 'lifecycle'), { gracePeriod: ctx.gracePeriod }),
    ...validateProbe(c.livenessProbe, fieldPath(field, 'livenessProbe'), 'liveness'),
    ...validateProbe(c.readinessProbe, fieldPath(field, 'readinessProbe'), 'readiness'),
    ...validateProbe(c.startupProbe, fieldPath(field, 'startupProbe'), 'startup'),
  ];
}

/** Checks spec.containers: at least one, unique names, each container valid. */
export function validateContainers(containers: Container[] | undefined, field: string, ctx: ContainerContext): FieldError[] {
  if (!containers?.length) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const f = fieldPath(field, i);
    errs.push(...validateContainerCommon(c, f, ctx));
    if (names.has(c.name)) errs.push(duplicate(fieldPath(f, 'name'), c.name));
    else names.add(c.name);
    errs.push(...validateProbesAndLifecycle(c, f, ctx));
    if (c.restartPolicy !== undefined) errs.push(forbidden(fieldPath(f, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...validateHostPorts(containers, field));
  return errs;
}

const INIT_ONLY = 'may not be set for init containers without restartPolicy=Always';

/** Checks spec.initContainers; names must also differ from the regular containers'. */
export function validateInitContainers(
  inits: Container[] | undefined,
  field: string,
  ctx: ContainerContext & { containers: Container[] },
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(ctx.containers.map((c) => c.name));
  (inits ?? []).forEach((c, i) => {
    const f = fieldPath(field, i);
    errs.push(...validateContainerCommon(c, f, ctx));
    const sidecar = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && !sidecar) errs.push(notSupported(fieldPath(f, 'restartPolicy'), c.restartPolicy, ['Always']));
    if (names.has(c.name)) errs.push(duplicate(fieldPath(f, 'name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...validateHostPorts([c], field));
    if (sidecar) {
      errs.push(...validateProbesAndLifecycle(c, f, ctx));
    } else {
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[k] !== undefined) errs.push(forbidden(fieldPath(f, k), INIT_ONLY));
      }
    }
  });
  return errs;
}

const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'resizePolicy', 'restartPolicy'] as const;

/** Checks spec.ephemeralContainers: unique names across all containers, no ports/probes/resources. */
export function validateEphemeralContainers(
  list: EphemeralContainer[] | undefined,
  field: string,
  ctx: ContainerContext & { containers: Container[]; initContainers: Container[] },
): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set([...ctx.containers, ...ctx.initContainers].map((c) => c.name));
  const all = new Set(others);
  (list ?? []).forEach((c, i) => {
    const f = fieldPath(field, i);
    errs.push(...validateContainerCommon(c, f, ctx));
    if (all.has(c.name)) errs.push(duplicate(fieldPath(f, 'name'), c.name));
    else all.add(c.name);
    if (c.targetContainerName && !others.has(c.targetContainerName)) {
      errs.push(notFound(fieldPath(f, 'targetContainerName'), c.targetContainerName));
    }
    for (const k of EPHEMERAL_FORBIDDEN) {
      const v = c[k];
      const empty = v === undefined || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
      if (!empty) errs.push(forbidden(fieldPath(f, k), 'cannot be set for an Ephemeral Container'));
    }
  });
  return errs;
}

/** Pod-only check (not templates): no whitespace around image names. */
export function validateImageWhitespace(containers: Container[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (containers ?? []).forEach((c, i) => {
    if (c.image && c.image !== c.image.trim()) {
      errs.push(invalid(fieldPath(field, i, 'image'), c.image, 'must not have leading or trailing whitespace'));
    }
  });
  return errs;
}
