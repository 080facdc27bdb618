/** ContainerRecord → the API's ContainerStatus, shaped as the kubelet reports it. */
import type { ContainerState, ContainerStateTerminated, ContainerStatus } from '../../api/core/v1/index.js';
import { rfc3339 } from '../../util/index.js';
import type { ContainerRecord, ContainerRun } from './types.js';

/** The waiting reason of a container that never ran: ContainerCreating, or PodInitializing while init containers run. */
export type DefaultWaitingReason = 'ContainerCreating' | 'PodInitializing';

function terminated(run: ContainerRun): ContainerStateTerminated {
  const t: ContainerStateTerminated = { exitCode: run.exitCode ?? 0 };
  if (run.reason) t.reason = run.reason;
  if (run.message) t.message = run.message;
  t.startedAt = rfc3339(run.startedAt);
  t.finishedAt = rfc3339(run.finishedAt ?? run.startedAt);
  t.containerID = run.id;
  return t;
}

function lastStateOf(run: ContainerRun | undefined): ContainerState {
  return run && run.finishedAt !== undefined ? { terminated: terminated(run) } : {};
}

/** One container's status. `defaultWaiting` is used for a container that never ran and has no waiting reason. */
export function containerStatusOf(rec: ContainerRecord, defaultWaiting: DefaultWaitingReason): ContainerStatus {
  const cur = rec.current;
  let state: ContainerState;
  let lastState: ContainerState;
  if (cur && cur.finishedAt === undefined) {
    state = { running: { startedAt: rfc3339(cur.startedAt) } };
    lastState = lastStateOf(rec.previous);
  } else if (rec.lost) {
    state = { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } };
    lastState = rec.waiting ? lastStateOf(cur) : lastStateOf(rec.previous);
  } else if (rec.waiting) {
    state = { waiting: rec.waiting.message ? { reason: rec.waiting.reason, message: rec.waiting.message } : { reason: rec.waiting.reason } };
    lastState = lastStateOf(cur);
  } else if (cur) {
    state = { terminated: terminated(cur) };
    lastState = lastStateOf(rec.previous);
  } else {
    state = { waiting: { reason: defaultWaiting } };
    lastState = {};
  }
  const status: ContainerStatus = {
    name: rec.name,
    state,
    lastState,
    ready: rec.ready,
    restartCount: rec.restartCount,
    image: rec.image,
    imageID: cur ? rec.imageID : '',
    started: rec.started,
  };
  if (cur) status.containerID = cur.id;
  return status;
}
