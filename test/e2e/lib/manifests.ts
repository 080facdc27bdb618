/**
 * Small manifest builders for the end-to-end suite. Each returns a plain object that
 * `Cluster.create` sends to `kubectl create -f -` as JSON.
 */

export type Manifest = Record<string, unknown>;
export type Labels = Record<string, string>;

export const IMAGE = 'nginx:1.27';

export interface PodOptions {
  labels?: Labels;
  /** Binds the pod to a node in the manifest (no scheduler needed). */
  nodeName?: string;
  image?: string;
  /** Use metadata.generateName instead of metadata.name. */
  generateName?: boolean;
}

export function namespace(name: string): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function container(image: string | undefined): Manifest {
  const c: Manifest = { name: 'app' };
  if (image !== '') c.image = image ?? IMAGE;
  return c;
}

/** A one-container pod; `image: ''` leaves the image out (an invalid pod). */
export function pod(name: string, opts: PodOptions = {}): Manifest {
  const metadata: Manifest = opts.generateName ? { generateName: name } : { name };
  if (opts.labels) metadata.labels = opts.labels;
  const spec: Manifest = { containers: [container(opts.image)] };
  if (opts.nodeName) spec.nodeName = opts.nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

export interface DeploymentOptions {
  replicas?: number;
  labels?: Labels;
}

function podTemplate(labels: Labels, restartPolicy?: string): Manifest {
  const spec: Manifest = { containers: [container(undefined)] };
  if (restartPolicy) spec.restartPolicy = restartPolicy;
  return { metadata: { labels }, spec };
}

export function deployment(name: string, opts: DeploymentOptions = {}): Manifest {
  return workload('Deployment', name, { replicas: opts.replicas ?? 2, labels: opts.labels });
}

const WORKLOAD_GROUPS = { Deployment: 'apps/v1', ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', Job: 'batch/v1' };

export interface WorkloadOptions {
  replicas?: number;
  labels?: Labels;
  /** Extra spec fields (serviceName for a StatefulSet, ...). */
  spec?: Manifest;
}

/**
 * A workload with a one-container pod template labelled like the workload. A Job gets
 * restartPolicy Never and no selector (the server generates it).
 */
export function workload(kind: keyof typeof WORKLOAD_GROUPS, name: string, opts: WorkloadOptions = {}): Manifest {
  const labels = opts.labels ?? { app: name };
  const spec: Manifest = kind === 'Job' ? {} : { selector: { matchLabels: labels } };
  if (opts.replicas !== undefined) spec.replicas = opts.replicas;
  spec.template = podTemplate(labels, kind === 'Job' ? 'Never' : undefined);
  return { apiVersion: WORKLOAD_GROUPS[kind], kind, metadata: { name, labels }, spec: { ...spec, ...opts.spec } };
}

export function cronJob(name: string, schedule: string): Manifest {
  const job = workload('Job', name);
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule, jobTemplate: { spec: job.spec } },
  };
}

export interface ServiceOptions {
  type?: 'ClusterIP' | 'NodePort';
  selector?: Labels;
  port?: number;
}

export function service(name: string, opts: ServiceOptions = {}): Manifest {
  const spec: Manifest = {
    selector: opts.selector ?? { app: name },
    ports: [{ port: opts.port ?? 80 }],
  };
  if (opts.type) spec.type = opts.type;
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec };
}

export function configMap(name: string, data: Record<string, string>, labels?: Labels): Manifest {
  const metadata: Manifest = { name };
  if (labels) metadata.labels = labels;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data };
}

export function secret(name: string, stringData: Record<string, string>): Manifest {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData };
}

/** Several manifests as one JSON stream (one object per line), as `kubectl -f -` reads it. */
export function stream(objects: readonly Manifest[]): string {
  return objects.map((o) => JSON.stringify(o)).join('\n') + '\n';
}
