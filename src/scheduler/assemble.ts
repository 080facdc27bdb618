/**
 * Puts a scheduler together from its parts (cache, profiles, queue, loop, event handlers),
 * given where its API calls go and where it reads cluster state. Shared by startScheduler
 * (informers and the REST client) and OfflineScheduler (in memory).
 */
import type { Pod } from '../api/core/v1/index.js';
import type { Clock } from '../util/index.js';
import { SchedulerCache } from './cache/cache.js';
import type { ClusterInfo } from './cluster-info.js';
import { EventHandlers } from './event-handlers.js';
import type { ClusterEventWithHint } from './framework/events.js';
import type { PluginFactory } from './framework/interface.js';
import type { FrameworkContext } from './framework/runtime.js';
import type { PriorityResolver } from './priority.js';
import { DEFAULT_SCHEDULER_NAME, buildFrameworks, type ProfileConfig } from './profile.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { Scheduler, type LoopOptions, type SchedulerDeps } from './scheduler.js';

export interface AssembleOptions extends LoopOptions {
  profiles?: ProfileConfig[];
  registry?: ReadonlyMap<string, PluginFactory>;
  /** Backoff of failed pods (default 1 s doubling to 10 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface Assembled {
  scheduler: Scheduler;
  handlers: EventHandlers;
}

export function assembleScheduler(
  deps: SchedulerDeps & { clock: Clock; info: ClusterInfo; priorities: PriorityResolver },
  opts: AssembleOptions = {},
): Assembled {
  const cache = new SchedulerCache();
  let queue: SchedulingQueue | undefined;
  const { info, api } = deps;
  const context: FrameworkContext = {
    nodes: cache,
    clock: deps.clock,
    api,
    namespaceLabels: (ns) => info.namespaceLabels(ns),
    namespaces: () => info.namespaces(),
    podDisruptionBudgets: () => info.podDisruptionBudgets(),
    defaultSpreadSelector: (pod: Pod) => info.defaultSpreadSelector(pod),
    nominatedPodsForNode: (n) => queue?.nominator.podsForNode(n) ?? [],
    clearNominatedNode: (pi) => queue?.nominator.delete(pi.key),
    event: (pod, type, reason, message) => api.event(pod, type, reason, message),
  };
  const frameworks = buildFrameworks(opts.profiles ?? [{ schedulerName: DEFAULT_SCHEDULER_NAME }], context, opts.registry);
  const sort = frameworks.values().next().value!.queueSort!;
  const pluginEvents = new Map<string, ClusterEventWithHint[]>();
  for (const fwk of frameworks.values()) for (const p of fwk.enqueueExtensions) pluginEvents.set(p.name, p.eventsToRegister());
  queue = new SchedulingQueue({
    less: (a, b) => sort.less(a, b),
    pluginEvents,
    clock: deps.clock,
    initialBackoffMs: opts.initialBackoffMs,
    maxBackoffMs: opts.maxBackoffMs,
  });
  const scheduler = new Scheduler(frameworks, queue, cache, deps, opts);
  return { scheduler, handlers: new EventHandlers(scheduler, deps.priorities) };
}
