/**
 * LeaderElector: leader election on a coordination.k8s.io/v1 Lease, as client-go's
 * leaderelection package. Candidates read the Lease and take it when it is free or its holder
 * has not renewed for leaseDuration (timed by the local clock from when this candidate last
 * saw the record change, so clock skew does not matter). Every write is a compare-and-swap on
 * metadata.resourceVersion, so at most one candidate wins a round.
 */
import { lease as leaseKind, type Lease, type LeaseSpec } from '../api/coordination/v1/index.js';
import { isAlreadyExists, isConflict, isNotFound } from '../machinery/index.js';
import { childController, realClock, rfc3339Micro as microTime, sleep, type Clock } from '../util/index.js';
import type { ResourceClient } from './resource-client.js';
import type { RestClient } from './rest-client.js';

export interface LeaderElectionOptions {
  namespace: string;
  /** The Lease's name, e.g. 'gantry-controller-manager'. */
  name: string;
  /** This candidate's unique identity (e.g. hostname_uuid). */
  identity: string;
  /** How long a Lease holds without renewal (default 15 s). */
  leaseDurationSeconds?: number;
  /** A leader that could not renew for this long steps down (default 10 s; < leaseDuration). */
  renewDeadlineSeconds?: number;
  /** Time between attempts (default 2 s). Fractions are allowed (tests). */
  retryPeriodSeconds?: number;
  /** Give the Lease up when the run's signal aborts (default true): others need not wait it out. */
  releaseOnCancel?: boolean;
  /** Called when this candidate becomes leader. `signal` aborts when it stops leading. */
  onStartedLeading?(signal: AbortSignal): void | Promise<void>;
  /** Called when a candidate that led stops leading (lost the Lease or cancelled). */
  onStoppedLeading?(): void;
  /** Called when the observed leader changes (including to this candidate). */
  onNewLeader?(identity: string): void;
  clock?: Clock;
  log?: (line: string) => void;
}

const JITTER = 1.2;

export class LeaderElector {
  private readonly leases: ResourceClient<Lease>;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly durationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryMs: number;
  private observed: { spec: LeaseSpec; rv: string; atMs: number } | undefined;
  private reportedLeader = '';
  private leading = false;

  /** Throws on inconsistent timings (leaseDuration > renewDeadline > 1.2 × retryPeriod). */
  constructor(
    client: RestClient,
    private readonly opts: LeaderElectionOptions,
  ) {
    if (!opts?.namespace || !opts.name || !opts.identity) throw new Error('LeaderElector: namespace, name and identity are required');
    this.leases = client.resource<Lease>(leaseKind);
    this.clock = opts.clock ?? realClock;
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.durationMs = (opts.leaseDurationSeconds ?? 15) * 1000;
    this.renewDeadlineMs = (opts.renewDeadlineSeconds ?? 10) * 1000;
    this.retryMs = (opts.retryPeriodSeconds ?? 2) * 1000;
    if (!(this.durationMs > this.renewDeadlineMs)) throw new Error('LeaderElector: leaseDuration must be greater than renewDeadline');
    if (!(this.renewDeadlineMs > JITTER * this.retryMs)) throw new Error('LeaderElector: renewDeadline must be greater than 1.2 × retryPeriod');
    if (!(this.retryMs > 0)) throw new Error('LeaderElector: retryPeriod must be positive');
  }

  /** True while this candidate leads. */
  isLeader(): boolean {
    return this.leading;
  }

  /** The holder this candidate last saw ('' if none). */
  getLeader(): string {
    return this.observed?.spec.holderIdentity ?? '';
  }

