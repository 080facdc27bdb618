/** Records the events of a client-node `Watch` so tests can wait for and inspect them. */
import { Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { waitFor } from '../../support/index.js';

export interface SeenEvent {
  type: string;
  name: string;
  resourceVersion: string;
  object: KubernetesObject & { data?: Record<string, string>; code?: number; reason?: string };
}

export class WatchRecorder {
  readonly events: SeenEvent[] = [];
  /** Set when the watch ends: null for a clean end, else the error. */
  endedWith: unknown = undefined;
  #controller: AbortController | undefined;

  private constructor() {}

  /** Starts a watch of `path` (e.g. /api/v1/namespaces/x/configmaps) with the given query. */
  static async start(kc: KubeConfig, path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<WatchRecorder> {
    const rec = new WatchRecorder();
    rec.#controller = await new Watch(kc).watch(
      path,
      query,
      (type, object: SeenEvent['object']) => {
        rec.events.push({ type, name: object?.metadata?.name ?? '', resourceVersion: object?.metadata?.resourceVersion ?? '', object });
      },
      (err: unknown) => {
        rec.endedWith = err ?? null;
      },
    );
    return rec;
  }

  /** "TYPE name" for each event so far, for compact assertions. */
  summary(): string[] {
    return this.events.map((e) => `${e.type} ${e.name}`);
  }

  /** Waits until at least `count` events arrived (default timeout 10 s). */
  async waitForCount(count: number, timeoutMs = 10_000): Promise<SeenEvent[]> {
    await waitFor(() => this.events.length >= count, {
      timeoutMs,
      description: `${count} watch events (have: ${JSON.stringify(this.summary())})`,
    });
    return this.events.slice(0, count);
  }

  /** Waits until the server or an error ends the watch. */
  async waitForEnd(timeoutMs = 10_000): Promise<unknown> {
    await waitFor(() => this.endedWith !== undefined, { timeoutMs, description: 'the watch to end' });
    return this.endedWith;
  }

  stop(): void {
    this.#controller?.abort();
  }
}
