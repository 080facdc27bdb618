/**
 * The result of an extension point: a code and human-readable reasons, as the kube-scheduler
 * framework's Status. `undefined` stands for Success wherever a plugin may return a Status, so
 * that the hot filter path allocates nothing for nodes that fit.
 */

export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

export class Status {
  readonly reasons: readonly string[];

  constructor(
    readonly code: Code,
    reasons: readonly string[] = [],
    /** The plugin that returned it, when known. */
    readonly plugin = '',
  ) {
    this.reasons = reasons;
  }

  static success(): Status {
    return SUCCESS;
  }

  static error(message: string, plugin = ''): Status {
    return new Status('Error', [message], plugin);
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status('Unschedulable', reasons);
  }

  /** Unschedulable, and removing pods (preemption) would not help. */
  static unresolvable(...reasons: string[]): Status {
    return new Status('UnschedulableAndUnresolvable', reasons);
  }

  static skip(): Status {
    return SKIP;
  }

  static wait(): Status {
    return WAIT;
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  /** Unschedulable or UnschedulableAndUnresolvable. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending';
  }

  /** The reasons joined by ", " (upstream Status.Message). */
  message(): string {
    return this.reasons.join(', ');
  }

  /** The same status attributed to `plugin`. */
  withPlugin(plugin: string): Status {
    return plugin === this.plugin ? this : new Status(this.code, this.reasons, plugin);
  }
}

const SUCCESS = new Status('Success');
const SKIP = new Status('Skip');
const WAIT = new Status('Wait');

/** True for undefined (success) and Success statuses. */
export function isSuccess(s: Status | undefined): boolean {
  return s === undefined || s.code === 'Success';
}

/** The Status for an unexpected exception thrown by a plugin. */
export function asStatus(err: unknown, plugin = ''): Status {
  return Status.error(err instanceof Error ? err.message : String(err), plugin);
}
