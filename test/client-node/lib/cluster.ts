/** Helpers for the @kubernetes/client-node suite: a client for a started server, and error unpacking. */
import { ApiException, CoreV1Api, KubeConfig, type V1Status } from '@kubernetes/client-node';
import type { Gantry } from '../../support/index.js';

export interface NodeClient {
  kc: KubeConfig;
  core: CoreV1Api;
}

/** A client-node KubeConfig loaded from the server's kubeconfig file, and a CoreV1Api on it. */
export function nodeClient(g: Gantry): NodeClient {
  const kc = new KubeConfig();
  kc.loadFromFile(g.kubeconfig);
  return { kc, core: kc.makeApiClient(CoreV1Api) };
}

export interface ApiFailure {
  code: number;
  /** The `Status` object of the body, when the body is one. */
  status?: V1Status;
}

/** Awaits `promise`, which must reject with an ApiException, and returns its code and Status. */
export async function apiFailure(promise: Promise<unknown>): Promise<ApiFailure> {
  let result: unknown;
  try {
    result = await promise;
  } catch (err) {
    if (!(err instanceof ApiException)) throw err;
    return { code: err.code, status: parseStatus(err.body) };
  }
  throw new Error(`expected the request to fail, but it answered ${JSON.stringify(result).slice(0, 200)}`);
}

function parseStatus(body: unknown): V1Status | undefined {
  const value = typeof body === 'string' ? safeJson(body) : body;
  return value && typeof value === 'object' && (value as { kind?: string }).kind === 'Status' ? (value as V1Status) : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Creates a namespace for one test file. */
export async function createNamespace(core: CoreV1Api, name: string): Promise<void> {
  await core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
}
