/** Test helpers for the Job controller's unit tests. */
import type { Pod } from '../../api/core/v1/index.js';

/** A finished pod (exit code 0: Succeeded) whose container stopped at `finishedAt`. */
export function finishedPod(name: string, finishedAt: string, exitCode = 1, extra: Partial<Pod['status']> = {}): Pod {
  return {
    metadata: { name, namespace: 'ns' },
    spec: { containers: [{ name: 'main', image: 'x' }] },
    status: {
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      containerStatuses: [{ name: 'main', ready: false, restartCount: 0, image: 'x', imageID: '', state: { terminated: { exitCode, finishedAt } } }],
      ...extra,
    },
  };
}
