/** events.k8s.io/v1 Event types. */
import type { ObjectReference } from '../../core/v1/object-reference.js';
import type { KubeObject } from '../../meta.js';

/** A series of repeated occurrences of an event. */
export interface EventSeries {
  /** How many times the event has occurred so far; at least 2. */
  count: number;
  /** When the last occurrence was observed (RFC3339 with microseconds). */
  lastObservedTime: string;
}

/** The component that reported a legacy event. */
export interface EventSource {
  /** The component, e.g. "kubelet". */
  component?: string;
  /** The node the event was generated on. */
  host?: string;
}

/** A report of something that happened in the cluster, emitted to inform, not to drive decisions. */
export interface Event extends KubeObject {
  /** When the event was first observed (RFC3339 with microseconds). Required. */
  eventTime: string | null;
  /** Data about a series of occurrences; absent for a single occurrence. */
  series?: EventSeries;
  /** The controller that emitted the event, e.g. "kubernetes.io/kubelet". Required for new events. */
  reportingController?: string;
  /** The instance of the controller, e.g. "kubelet-node-1". Required for new events. */
  reportingInstance?: string;
  /** What action was taken or failed regarding the object, e.g. "Binding". */
  action?: string;
  /** Why the action was taken, in CamelCase, e.g. "FailedScheduling". */
  reason?: string;
  /** The object the action was taken on. */
  regarding?: ObjectReference;
  /** A secondary object of more complex actions. */
  related?: ObjectReference;
  /** A human-readable description; at most 1kB. */
  note?: string;
  /** Normal or Warning. */
  type?: string;
  /** The legacy source; must be unset for events created through this API. */
  deprecatedSource?: EventSource;
  /** The legacy first timestamp; must be unset for events created through this API. */
  deprecatedFirstTimestamp?: string | null;
  /** The legacy last timestamp; must be unset for events created through this API. */
  deprecatedLastTimestamp?: string | null;
  /** The legacy count; must be unset for events created through this API. */
  deprecatedCount?: number;
}
