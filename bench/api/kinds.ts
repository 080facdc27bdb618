/** The kind the benchmark writes: Pods when the server serves them, else ConfigMaps. */
import type { ApiClient } from '../../test/reliability/lib/api-client.js';

export interface BenchKind {
  /** The resource's plural, e.g. `pods`. */
  plural: 'pods' | 'configmaps';
  kind: 'Pod' | 'ConfigMap';
  /** A representative object of about 1 KiB. */
  build(name: string, namespace: string): Record<string, unknown>;
  /** The collection path in a namespace. */
  path(namespace: string): string;
  /** The store key prefix for a namespace (as the apiserver lays keys out). */
  storePrefix(namespace: string): string;
}

function pod(name: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: 'bench', tier: 'web' }, annotations: { 'bench.gantry.dev/owner': 'bench-api' } },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/bench/app:1.0.0',
          args: ['--listen=:8080', '--log-level=info'],
          ports: [{ name: 'http', containerPort: 8080 }],
          env: [{ name: 'MODE', value: 'benchmark' }],
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
        },
      ],
    },
  };
}

function configMap(name: string, namespace: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { app: 'bench', tier: 'web' } },
    data: { 'config.yaml': 'x'.repeat(768), mode: 'benchmark' },
  };
}

const PODS: BenchKind = {
  plural: 'pods',
  kind: 'Pod',
  build: pod,
  path: (ns) => `/api/v1/namespaces/${ns}/pods`,
  storePrefix: (ns) => `/registry/core/pods/${ns}/`,
};

const CONFIGMAPS: BenchKind = {
  plural: 'configmaps',
  kind: 'ConfigMap',
  build: configMap,
  path: (ns) => `/api/v1/namespaces/${ns}/configmaps`,
  storePrefix: (ns) => `/registry/core/configmaps/${ns}/`,
};

/** Pods if the server's core/v1 discovery lists them, else ConfigMaps. */
export async function pickKind(client: ApiClient): Promise<BenchKind> {
  const discovery = await client.json<{ resources: { name: string }[] }>('GET', '/api/v1', { expect: [200] });
  return discovery.resources.some((r) => r.name === 'pods') ? PODS : CONFIGMAPS;
}
