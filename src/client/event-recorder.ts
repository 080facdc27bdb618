/**
 * EventRecorder: records core/v1 Events about objects, as client-go's record.EventRecorder.
 * `event()` never blocks and never throws on API trouble: events go to a bounded queue (dropped
 * when it is full) that one background loop sends, correlated (see event-correlator.ts) so
 * that repeats become a PATCH of `count` and `lastTimestamp` rather than new Events.
 */
import { event as eventKind, type Event } from '../api/core/v1/index.js';
import type { ObjectReference } from '../api/core/v1/object-reference.js';
import type { KubeObject } from '../api/meta.js';
import { isNotFound } from '../machinery/index.js';
import { realClock, rfc3339, type Clock } from '../util/index.js';
import { EventCorrelator, type CorrelatedAction, type EventType, type RecordedEvent } from './event-correlator.js';
import type { ResourceClient } from './resource-client.js';
import type { RestClient } from './rest-client.js';

export type { EventType, RecordedEvent } from './event-correlator.js';

export interface EventRecorderOptions {
  /** source.component and reportingComponent, e.g. 'deployment-controller'. */
  component: string;
  /** source.host (e.g. the node name for an agent). */
  host?: string;
  /** Events waiting to be sent at most (default 1000); more are dropped. */
  maxQueue?: number;
  clock?: Clock;
  /** Where failures are reported (default: stderr). */
  log?: (line: string) => void;
}

/** What an event is recorded with (message is free text; reason is CamelCase, e.g. 'ScalingReplicaSet'). */
export interface EventDetails {
  type: EventType;
  reason: string;
  message: string;
}

/** The reference to `obj` that an Event's involvedObject carries. */
export function referenceTo(obj: KubeObject): ObjectReference {
  const md = obj.metadata ?? {};
  const ref: ObjectReference = { kind: obj.kind, namespace: md.namespace, name: md.name, uid: md.uid, apiVersion: obj.apiVersion, resourceVersion: md.resourceVersion };
  for (const k of Object.keys(ref) as (keyof ObjectReference)[]) if (!ref[k]) delete ref[k];
  return ref;
}

export class EventRecorder {
  private readonly events: ResourceClient<Event>;
  private readonly correlator: EventCorrelator;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly maxQueue: number;
  private queue: RecordedEvent[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;
  private seq = 0;
  /** Events dropped because the queue was full or the spam filter refused them. */
  dropped = 0;

  constructor(
    client: RestClient,
    private readonly opts: EventRecorderOptions,
  ) {
    if (!opts?.component) throw new Error('EventRecorder: a component name is required');
    this.events = client.resource<Event>(eventKind);
    this.clock = opts.clock ?? realClock;
    this.correlator = new EventCorrelator(`${opts.component}\u0000${opts.host ?? ''}`, this.clock);
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.maxQueue = opts.maxQueue ?? 1000;
  }

  /** Records an event about `obj` (which needs kind and metadata.name). Returns at once. */
  event(obj: KubeObject, details: EventDetails): void {
    if (this.stopped) return;
    if (!obj?.metadata?.name || !details?.reason) {
      this.log(`event recorder ${this.opts.component}: dropped an event without an object name or reason`);
      return;
    }
    if (this.queue.length >= this.maxQueue) {
      this.dropped++;
      return;
    }
    this.queue.push({ involvedObject: referenceTo(obj), type: details.type === 'Warning' ? 'Warning' : 'Normal', reason: details.reason, message: details.message ?? '' });
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves when every event queued so far was sent (or failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops recording; queued events are dropped. */
  stop(): void {
    this.stopped = true;
    this.queue = [];
  }

  private async drain(): Promise<void> {
    for (;;) {
      const ev = this.queue.shift();
      if (!ev) return;
      const action = this.correlator.correlate(ev);
      try {
        await this.send(action);
      } catch (err) {
        this.log(`event recorder ${this.opts.component}: could not record ${ev.reason} on ${ev.involvedObject.kind}/${ev.involvedObject.name}: ${(err as Error).message}`);
      }
    }
  }

  private async send(a: CorrelatedAction): Promise<void> {
    if (a.action === 'drop') {
      this.dropped++;
      return;
    }
    if (a.action === 'patch') {
      try {
        await this.events.patch(a.namespace, a.name, {
          type: 'merge',
          body: { count: a.count, lastTimestamp: rfc3339(a.lastMs), message: a.event.message },
        });
        return;
      } catch (err) {
        if (!isNotFound(err)) throw err;
        a = { ...a, count: 1, firstMs: a.lastMs }; // expired or deleted: start a new Event
      }
    }
    const ref = a.event.involvedObject;
    const namespace = ref.namespace || 'default';
    const body: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.eventName(ref.name ?? 'unknown'), namespace },
      involvedObject: ref,
      reason: a.event.reason,
      message: a.event.message,
      source: this.opts.host ? { component: this.opts.component, host: this.opts.host } : { component: this.opts.component },
      firstTimestamp: rfc3339(a.firstMs),
      lastTimestamp: rfc3339(a.lastMs),
      count: a.count,
      type: a.event.type,
      reportingComponent: this.opts.component,
      reportingInstance: this.opts.host ?? '',
    };
    const created = await this.events.create(body);
    this.correlator.created(a.key, { name: created.metadata.name ?? '', namespace, count: a.count, firstMs: a.firstMs });
  }

  /** `<object>.<hex nanoseconds>`, as client-go names Events (kept unique within this process). */
  private eventName(objName: string): string {
    const nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return `${objName}.${nanos.toString(16)}`;
  }
}
