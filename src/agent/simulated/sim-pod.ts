/**
 * The life of one pod on a simulated node, as a deterministic function of time: no processes,
 * no timers. `advance(now)` applies every event due by `now` (starts, exits, restarts, readiness,
 * the deadline, stops) in time order and answers when the next one is due; `records(now)` gives
 * the container records the status/ functions turn into the pod's status.
 *
 * Rules (the kubelet's): init containers run one at a time, a sidecar (an init container with
 * restartPolicy Always) lets the next one start once it has started; then every regular
 * container starts. An exited container restarts per the restart policy: the first restart at
 * once, later ones after a CrashLoopBackOff delay that doubles to a cap, reset after a run that
 * lasted twice the cap. A stop (deletion, deadline, or the pod being done) lets running
 * containers exit within the grace period: those that take longer are killed (exit code 137).
 */
import type { Container, Pod } from '../../api/core/v1/index.js';
import type { ContainerRecord, ContainerRun } from '../status/types.js';
import type { ContainerPlan, PodScript } from './annotations.js';
import { formatGoDuration } from './duration.js';
import { imageIdOf, normalizeImage } from './images.js';

type Kind = 'init' | 'sidecar' | 'regular';

const KILLED_EXIT_CODE = 137;
const MAX_STEPS = 10_000;

interface SimContainer {
  kind: Kind;
  plan: ContainerPlan;
  rec: ContainerRecord;
  /** When the next start (first start or restart) is due. */
  startAt?: number;
  /** When the current run ends, and how. */
  exitAt?: number;
  exitCode?: number;
  /** CrashLoopBackOff: the current delay (0: none yet) and when it last grew. */
  backoffMs: number;
  backoffUpdatedAt: number;
  /** Told to stop (Killing was recorded). */
  stopping?: boolean;
}

export interface SimPodOptions {
  /** When the node accepted the pod (status.startTime). */
  acceptedAt: number;
  /** Makes container IDs (default: random "simulated://..." IDs). */
  newId: () => string;
}

/** Something the kubelet would record as an Event on the pod. */
export interface SimEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface StopRequest {
  graceMs: number;
  /** Fails the pod with this reason and message (e.g. DeadlineExceeded). */
  failure?: { reason: string; message: string };
}

function running(c: SimContainer): boolean {
  return c.rec.current !== undefined && c.rec.current.finishedAt === undefined;
}

function exitReason(code: number): string {
  return code === 0 ? 'Completed' : 'Error';
}

export class SimPod {
  readonly acceptedAt: number;
  readonly containers: SimContainer[];
  /** Starts no more containers: being deleted, past its deadline, or done. */
  terminal = false;
  failure?: { reason: string; message: string };
  /** The pod's sandbox (network) exists. */
  sandboxReady = false;
  private begun = false;
  private processedUntil: number;
  private events: SimEvent[] = [];
  private readonly deadlineAt?: number;
  private readonly newId: () => string;
  private readonly podRef: string;
  private readonly policy: 'Always' | 'OnFailure' | 'Never';
  private readonly graceMs: number;

