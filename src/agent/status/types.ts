/**
 * What a node agent knows about one container, whatever runs it (simulated, runc, process):
 * the latest run, the run before it, and why it is waiting. The status/ functions turn these
 * records into the API's ContainerStatus, phase and conditions as the kubelet does.
 */

/** One run of a container (one runtime container ID). Times are epoch milliseconds. */
export interface ContainerRun {
  /** "<runtime>://<id>", e.g. "simulated://3f2a...". */
  id: string;
  startedAt: number;
  /** Set once the run ended. */
  finishedAt?: number;
  exitCode?: number;
  /** Why it ended: Completed, Error, OOMKilled... */
  reason?: string;
  message?: string;
}

export interface ContainerRecord {
  name: string;
  /** The image as the runtime reports it (normalised, e.g. docker.io/library/nginx:latest). */
  image: string;
  /** The image's digest reference; '' before the image was pulled. */
  imageID: string;
  restartCount: number;
  /** The latest run: running while finishedAt is unset. */
  current?: ContainerRun;
  /** The run before `current`, reported as lastState. */
  previous?: ContainerRun;
  /** Why the container is not running now (CrashLoopBackOff, CreateContainerConfigError...). */
  waiting?: { reason: string; message?: string };
  /** Passes readiness (for a regular init container: completed successfully). */
  ready: boolean;
  /** Passed its startup probe (or has none) and runs. */
  started: boolean;
  /**
   * The pod ended while this container was not terminated: it is reported as terminated with
   * exit code 137 and reason ContainerStatusUnknown, as the kubelet's TerminatePod does.
   */
  lost?: boolean;
}
