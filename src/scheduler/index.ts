/**
 * The scheduler: the only public surface of src/scheduler.
 *
 *   const sched = startScheduler(clientConfig, { signal, leaderElection: true })
 *   await sched.ready            // informers synced
 *   ...
 *   await sched.stop()
 */
export { startScheduler, type LeaderElectionConfig, type RunningScheduler, type StartSchedulerOptions } from './start.js';
export { DEFAULT_SCHEDULER_NAME, type ProfileConfig } from './profile.js';
export type { PluginSpec } from './framework/runtime.js';
export type { SchedulerMetrics } from './metrics.js';
export * from './framework/public.js';
export { OfflineScheduler, type OfflineEvent, type OfflineOptions } from './offline.js';