  /**
   * Campaigns until it leads, leads until it cannot renew in time or `signal` aborts, then
   * returns (call again to campaign again). Resolves at once if `signal` is already aborted.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.acquire(signal))) return;
    const lead = childController(signal);
    this.leading = true;
    const started = Promise.resolve()
      .then(() => this.opts.onStartedLeading?.(lead.signal))
      .catch((err: unknown) => this.log(`leader election ${this.opts.name}: onStartedLeading failed: ${String(err)}`));
    try {
      await this.renewLoop(lead.signal);
    } finally {
      this.leading = false;
      lead.abort();
      lead.dispose();
      if (signal.aborted && this.opts.releaseOnCancel !== false) await this.release();
      await started;
      try {
        this.opts.onStoppedLeading?.();
      } catch (err) {
        this.log(`leader election ${this.opts.name}: onStoppedLeading failed: ${String(err)}`);
      }
    }
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (await this.tryAcquireOrRenew(signal)) return true;
      await sleep(this.retryMs * (1 + Math.random() * (JITTER - 1)), { signal, clock: this.clock });
    }
    return false;
  }

  /** Renews every retryPeriod; returns when a renewal did not succeed within renewDeadline. */
  private async renewLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      if (!(await sleep(this.retryMs, { signal, clock: this.clock }))) return;
      const deadline = this.clock.now() + this.renewDeadlineMs;
      let renewed = false;
      const attempt = childController(signal);
      const timer = this.clock.setTimeout(() => attempt.abort(), this.renewDeadlineMs);
      try {
        while (!attempt.signal.aborted && this.clock.now() < deadline) {
          if ((renewed = await this.tryAcquireOrRenew(attempt.signal))) break;
          await sleep(this.retryMs, { signal: attempt.signal, clock: this.clock });
        }
      } finally {
        this.clock.clearTimeout(timer);
        attempt.dispose();
      }
      if (!renewed) {
        if (!signal.aborted) this.log(`leader election ${this.opts.name}: ${this.opts.identity} failed to renew the lease; stepping down`);
        return;
      }
    }
  }

  /** One round: create, take over or renew the Lease. True if this candidate holds it now. */
  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { namespace, name, identity } = this.opts;
    const now = this.clock.now();
    const spec: LeaseSpec = {
      holderIdentity: identity,
      leaseDurationSeconds: Math.max(1, Math.round(this.durationMs / 1000)),
      acquireTime: microTime(now),
      renewTime: microTime(now),
      leaseTransitions: 0,
    };
    let current: Lease;
    try {
      current = await this.leases.get(namespace, name, { signal });
    } catch (err) {
      if (!isNotFound(err)) return this.failed('get', err);
      try {
        const created = await this.leases.create({ metadata: { namespace, name }, spec }, { signal });
        this.observe(created, now);
        return true;
      } catch (e) {
        return this.failed('create', e);
      }
    }
    this.observe(current, now);
    const old = current.spec ?? {};
    const iHold = old.holderIdentity === identity;
    const expiresAt = this.observed!.atMs + (old.leaseDurationSeconds ?? 0) * 1000;
    if (old.holderIdentity && !iHold && expiresAt > now) return false; // someone else holds it
    if (iHold) {
      spec.acquireTime = old.acquireTime ?? spec.acquireTime;
      spec.leaseTransitions = old.leaseTransitions ?? 0;
    } else {
      spec.leaseTransitions = (old.leaseTransitions ?? 0) + 1;
    }
    try {
      const updated = await this.leases.update({ ...current, spec }, { signal });
      this.observe(updated, now);
      return true;
    } catch (err) {
      return this.failed('update', err);
    }
  }

  /** Gives the Lease up (holder '' and 1 s duration), if this candidate still holds it. */
  private async release(): Promise<void> {
    const o = this.observed;
    if (!o || o.spec.holderIdentity !== this.opts.identity) return;
    const now = microTime(this.clock.now());
    const spec: LeaseSpec = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: o.spec.leaseTransitions ?? 0 };
    try {
      const updated = await this.leases.update({ metadata: { namespace: this.opts.namespace, name: this.opts.name, resourceVersion: o.rv }, spec });
      this.observe(updated, this.clock.now());
    } catch (err) {
      this.failed('release', err);
    }
  }

  private observe(lease: Lease, now: number): void {
    const rv = lease.metadata.resourceVersion ?? '';
    if (this.observed?.rv !== rv) this.observed = { spec: { ...lease.spec }, rv, atMs: now };
    const holder = lease.spec?.holderIdentity ?? '';
    if (holder && holder !== this.reportedLeader) {
      this.reportedLeader = holder;
      try {
        this.opts.onNewLeader?.(holder);
      } catch (err) {
        this.log(`leader election ${this.opts.name}: onNewLeader failed: ${String(err)}`);
      }
    }
  }

  private failed(what: string, err: unknown): false {
    const quiet = (err as Error)?.name === 'AbortError' || isConflict(err) || isAlreadyExists(err); // lost a race: normal
    if (!quiet) this.log(`leader election ${this.opts.name}: ${what} failed: ${(err as Error)?.message ?? String(err)}`);
    return false;
  }
}
