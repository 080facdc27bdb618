/** core/v1 ObjectReference: a reference to another object, with enough detail to find it. */

export interface ObjectReference {
  /** Kind of the referent, e.g. "Pod". */
  kind?: string;
  /** Namespace of the referent. */
  namespace?: string;
  /** Name of the referent. */
  name?: string;
  /** UID of the referent. */
  uid?: string;
  /** API version of the referent. */
  apiVersion?: string;
  /** Resource version of the referent this reference was made against. */
  resourceVersion?: string;
  /** A field within the referent, e.g. "spec.containers{web}" for a container of a pod. */
  fieldPath?: string;
}
