/**
 * SharedInformerFactory: one Informer (and one cache) per resource and options, shared by every
 * controller of a process, so N controllers watching pods cost one list+watch.
 */
import type { KubeObject } from '../api/meta.js';
import { Informer, type InformerOptions } from './informer.js';
import type { RestClient } from './rest-client.js';
import type { ResourceKind } from './types.js';

/** What picks a shared informer: the resource, plus namespace and selectors. */
export type InformerFilter = Pick<InformerOptions, 'namespace' | 'labelSelector' | 'fieldSelector'>;

export class SharedInformerFactory {
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private signal: AbortSignal | undefined;

  /** `defaults` apply to every informer made here (page size, log, clock...). */
  constructor(
    readonly client: RestClient,
    private readonly defaults: Omit<InformerOptions, keyof InformerFilter> = {},
  ) {}

  /**
   * The shared informer of `kind` with `filter`. Made on first call; when the factory was
   * already started, a new informer starts at once.
   */
  informerFor<T extends KubeObject = KubeObject>(kind: ResourceKind, filter: InformerFilter = {}): Informer<T> {
    const key = JSON.stringify([kind.group, kind.version, kind.plural, filter.namespace ?? '', filter.labelSelector ?? '', filter.fieldSelector ?? '']);
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer<KubeObject>(this.client.resource(kind), { ...this.defaults, ...filter });
      this.informers.set(key, inf);
      if (this.signal) inf.start(this.signal);
    }
    return inf as unknown as Informer<T>;
  }

  /** Starts every informer made so far, and those made later, until `signal` aborts. */
  start(signal: AbortSignal): void {
    this.signal ??= signal;
    for (const inf of this.informers.values()) inf.start(this.signal);
  }

  /** Resolves true when every informer made so far has synced; false if `signal` aborts first. */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    const all = await Promise.all([...this.informers.values()].map((i) => i.waitForSync(signal)));
    return all.every(Boolean);
  }

  /** The informers made so far. */
  list(): Informer<KubeObject>[] {
    return [...this.informers.values()];
  }
}
