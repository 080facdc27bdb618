/**
 * A Gantry server for the OpenAPI tests, driven by the real kubectl. When the server does not serve
 * /openapi/v3 yet (the handler is not wired into server.ts), kubectl talks to it through the
 * stand-in proxy, so that the documents and field validation are still judged by kubectl.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Gantry,
  type KubectlOptions,
  type KubectlResult,
  httpsRequest,
  kubectl,
  readKubeconfig,
  startGantry,
  tempDir,
} from '../support/index.js';
import { type StandInProxy, startStandInProxy } from './stand-in-proxy.js';

export interface OpenApiTarget {
  readonly gantry: Gantry;
  /** True when kubectl goes through the stand-in proxy. */
  readonly viaStandIn: boolean;
  kubectl(args: readonly string[], opts?: Partial<KubectlOptions>): Promise<KubectlResult>;
  dispose(): Promise<void>;
}

function plainKubeconfig(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: standin`,
    `  cluster: {server: "${server}"}`,
    'users:',
    '- name: standin',
    '  user: {}',
    'contexts:',
    '- name: standin',
    '  context: {cluster: standin, user: standin, namespace: default}',
    'current-context: standin',
    '',
  ].join('\n');
}

export async function startOpenApiTarget(): Promise<OpenApiTarget> {
  const gantry = await startGantry();
  const creds = { ...readKubeconfig(gantry.kubeconfig), server: gantry.url };
  const probe = await httpsRequest(creds, '/openapi/v3', { timeoutMs: 5000 });
  if (probe.status === 200) {
    return { gantry, viaStandIn: false, kubectl: (args, opts) => gantry.kubectl(args, opts), dispose: () => gantry.dispose() };
  }
  let proxy: StandInProxy | undefined;
  const work = tempDir('gantry-openapi-');
  try {
    proxy = await startStandInProxy(creds);
    const kubeconfig = join(work.path, 'kubeconfig.yaml');
    writeFileSync(kubeconfig, plainKubeconfig(proxy.url));
    const cacheDir = join(work.path, 'kubecache');
    const p = proxy;
    return {
      gantry,
      viaStandIn: true,
      kubectl: (args, opts) => kubectl(args, { kubeconfig, cacheDir, ...opts }),
      async dispose() {
        await p.close();
        await gantry.dispose();
        work.cleanup();
      },
    };
  } catch (e) {
    await proxy?.close();
    await gantry.dispose();
    work.cleanup();
    throw e;
  }
}
