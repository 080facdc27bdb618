/** What one Job sync works with, shared by its steps (manage pods, track status). */
import type { Job, JobCondition } from '../../api/batch/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';
import type { ReadonlyStore, ResourceClient, EventRecorder } from '../../client/index.js';
import type { Clock } from '../../util/index.js';
import type { Expectations, PodControl } from '../runtime/index.js';
import type { BackoffRecord, BackoffTiming } from './backoff.js';
import type { IndexFailures } from './per-index.js';

export interface JobControllerDeps {
  jobs: ReadonlyStore<Job>;
  pods: ReadonlyStore<Pod>;
  jobClient: Pick<ResourceClient<Job>, 'get' | 'updateStatus'>;
  podClient: Pick<ResourceClient<Pod>, 'patch'>;
  podControl: PodControl;
  events: Pick<EventRecorder, 'event'>;
  clock: Clock;
  expectations: Expectations;
  /** Base and cap of the delay between failed pods (default 10 s and 6 min). */
  backoff?: BackoffTiming;
  log?: (line: string) => void;
}

/** One sync's working state (upstream syncJobCtx). */
export interface SyncCtx {
  key: string;
  /** A private copy: the sync edits its status. */
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  now: number;
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  /** Pods whose finalizer removal was sent but not yet seen. */
  expectedRmFinalizers: Set<string>;
  succeeded: number;
  failed: number;
  terminating: number;
  /** The interim (FailureTarget, SuccessCriteriaMet) or recorded condition that finishes the job. */
  finishing?: JobCondition;
  prevSucceededIndexes: Set<number>;
  succeededIndexes: Set<number>;
  /** With backoffLimitPerIndex: indexes that will not be retried. */
  failedIndexes: Set<number>;
  /** With backoffLimitPerIndex: failures so far per index. */
  indexFailures: Map<number, IndexFailures>;
  backoff: BackoffRecord;
  /** The sync wants to run again after this many ms. */
  requeueAfterMs?: number;
}

export function setRequeue(ctx: SyncCtx, ms: number): void {
  if (!(ms >= 0)) return;
  ctx.requeueAfterMs = ctx.requeueAfterMs === undefined ? ms : Math.min(ctx.requeueAfterMs, ms);
}
