/**
 * What a controller declares: its name (as kube-controller-manager's --controllers knows it),
 * the kind it reconciles (`for`), the kinds it owns (events on them enqueue their controller
 * owner), other kinds it watches with a mapping to requests, its worker count, and a factory
 * that builds its Reconciler from a ControllerContext.
 */
import type { KubeObject } from '../../api/meta.js';
import type { EventRecorder, InformerFilter, ResourceKind, RestClient, SharedInformerFactory } from '../../client/index.js';
import type { Clock } from '../../util/index.js';
import type { Reconciler, Request } from './reconciler.js';

/**
 * Settings shared by every controller of a manager (flags of kube-controller-manager). Each
 * controller reads its own keys and falls back to its upstream default; unknown keys are kept.
 */
export interface ControllerSettings {
  /** Workers per controller, by controller name (overrides the definition's `workers`). */
  concurrentSyncs?: Record<string, number>;
  /** The longest delay before a failing key is retried (default 60 s; client-go's is 1000 s). */
  maxRetryDelayMs?: number;
  [key: string]: unknown;
}

/** What a controller's reconciler factory gets. */
export interface ControllerContext {
  /** The controller's name. */
  readonly name: string;
  readonly client: RestClient;
  /** The manager's shared informers: ask for what you read; the manager starts and syncs them. */
  readonly informers: SharedInformerFactory;
  /** Records Events with source.component = the definition's `component`. */
  readonly events: EventRecorder;
  readonly clock: Clock;
  readonly log: (line: string) => void;
  readonly settings: ControllerSettings;
  /** Aborts when the controller stops (manager stopped or leadership lost). */
  readonly signal: AbortSignal;
  /** Queues a request for this controller (after `afterMs` if given). */
  enqueue(req: Request, opts?: { afterMs?: number }): void;
}

/** A kind watched with a custom mapping from its objects to requests of this controller. */
export interface WatchSpec<T extends KubeObject = KubeObject> {
  kind: ResourceKind;
  /** Which informer (namespace and selectors); default: all objects. */
  filter?: InformerFilter;
  /**
   * The requests an object maps to. On update it is called for the old and the new object and
   * the union is queued. Runs inside the informer's callback: keep it cheap and do not throw.
   */
  map(obj: T, ctx: ControllerContext): Request[];
}

export interface ControllerDefinition {
  /** Canonical name, e.g. 'replicaset-controller'. */
  name: string;
  /** Other names --controllers accepts (upstream's short aliases, e.g. 'replicaset'). */
  aliases?: string[];
  /** Off unless named explicitly in --controllers (as upstream's bootstrap-signer). */
  disabledByDefault?: boolean;
  /** Event source component (default: the name). */
  component?: string;
  /** The reconciled kind: its add/update/delete events enqueue the object's own key. */
  for?: ResourceKind;
  /** Kinds whose events enqueue the object's controller owner when that owner is of the `for` kind. */
  owns?: ResourceKind[];
  watches?: WatchSpec<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Concurrent workers (default 5; settings.concurrentSyncs[name] overrides). */
  workers?: number;
  /** Enqueue every cached `for` object this often (default: never). */
  resyncPeriodMs?: number;
  /**
   * Builds the reconciler. Ask ctx.informers for the informers you read here (they are started
   * and synced before any reconcile runs); add your own event handlers if the declarations do
   * not say enough (e.g. expectations).
   */
  reconciler(ctx: ControllerContext): Reconciler | Promise<Reconciler>;
}

/** Checks a definition and returns it (the point where controllers are declared). */
export function defineController(def: ControllerDefinition): ControllerDefinition {
  if (!def || typeof def.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(def.name)) {
    throw new Error(`defineController: invalid controller name ${JSON.stringify(def?.name)}`);
  }
  if (typeof def.reconciler !== 'function') throw new Error(`defineController ${def.name}: reconciler must be a function`);
  if (def.owns?.length && !def.for?.kind) throw new Error(`defineController ${def.name}: owns needs a 'for' kind with its kind name`);
  if (def.workers !== undefined && !(Number.isInteger(def.workers) && def.workers > 0)) {
    throw new Error(`defineController ${def.name}: workers must be a positive integer`);
  }
  return def;
}
