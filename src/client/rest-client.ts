/**
 * RestClient: the entry point of the typed client. One keep-alive HTTPS agent per client;
 * `resource(kind)` gives a ResourceClient for one resource.
 */
import type { KubeObject } from '../api/meta.js';
import { loadKubeconfig, validateConfig, type ClientConfig } from './config.js';
import { ResourceClient } from './resource-client.js';
import { Transport } from './transport.js';
import type { RawRequest, ResourceKind } from './types.js';

export class RestClient {
  readonly config: ClientConfig;
  private readonly transport: Transport;
  private readonly clients = new Map<string, ResourceClient<KubeObject>>();

  /** Throws a clear Error when the config is unusable. */
  constructor(config: ClientConfig) {
    this.config = validateConfig({ ...config });
    this.transport = new Transport(this.config);
  }

  /** A client from a kubeconfig file (its current context unless `opts.context`). */
  static fromKubeconfig(path: string, opts: { context?: string; userAgent?: string } = {}): RestClient {
    const cfg = loadKubeconfig(path, { context: opts.context });
    if (opts.userAgent) cfg.userAgent = opts.userAgent;
    return new RestClient(cfg);
  }

  /** The typed client of one resource (cached per group/version/plural). */
  resource<T extends KubeObject = KubeObject>(kind: ResourceKind): ResourceClient<T> {
    const key = `${kind.group}/${kind.version}/${kind.plural}`;
    let c = this.clients.get(key);
    if (!c) {
      c = new ResourceClient<KubeObject>(this.transport, kind, { fieldManager: this.config.userAgent ?? 'gantry' });
      this.clients.set(key, c);
    }
    return c as unknown as ResourceClient<T>;
  }

  /** A raw request answered with JSON (discovery, /version, paths the typed client lacks). */
  async requestJson<R = unknown>(req: RawRequest): Promise<R> {
    return this.transport.json<R>(req);
  }

  /** A raw request answered with text (e.g. /healthz, pods/log). */
  async requestText(req: RawRequest): Promise<string> {
    return (await this.transport.request(req)).body;
  }

  /** Closes idle connections. The client must not be used afterwards. */
  close(): void {
    this.transport.close();
  }
}
