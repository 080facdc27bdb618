/**
 * Node heartbeats, as the kubelet's node lease controller and node status loop: every node
 * renews its Lease each heartbeat (spread at random over the interval, with 4% jitter, through
 * the shared timer queue rather than a timer per node) and reports its conditions every
 * `statusReportMs` (the kubelet's nodeStatusReportFrequency) or at once when asked (a node the
 * node controller marked NotReady/Unknown, or a restored node).
 */
import type { Lease } from '../../api/coordination/v1/index.js';
import type { Node } from '../../api/core/v1/index.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../machinery/index.js';
import { rfc3339Micro } from '../../util/index.js';
import { type FleetContext, type SimNode, describeError } from './context.js';
import { NODE_LEASE_NAMESPACE, buildLease, healthyConditions } from './node-object.js';
import { TimerQueue } from './timer-queue.js';

export interface HeartbeatOptions {
  heartbeatMs: number;
  leaseDurationSeconds: number;
  statusReportMs: number;
  random?: () => number;
}

const JITTER = 0.04;
const RETRY_BASE_MS = 200;

/** A Lease without server bookkeeping we need not send back (managed fields are kept by the server). */
function slim(lease: Lease): Lease {
  const { managedFields: _unused, ...metadata } = lease.metadata;
  return { ...lease, metadata };
}

export class Heartbeats {
  private readonly queue: TimerQueue<string>;
  private readonly random: () => number;
  /** Renewals done (for tests and benchmarks). */
  renewals = 0;

  constructor(
    private readonly ctx: FleetContext,
    private readonly opts: HeartbeatOptions,
  ) {
    this.random = opts.random ?? Math.random;
    this.queue = new TimerQueue<string>({ clock: ctx.clock, log: ctx.log, onDue: (names) => this.onDue(names) });
  }

  /** Starts beating a registered node; the first beat falls at a random point of the interval. */
  start(node: SimNode): void {
    this.queue.schedule(node.name, this.ctx.clock.now() + this.random() * this.opts.heartbeatMs);
  }

  /** Beats at once (a restored node). */
  beatNow(node: SimNode): void {
    this.queue.schedule(node.name, this.ctx.clock.now());
  }

  /** No more beats for the node (lost). */
  pause(name: string): void {
    this.queue.cancel(name);
  }

  stop(): void {
    this.queue.stop();
  }

  /** Writes the node's conditions (Ready, heartbeated now). Errors are logged, not thrown. */
  async reportStatus(node: SimNode): Promise<void> {
    const now = this.ctx.clock.now();
    const conditions = healthyConditions(now, node.conditions);
    try {
      const res = await this.ctx.limiter.run(
        () => this.ctx.nodes.patch(undefined, node.name, { type: 'strategic', subresource: 'status', body: { status: { conditions } }, signal: this.ctx.signal }),
        'high',
      );
      node.conditions = (res as Node).status?.conditions ?? conditions;
      node.lastReportAt = now;
    } catch (err) {
      if (!this.ctx.signal.aborted) this.ctx.log(`simulated node ${node.name}: status update failed: ${describeError(err)}`);
    }
  }

  /** Creates the node's Lease, or takes over the one that exists. */
  async ensureLease(node: SimNode): Promise<void> {
    const now = this.ctx.clock.now();
    const fresh = buildLease({ name: node.name, uid: node.uid }, { durationSeconds: this.opts.leaseDurationSeconds, now });
    try {
      node.lease = slim(await this.ctx.leases.create(fresh, { signal: this.ctx.signal }));
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const cur = await this.ctx.leases.get(NODE_LEASE_NAMESPACE, node.name, { signal: this.ctx.signal });
      node.lease = slim(await this.ctx.leases.update(this.renewed(cur, now), { signal: this.ctx.signal }));
    }
  }

  private onDue(names: string[]): void {
    for (const name of names) {
      const node = this.ctx.byName.get(name);
      if (node && node.registered && !node.lost) void this.beat(node);
    }
  }

  private renewed(lease: Lease, now: number): Lease {
    const spec = { ...lease.spec, holderIdentity: lease.metadata.name, leaseDurationSeconds: this.opts.leaseDurationSeconds, renewTime: rfc3339Micro(now) };
    return { ...lease, spec };
  }

  private async renew(node: SimNode): Promise<void> {
    if (!node.lease) return this.ensureLease(node);
    const now = this.ctx.clock.now();
    try {
      node.lease = slim(await this.ctx.leases.update(this.renewed(node.lease, now), { signal: this.ctx.signal }));
    } catch (err) {
      if (isNotFound(err)) {
        node.lease = undefined;
        return this.ensureLease(node);
      }
      if (!isConflict(err)) throw err;
      const cur = await this.ctx.leases.get(NODE_LEASE_NAMESPACE, node.name, { signal: this.ctx.signal });
      node.lease = slim(await this.ctx.leases.update(this.renewed(cur, now), { signal: this.ctx.signal }));
    }
  }

  private async beat(node: SimNode): Promise<void> {
    try {
      await this.ctx.limiter.run(() => this.renew(node), 'high');
      this.renewals++;
      node.failures = 0;
    } catch (err) {
      node.failures++;
      if (!this.ctx.signal.aborted && (node.failures === 1 || node.failures % 10 === 0)) {
        this.ctx.log(`simulated node ${node.name}: lease renewal failed (${node.failures} in a row): ${describeError(err)}`);
      }
    }
    if (node.lost || this.ctx.signal.aborted) return;
    if (this.ctx.clock.now() - node.lastReportAt >= this.opts.statusReportMs) await this.reportStatus(node);
    if (node.lost || this.ctx.signal.aborted) return;
    const hb = this.opts.heartbeatMs;
    const delay = node.failures ? Math.min(hb, RETRY_BASE_MS * 2 ** Math.min(node.failures - 1, 6)) : hb * (1 + JITTER * this.random());
    this.queue.schedule(node.name, this.ctx.clock.now() + delay);
  }
}
