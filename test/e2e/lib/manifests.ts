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

export function deployment(name: string, opts: DeploymentOptions = {}): Manifest {
  const labels = opts.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [container(undefined)] } },
    },
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
