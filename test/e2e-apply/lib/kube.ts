/**
 * The harness of the apply/schema suite: one `gantry server` per test file, and a kubectl
 * handle per kubectl binary (1.32 through the dispatcher, and the plain 1.27 build), each with
 * a fresh KUBECACHEDIR and a namespace of its own, so that both binaries run the same tests
 * side by side against one server.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { expectQuietSuccess } from '../../e2e/lib/cluster.js';
import { DEFAULT_KUBECTL, startGantry, tempDir, type Gantry, type KubectlOptions, type KubectlResult, type TempDir } from '../../support/index.js';

export interface KubectlBinary {
  /** The test title: "kubectl 1.32". */
  name: string;
  bin: string;
  /** A suffix for namespaces and cluster-scoped names: "132". */
  tag: string;
}

export const KUBECTL_127 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';

/** The binaries every test runs with (1.27 only where it is installed). */
export const KUBECTLS: KubectlBinary[] = [
  { name: 'kubectl 1.32', bin: DEFAULT_KUBECTL, tag: '132' },
  ...(existsSync(KUBECTL_127) ? [{ name: 'kubectl 1.27', bin: KUBECTL_127, tag: '127' }] : []),
];

/**
 * The field manager the server derives for a kubectl that sends none (`kubectl scale`): the
 * User-Agent up to its first "/", and kubectl names itself after its own file name.
 */
export function defaultManager(k: KubectlBinary): string {
  return k.bin === DEFAULT_KUBECTL ? 'kubectl' : basename(k.bin);
}

export function describeRun(args: readonly string[], r: KubectlResult): string {
  return `kubectl ${args.join(' ')}\n  exit code: ${r.code}${r.timedOut ? ' (timed out)' : ''}\n  stdout: ${r.stdout}\n  stderr: ${r.stderr}`;
}

export interface Kube {
  readonly binary: KubectlBinary;
  /** This binary's namespace (created in beforeAll). */
  readonly ns: string;
  /** A scratch directory for manifests and editor scripts (removed after the file). */
  readonly dir: string;
  /** kubectl with `--namespace=<ns>` first. */
  run(args: readonly string[], opts?: Partial<KubectlOptions>): Promise<KubectlResult>;
  /** run(), requiring exit code 0 and an empty stderr; resolves with stdout. */
  ok(args: readonly string[], opts?: Partial<KubectlOptions>): Promise<string>;
  /** run(), requiring exit code `code` (default 1) and an empty stdout; resolves with stderr. */
  fails(args: readonly string[], opts?: Partial<KubectlOptions> & { code?: number }): Promise<string>;
  /** `kubectl get <args> -o json`, parsed. */
  getJson<T = any>(...args: string[]): Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** `kubectl get <args> -o jsonpath=<path>`. */
  jsonpath(path: string, ...args: string[]): Promise<string>;
  /** Writes `<dir>/<name>` and returns its path. */
  file(name: string, text: string, mode?: number): string;
}

class KubeImpl implements Kube {
  constructor(
    private readonly server: () => Gantry,
    readonly binary: KubectlBinary,
    readonly ns: string,
    private readonly work: TempDir,
  ) {}

  get dir(): string {
    return this.work.path;
  }

  run(args: readonly string[], opts: Partial<KubectlOptions> = {}): Promise<KubectlResult> {
    const cacheDir = join(this.work.path, 'kubecache');
    return this.server().kubectl([`--namespace=${this.ns}`, ...args], { bin: this.binary.bin, cacheDir, ...opts });
  }

  async ok(args: readonly string[], opts: Partial<KubectlOptions> = {}): Promise<string> {
    return expectQuietSuccess(args, await this.run(args, opts));
  }

  async fails(args: readonly string[], opts: Partial<KubectlOptions> & { code?: number } = {}): Promise<string> {
    const r = await this.run(args, opts);
    if (r.code !== (opts.code ?? 1) || r.stdout !== '') {
      throw new Error(`expected exit code ${opts.code ?? 1} and no stdout:\n${describeRun(args, r)}`);
    }
    return r.stderr;
  }

  async getJson<T>(...args: string[]): Promise<T> {
    return JSON.parse(await this.ok(['get', ...args, '-o', 'json'])) as T;
  }

  jsonpath(path: string, ...args: string[]): Promise<string> {
    return this.ok(['get', ...args, '-o', `jsonpath=${path}`]);
  }

  file(name: string, text: string, mode = 0o644): string {
    const path = join(this.work.path, name);
    writeFileSync(path, text, { mode });
    return path;
  }
}

export interface ApplySuite {
  readonly gantry: Gantry;
  /**
   * Call inside a describe block: registers a beforeAll that creates the namespace
   * `<prefix>-<tag>` with this binary, and returns the handle.
   */
  kube(binary: KubectlBinary, prefix: string): Kube;
}

/** Registers beforeAll/afterAll hooks for one server per file. */
export function useGantry(): ApplySuite {
  let g: Gantry | undefined;
  const dirs: TempDir[] = [];
  const server = (): Gantry => {
    if (!g) throw new Error('the server is not started (beforeAll failed?)');
    return g;
  };
  beforeAll(async () => {
    // This suite tests the API server alone: no scheduler acting on its pods.
    g = await startGantry({ args: ['--disable-scheduler'] });
  });
  afterAll(async () => {
    await g?.dispose();
    for (const d of dirs) d.cleanup();
  });
  return {
    get gantry() {
      return server();
    },
    kube(binary, prefix) {
      const work = tempDir(`gantry-e2e-apply-${binary.tag}-`);
      dirs.push(work);
      const k = new KubeImpl(server, binary, `${prefix}-${binary.tag}`, work);
      beforeAll(async () => {
        await k.ok(['create', 'namespace', k.ns]);
      });
      return k;
    },
  };
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** True for managedFields entries written by this suite's commands (kubectl and the test's own managers). */
export function byTestCommands(e: { manager?: string }): boolean {
  return Boolean(e.manager?.startsWith('kubectl') || e.manager === 'other');
}

/**
 * The parts of an object that users' writes change, for "nothing changed" checks that must
 * not trip over controllers: status, resourceVersion, the Deployment controller's revision
 * annotations and the controllers' managedFields entries are left out.
 */
export function userView(o: Obj): Obj {
  const meta = o.metadata ?? {};
  const annotations = Object.entries((meta.annotations ?? {}) as Record<string, string>).filter(([key]) => !key.startsWith('deployment.kubernetes.io/'));
  return {
    kind: o.kind,
    spec: o.spec,
    data: o.data,
    labels: meta.labels,
    annotations: Object.fromEntries(annotations),
    generation: meta.generation,
    deletionTimestamp: meta.deletionTimestamp,
    finalizers: meta.finalizers,
    managedFields: ((meta.managedFields ?? []) as Obj[]).filter(byTestCommands),
  };
}
