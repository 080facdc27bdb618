/**
 * The client machinery: the only public surface of src/client.
 *
 * Every component other than the apiserver is an API client, even in one process:
 *
 *   const client = RestClient.fromKubeconfig(path)            // or new RestClient(configFromPem({...}))
 *   const pods = client.resource<Pod>(pod)                    // pod: the KindDefinition from src/api/core/v1
 *   await pods.get('default', 'web-0')                         // throws ApiError: isNotFound(err), isConflict(err)...
 *   await pods.patch('default', 'web-0', { type: 'merge', body: { metadata: { labels: { a: 'b' } } } })
 *   for await (const ev of pods.watch('default', { resourceVersion, signal })) { ... }
 *
 *   const factory = new SharedInformerFactory(client)
 *   const podInformer = factory.informerFor<Pod>(pod)         // one shared cache per kind+filter
 *   podInformer.addEventHandler({ onAdd, onUpdate, onDelete })
 *   factory.start(signal); await factory.waitForSync(signal)
 *   podInformer.store.byIndex(NODE_NAME_INDEX, 'node-1')
 *
 *   const queue = new WorkQueue<string>()                     // keys: objectKey(obj) = 'ns/name'
 *   const key = await queue.get(); try { ...; queue.forget(key) } catch { queue.addRateLimited(key) } finally { queue.done(key) }
 *
 *   const recorder = new EventRecorder(client, { component: 'deployment-controller' })
 *   recorder.event(deploy, { type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up ...' })   // never blocks
 *
 *   await new LeaderElector(client, { namespace: 'kube-system', name: 'gantry-controller-manager', identity,
 *     onStartedLeading: (signal) => runControllers(signal) }).run(signal)
 *
 * Objects handed out by informers and stores are shared with the cache: never mutate them
 * (deepClone from src/machinery first). Errors from the server are ApiError (src/machinery);
 * bad arguments throw a plain Error before anything is sent.
 */
export { configFromPem, loadKubeconfig, parseKubeconfig, validateConfig, type ClientConfig, type PemCredentials } from './config.js';
export { RestClient } from './rest-client.js';
export { ResourceClient } from './resource-client.js';
export { errorFromResponse } from './transport.js';
export type * from './types.js';
export {
  NAMESPACE_INDEX,
  NODE_NAME_INDEX,
  OWNER_UID_INDEX,
  Store,
  namespaceIndexFunc,
  nodeNameIndexFunc,
  objectKey,
  ownerUidIndexFunc,
  splitKey,
  type IndexFunc,
  type ReadonlyStore,
} from './store.js';
export { Informer, type EventHandler, type InformerOptions, type InformerStats, type ListWatcher } from './informer.js';
export { SharedInformerFactory, type InformerFilter } from './informer-factory.js';
export {
  BucketRateLimiter,
  ItemExponentialRateLimiter,
  MaxOfRateLimiter,
  defaultControllerRateLimiter,
  type RateLimiter,
} from './rate-limiter.js';
export { WorkQueue, type WorkQueueOptions } from './workqueue.js';
export { EventRecorder, referenceTo, type EventDetails, type EventRecorderOptions, type EventType, type RecordedEvent } from './event-recorder.js';
export { LeaderElector, type LeaderElectionOptions } from './leader-election.js';
