/** Small object builders and helpers shared by the crash test and bench/api. */
import { randomBytes } from 'node:crypto';
import type { ApiClient } from './api-client.js';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
}

export interface ConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: ObjectMeta;
  data?: Record<string, string>;
}

export interface ObjectList<T> {
  kind: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

export function configMap(name: string, namespace: string, opts: { data?: Record<string, string>; labels?: Record<string, string> } = {}): ConfigMap {
  const metadata: ObjectMeta = { name, namespace };
  if (opts.labels) metadata.labels = opts.labels;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: opts.data ?? {} };
}

/** `keys` entries of `bytesPerKey` random URL-safe characters each. */
export function randomData(keys: number, bytesPerKey: number): Record<string, string> {
  const data: Record<string, string> = {};
  for (let i = 0; i < keys; i++) {
    data[`key-${i}`] = randomBytes(Math.ceil((bytesPerKey * 3) / 4)).toString('base64url').slice(0, bytesPerKey);
  }
  return data;
}

/** Creates the namespace; an existing one is fine. */
export async function ensureNamespace(client: ApiClient, name: string): Promise<void> {
  await client.json('POST', '/api/v1/namespaces', {
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    expect: [201, 409],
  });
}

/** The resourceVersion as a number (Gantry's are store revisions); throws on anything else. */
export function revisionOf(obj: { metadata: { resourceVersion?: string } }): number {
  const rv = obj.metadata.resourceVersion ?? '';
  if (!/^\d+$/.test(rv)) throw new Error(`resourceVersion ${JSON.stringify(rv)} is not a decimal revision`);
  return Number(rv);
}

/** Every item of a list, following `continue` tokens in pages of `limit`. */
export async function listAll<T>(client: ApiClient, path: string, opts: { limit?: number } = {}): Promise<{ items: T[]; resourceVersion: string }> {
  const items: T[] = [];
  let token = '';
  let resourceVersion = '';
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 0; page < 100_000; page++) {
    const query = `limit=${opts.limit ?? 500}${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
    const list = await client.json<ObjectList<T>>('GET', `${path}${sep}${query}`, { expect: [200] });
    items.push(...list.items);
    if (page === 0) resourceVersion = list.metadata.resourceVersion ?? '';
    token = list.metadata.continue ?? '';
    if (!token) return { items, resourceVersion };
  }
  throw new Error(`listing ${path} did not end`);
}
