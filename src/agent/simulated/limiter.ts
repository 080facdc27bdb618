/**
 * Bounds the API requests simulated nodes have in flight, so 5,000 nodes share a few
 * keep-alive connections. Heartbeats go first: a burst of pod status writes must not delay
 * Lease renewals until the node looks dead.
 */
export type Priority = 'high' | 'normal';

interface Task {
  run: () => void;
}

export class Limiter {
  private active = 0;
  private readonly queues: Record<Priority, Task[]> = { high: [], normal: [] };

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`limiter: max must be a positive integer, not ${String(max)}`);
  }

  /** Requests running now. */
  get running(): number {
    return this.active;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.queues.high.length + this.queues.normal.length;
  }

  /** Runs `fn` when a slot is free (high priority first); resolves or rejects as it does. */
  run<T>(fn: () => Promise<T>, priority: Priority = 'normal'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const task: Task = {
        run: () => {
          this.active++;
          let p: Promise<T>;
          try {
            p = fn();
          } catch (err) {
            p = Promise.reject(err);
          }
          p.then(resolve, reject).finally(() => {
            this.active--;
            this.next();
          });
        },
      };
      this.queues[priority].push(task);
      this.next();
    });
  }

  private next(): void {
    while (this.active < this.max) {
      const task = this.queues.high.shift() ?? this.queues.normal.shift();
      if (!task) return;
      task.run();
    }
  }
}