  constructor(
    pod: Pod,
    readonly script: PodScript,
    opts: SimPodOptions,
  ) {
    this.acceptedAt = opts.acceptedAt;
    this.processedUntil = opts.acceptedAt;
    this.newId = opts.newId;
    const md = pod.metadata;
    this.podRef = `${md.name ?? ''}_${md.namespace ?? ''}(${md.uid ?? ''})`;
    this.policy = pod.spec.restartPolicy ?? 'Always';
    this.graceMs = Math.max(0, pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    const ads = pod.spec.activeDeadlineSeconds;
    if (typeof ads === 'number' && ads > 0) this.deadlineAt = opts.acceptedAt + ads * 1000;
    const make = (c: Container, kind: Kind): SimContainer => {
      const image = normalizeImage(c.image ?? '');
      const rec: ContainerRecord = { name: c.name, image, imageID: imageIdOf(image), restartCount: 0, ready: false, started: false };
      if (script.errors.length) rec.waiting = { reason: 'CreateContainerConfigError', message: script.errors.join('; ') };
      return { kind, plan: script.plans.get(c.name)!, rec, backoffMs: 0, backoffUpdatedAt: 0 };
    };
    this.containers = [
      ...(pod.spec.initContainers ?? []).map((c) => make(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init')),
      ...(pod.spec.containers ?? []).map((c) => make(c, 'regular')),
    ];
    if (script.errors.length) this.events.push({ type: 'Warning', reason: 'Failed', message: `Error: ${script.errors.join('; ')}` });
  }

  /** The events since the last call (the caller records them). */
  takeEvents(): SimEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** Every container stopped after the pod became terminal: its sandbox can go. */
  get finished(): boolean {
    return this.terminal && !this.containers.some(running);
  }

  /** Applies every event due by `now`; answers when the next event is due (undefined: none). */
  advance(now: number): number | undefined {
    for (let steps = 0; steps < MAX_STEPS; steps++) {
      const t = this.nextEventAt();
      if (t === undefined || t > now) break;
      this.step(Math.max(t, this.processedUntil));
    }
    this.processedUntil = Math.max(this.processedUntil, now);
    return this.nextEventAt();
  }

  /** Stops the pod: no more starts, and running containers exit within the grace period. */
  stop(now: number, req: StopRequest): void {
    this.advance(now);
    this.halt(now, req);
    this.advance(now);
  }

  private halt(t: number, req: StopRequest): void {
    if (req.failure && !this.failure && !this.finished) this.failure = req.failure;
    this.terminal = true;
    const delay = this.script.terminationDelayMs;
    const killed = delay > req.graceMs;
    for (const c of this.containers) {
      c.startAt = undefined;
      if (!running(c)) continue;
      if (!c.stopping) this.events.push({ type: 'Normal', reason: 'Killing', message: `Stopping container ${c.rec.name}` });
      c.stopping = true;
      const at = t + (killed ? req.graceMs : delay);
      if (c.exitAt === undefined || c.exitAt > at) {
        c.exitAt = at;
        c.exitCode = killed ? KILLED_EXIT_CODE : 0;
      }
    }
  }

  /** The containers' records at `now` (init containers first, in spec order). */
  records(now: number): { init: ContainerRecord[]; regular: ContainerRecord[] } {
    const init: ContainerRecord[] = [];
    const regular: ContainerRecord[] = [];
    for (const c of this.containers) {
      const r = c.rec;
      const cur = r.current;
      const isRunning = running(c);
      if (c.kind === 'init') {
        r.started = isRunning;
        r.ready = cur?.finishedAt !== undefined && cur.exitCode === 0;
      } else {
        r.started = isRunning && now >= cur!.startedAt + c.plan.startedAfterMs;
        r.ready = r.started && !c.plan.neverReady && now >= cur!.startedAt + c.plan.readyAfterMs;
      }
      (c.kind === 'regular' ? regular : init).push(r);
    }
    if (this.finished) this.markLost(init, regular);
    return { init, regular };
  }

  /**
   * At the end of a pod, a container that is not terminated (waiting to start or to restart) is
   * reported as lost (exit code 137, ContainerStatusUnknown), as the kubelet's TerminatePod
   * does: regular containers once the pod had initialised, and init containers up to the last
   * one that ever started.
   */
  private markLost(init: ContainerRecord[], regular: ContainerRecord[]): void {
    const notTerminated = (r: ContainerRecord): boolean => r.current === undefined || r.current.finishedAt === undefined || r.waiting !== undefined;
    const lastInit = this.containers.filter((c) => c.kind !== 'regular').at(-1);
    const initialised =
      !lastInit || regular.some((r) => r.current !== undefined) || (lastInit.kind === 'init' ? lastInit.rec.ready : lastInit.rec.started);
    if (initialised) for (const r of regular) if (notTerminated(r)) r.lost = true;
    let last = 0;
    init.forEach((r, i) => {
      if (r.current) last = i;
    });
    for (const r of init.slice(0, last + 1)) if (notTerminated(r)) r.lost = true;
  }

  /**
   * Takes over containers a previous agent process started (their statuses on the pod), so an
   * agent restart does not restart them: running ones keep running, finished ones stay finished.
   */
  adopt(pod: Pod, now: number): void {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    const byName = new Map(statuses.map((s) => [s.name, s]));
    for (const c of this.containers) {
      const s = byName.get(c.rec.name);
      if (!s?.containerID) continue;
      const toRun = (t: NonNullable<NonNullable<typeof s.state>['terminated']>): ContainerRun => ({
        id: t.containerID ?? s.containerID!,
        startedAt: Date.parse(t.startedAt ?? '') || now,
        finishedAt: Date.parse(t.finishedAt ?? '') || now,
        exitCode: t.exitCode,
        reason: t.reason,
      });
      c.rec.restartCount = s.restartCount ?? 0;
      if (s.lastState?.terminated) c.rec.previous = toRun(s.lastState.terminated);
      if (s.state?.running) {
        const startedAt = Date.parse(s.state.running.startedAt ?? '') || now;
        c.rec.current = { id: s.containerID, startedAt };
        this.scheduleExit(c, startedAt);
      } else if (s.state?.terminated) {
        c.rec.current = toRun(s.state.terminated);
      } else if (c.rec.previous) {
        // Waiting after a run (CrashLoopBackOff): the last run is current; restart now.
        c.rec.current = c.rec.previous;
        c.rec.previous = undefined;
        this.afterExit(c, now);
      }
      this.begun = true;
    }
  }

  private nextEventAt(): number | undefined {
    let next: number | undefined;
    const consider = (t: number | undefined): void => {
      if (t !== undefined && (next === undefined || t < next)) next = t;
    };
    if (!this.terminal && !this.begun && this.sandboxReady && !this.script.errors.length) consider(this.acceptedAt + this.script.startDelayMs);
    if (!this.terminal) consider(this.deadlineAt);
    for (const c of this.containers) {
      consider(c.startAt);
      if (!running(c)) continue;
      consider(c.exitAt);
      const started = c.rec.current!.startedAt;
      for (const d of [c.plan.startedAfterMs, c.plan.readyAfterMs]) {
        if (started + d > this.processedUntil) consider(started + d);
      }
    }
    return next;
  }

  private step(t: number): void {
    for (const c of this.containers) {
      if (running(c) && c.exitAt !== undefined && c.exitAt <= t) this.finishRun(c, c.exitAt);
    }
    if (!this.terminal && this.deadlineAt !== undefined && this.deadlineAt <= t) {
      this.halt(t, { graceMs: this.graceMs, failure: { reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' } });
    }
    for (const c of this.containers) {
      if (c.startAt !== undefined && c.startAt <= t && !this.terminal) this.startRun(c, c.startAt);
    }
    this.processedUntil = t;
    this.progress(t);
  }

  private startRun(c: SimContainer, t: number): void {
    const r = c.rec;
    if (r.current) {
      r.previous = r.current;
      r.restartCount++;
    }
    r.current = { id: this.newId(), startedAt: t };
    r.waiting = undefined;
    c.startAt = undefined;
    this.scheduleExit(c, t);
  }

  private scheduleExit(c: SimContainer, startedAt: number): void {
    const p = c.plan;
    const crash = p.crashAfterMs !== undefined && (p.runForMs === undefined || p.crashAfterMs <= p.runForMs);
    const after = crash ? p.crashAfterMs : p.runForMs;
    c.exitAt = after === undefined ? undefined : startedAt + after;
    c.exitCode = crash ? p.crashExitCode : p.exitCode;
  }

  private finishRun(c: SimContainer, t: number): void {
    const run = c.rec.current!;
    const code = c.exitCode ?? 0;
    run.finishedAt = t;
    run.exitCode = code;
    run.reason = exitReason(code);
    c.exitAt = undefined;
    this.afterExit(c, t);
  }

  /** Restart policy and CrashLoopBackOff for a container whose run ended at `t`. */
  private afterExit(c: SimContainer, t: number): void {
    if (this.terminal) return;
    const code = c.rec.current?.exitCode ?? 0;
    const restart =
      c.kind === 'sidecar' ||
      (c.kind === 'init' ? code !== 0 && this.policy !== 'Never' : this.policy === 'Always' || (this.policy === 'OnFailure' && code !== 0));
    if (!restart) return;
    const { backoffBaseMs: base, backoffMaxMs: max } = this.script;
    if (c.backoffMs > 0 && t - c.backoffUpdatedAt <= 2 * max) {
      const delay = c.backoffMs;
      c.startAt = t + delay;
      this.events.push({ type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c.rec.name} in pod ${this.podRef}` });
      c.rec.waiting = {
        reason: 'CrashLoopBackOff',
        message: `back-off ${formatGoDuration(delay)} restarting failed container=${c.rec.name} pod=${this.podRef}`,
      };
      c.backoffMs = Math.min(delay * 2, max);
      c.backoffUpdatedAt = t + delay;
    } else {
      c.startAt = t;
      c.backoffMs = base;
      c.backoffUpdatedAt = t;
    }
  }

  /** Moves the pod along at `t`: begin, the init sequence, the regular containers, completion. */
  private progress(t: number): void {
    if (this.terminal || this.script.errors.length || !this.sandboxReady) return;
    if (!this.begun) {
      if (t < this.acceptedAt + this.script.startDelayMs) return;
      this.begun = true;
    }
    let initDone = true;
    for (const c of this.containers) {
      if (c.kind === 'regular') break;
      if (c.kind === 'init' && c.rec.current?.finishedAt !== undefined && c.rec.current.exitCode === 0) continue;
      if (c.kind === 'sidecar' && running(c) && t >= c.rec.current!.startedAt + c.plan.startedAfterMs) continue;
      if (!c.rec.current && c.startAt === undefined) c.startAt = t;
      // A failed init container that will not restart (restartPolicy Never) ends the pod.
      if (c.kind === 'init' && c.rec.current?.finishedAt !== undefined && c.startAt === undefined) this.halt(t, { graceMs: this.graceMs });
      initDone = false;
      break;
    }
    if (!initDone || this.terminal) return;
    let active = false;
    for (const c of this.containers) {
      if (c.kind !== 'regular') continue;
      if (!c.rec.current && c.startAt === undefined) c.startAt = t;
      if (running(c) || c.startAt !== undefined) active = true;
    }
    if (!active) this.halt(t, { graceMs: this.graceMs });
  }
}
