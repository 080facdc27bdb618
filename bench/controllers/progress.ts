/** When a Deployment counts as rolled out (what `kubectl rollout status` waits for). */
import type { Deployment } from '../../src/api/apps/v1/index.js';

/** true when done; otherwise a one-line progress report. */
export function rolloutDone(d: Deployment, replicas: number): true | string {
  const s = d.status ?? {};
  const gen = d.metadata.generation ?? 0;
  const line = `updated ${s.updatedReplicas ?? 0}, total ${s.replicas ?? 0}, ready ${s.readyReplicas ?? 0}, available ${s.availableReplicas ?? 0} of ${replicas}`;
  if ((s.observedGeneration ?? 0) < gen) return `waiting for generation ${gen} (${line})`;
  const done = (s.updatedReplicas ?? 0) === replicas && (s.replicas ?? 0) === replicas && (s.availableReplicas ?? 0) === replicas;
  return done ? true : line;
}
