/** YAML manifests for the apply/schema suite, as a user would write them. */
import { stringify } from 'yaml';

export interface Port {
  name?: string;
  containerPort: number;
}

export interface Env {
  name: string;
  value: string;
}

export interface AppOptions {
  replicas?: number;
  image?: string;
  ports?: Port[];
  env?: Env[];
  /** Extra labels on the Deployment itself. */
  labels?: Record<string, string>;
}

export const DEFAULT_PORTS: Port[] = [
  { name: 'http', containerPort: 8080 },
  { name: 'metrics', containerPort: 9090 },
];

export const DEFAULT_ENV: Env[] = [
  { name: 'MODE', value: 'prod' },
  { name: 'DEBUG', value: '0' },
];

/** A Deployment object with one container "app" (ports and env as given, else the defaults). */
export function app(name: string, opts: AppOptions = {}): Record<string, unknown> {
  const selector = { app: name };
  const container: Record<string, unknown> = { name: 'app', image: opts.image ?? 'nginx:1.27' };
  const ports = opts.ports ?? DEFAULT_PORTS;
  const env = opts.env ?? DEFAULT_ENV;
  if (ports.length) container.ports = ports;
  if (env.length) container.env = env;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { ...selector, ...opts.labels } },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: selector },
      template: { metadata: { labels: selector }, spec: { containers: [container] } },
    },
  };
}

/** The same Deployment as YAML. */
export function appYaml(name: string, opts: AppOptions = {}): string {
  return stringify(app(name, opts));
}

export function configMapYaml(name: string, data: Record<string, string>): string {
  return stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
}

export function serviceYaml(name: string, port = 80): string {
  return stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ name: 'http', port, targetPort: 8080 }] } });
}

/** Several YAML documents as one stream. */
export function docs(...yamls: string[]): string {
  return yamls.join('---\n');
}
