/**
 * One `gantry server` per test file, with a namespace of its own, and kubectl helpers
 * that fail loudly (command, exit code, stderr) instead of leaving a bare assertion.
 */
import { afterAll, beforeAll } from 'vitest';
import { startGantry, type Gantry, type KubectlOptions, type KubectlResult } from '../../support/index.js';
import { namespace, stream, type Manifest } from './manifests.js';

export interface Cluster {
  readonly gantry: Gantry;
  /** The namespace this file works in (created in beforeAll). */
  readonly ns: string;
  /** kubectl with `--namespace=<ns>` first. */
  run(args: readonly string[], opts?: Partial<KubectlOptions>): Promise<KubectlResult>;
  /** run(), requiring exit code 0 and an empty stderr; resolves with stdout. */
  ok(args: readonly string[], opts?: Partial<KubectlOptions>): Promise<string>;
  /** run(), requiring exit code 1 and an empty stdout; resolves with stderr. */
  fails(args: readonly string[], opts?: Partial<KubectlOptions>): Promise<string>;
  /** `kubectl create -f - --validate=false` of the manifests; resolves with stdout. */
  create(...objects: Manifest[]): Promise<string>;
  /** `kubectl get <args> -o json`, parsed. */
  getJson<T = any>(...args: string[]): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** `kubectl get <args> -o jsonpath=<path>`. */
  jsonpath(path: string, ...args: string[]): Promise<string>;
}

export interface UseClusterOptions {
  /** The namespace to create and work in. */
  namespace: string;
  /** Extra `gantry server` arguments. */
  serverArgs?: string[];
}

function describeRun(args: readonly string[], r: KubectlResult): string {
  return `kubectl ${args.join(' ')}\n  exit code: ${r.code}${r.timedOut ? ' (timed out)' : ''}\n  stdout: ${r.stdout}\n  stderr: ${r.stderr}`;
}

/** The result of a kubectl run that must have succeeded quietly. */
export function expectQuietSuccess(args: readonly string[], r: KubectlResult): string {
  if (r.code !== 0 || r.stderr !== '') throw new Error(`expected success with an empty stderr:\n${describeRun(args, r)}`);
  return r.stdout;
}

class ClusterImpl implements Cluster {
  private current: Gantry | undefined;

  constructor(readonly ns: string) {}

  get gantry(): Gantry {
    if (!this.current) throw new Error('the cluster is not started (beforeAll failed?)');
    return this.current;
  }

  attach(g: Gantry): void {
    this.current = g;
  }

  run(args: readonly string[], opts: Partial<KubectlOptions> = {}): Promise<KubectlResult> {
    return this.gantry.kubectl([`--namespace=${this.ns}`, ...args], opts);
  }

  async ok(args: readonly string[], opts: Partial<KubectlOptions> = {}): Promise<string> {
    return expectQuietSuccess(args, await this.run(args, opts));
  }

  async fails(args: readonly string[], opts: Partial<KubectlOptions> = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== 1 || r.stdout !== '') throw new Error(`expected exit code 1 and no stdout:\n${describeRun(args, r)}`);
    return r.stderr;
  }

  create(...objects: Manifest[]): Promise<string> {
    return this.ok(['create', '-f', '-', '--validate=false'], { input: stream(objects) });
  }

  async getJson<T>(...args: string[]): Promise<T> {
    return JSON.parse(await this.ok(['get', ...args, '-o', 'json'])) as T;
  }

  jsonpath(path: string, ...args: string[]): Promise<string> {
    return this.ok(['get', ...args, '-o', `jsonpath=${path}`]);
  }
}

/**
 * Registers beforeAll/afterAll hooks that start one server and create `namespace`, and
 * returns the cluster handle (usable from the tests on).
 */
export function useCluster(opts: UseClusterOptions): Cluster {
  const cluster = new ClusterImpl(opts.namespace);
  let started: Gantry | undefined;
  beforeAll(async () => {
    // These suites test the API server alone: no scheduler or controllers acting on their objects.
    started = await startGantry({ args: opts.serverArgs ?? ['--disable-scheduler', '--controllers='] });
    cluster.attach(started);
    await cluster.create(namespace(opts.namespace));
  });
  afterAll(async () => {
    await started?.dispose();
  });
  return cluster;
}
