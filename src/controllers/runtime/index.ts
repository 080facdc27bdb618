/**
 * The controller runtime: the only public surface of src/controllers/runtime.
 *
 * A controller declares what it reconciles and builds its Reconciler from a context:
 *
 *   export const jobController = defineController({
 *     name: 'job-controller', aliases: ['job'], component: 'job-controller',
 *     for: job,                        // KindDefinition: events on jobs enqueue 'ns/name'
 *     owns: [pod],                     // events on pods enqueue their controller owner (a Job)
 *     watches: [{ kind: node, map: (n, ctx) => [...] }],   // custom mapping to requests
 *     workers: 5,
 *     reconciler: (ctx) => {
 *       const jobs = ctx.informers.informerFor<Job>(job);  // ask for every informer you read
 *       const pods = ctx.informers.informerFor<Pod>(pod);
 *       const podControl = new RealPodControl(ctx.client, ctx.events);
 *       return {
 *         async reconcile({ namespace, name }, signal) {
 *           const j = jobs.store.getByName(namespace, name);
 *           if (!j) return;                                // deleted: nothing to do
 *           ...                                            // read caches, write through ctx.client
 *           return { requeueAfterMs: 10_000 };             // or nothing; throw to retry with backoff
 *         },                                               // throw new TerminalError(...) for no retry
 *       };
 *     },
 *   });
 *
 * The Manager runs controllers over one SharedInformerFactory: it calls each factory, starts
 * and syncs the informers, then runs the workers (one key at a time per worker, never the same
 * key on two workers). With leader election it does so only while it holds the Lease:
 *
 *   const mgr = new Manager(client, { leaderElection: true, settings: {...} });
 *   mgr.add(...registry.select(['*', '-job']));
 *   mgr.start(signal); await mgr.ready; ...; await mgr.stop();
 *
 * Shared helpers: Expectations (do not act twice on a stale cache), PodControl/RealPodControl
 * (create/delete pods with upstream Events), claimObjects (adopt and release by controllerRef),
 * conditions helpers.
 *
 * Unit tests: `testing/fake-api.ts` (FakeApi) is an in-memory RestClient stand-in with
 * resourceVersions, watches, /status, finalizers and patches, so controllers run on the real
 * informers and Manager without a server (see manager.test.ts). Import it from tests directly.
 */
export { TerminalError, requestFromKey, requestKey, type Reconciler, type Request, type Result } from './reconciler.js';
export { defineController, type ControllerContext, type ControllerDefinition, type ControllerSettings, type WatchSpec } from './controller.js';
export { ControllerRegistry } from './registry.js';
export { Manager, type LeaderElectionConfig, type ManagerOptions } from './manager.js';
export { ControllerRunner, DEFAULT_WORKERS } from './runner.js';
export { refersToKind } from './wiring.js';
export { EXPECTATIONS_TIMEOUT_MS, Expectations } from './expectations.js';
export { RealPodControl, podFromTemplate, type PodControl } from './pod-control.js';
export { findCondition, removeCondition, setCondition, type ConditionLike } from './conditions.js';
export { rfc3339 } from '../../util/index.js';
export { isPodActive, isPodAvailable, isPodReady, maxContainerRestarts, podKey, podReadyCondition } from './pod-utils.js';
export { slowStartBatch } from './slow-start.js';
export { ORPHAN_INDEX, claimCandidates, ensureIndex, orphanIndexFunc } from './indexes.js';
export { claimObjects, recheckOwner, type ClaimOptions, type ClaimResult } from './claim.js';
