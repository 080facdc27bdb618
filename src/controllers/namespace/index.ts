/** The namespace controller: a deleted namespace is emptied, then finalized. */
export { namespaceController, type NamespaceControllerOptions } from './controller.js';
export { KUBERNETES_FINALIZER } from './deleter.js';
export { namespacedKinds } from './content.js';
