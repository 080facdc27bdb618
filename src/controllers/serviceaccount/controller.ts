/**
 * The service account controller (upstream ServiceAccountsController): every active namespace
 * has a `default` ServiceAccount, recreated if deleted. Terminating namespaces are left alone.
 */
import { namespace as namespaceKind, serviceAccount as serviceAccountKind, type Namespace, type ServiceAccount } from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { isAlreadyExists, isForbidden, isNotFound } from '../../machinery/index.js';
import { defineController, type ControllerDefinition } from '../runtime/index.js';

export interface ServiceAccountControllerOptions {
  /** Accounts every namespace gets (default ['default']). */
  accounts?: string[];
}

export function serviceAccountController(opts: ServiceAccountControllerOptions = {}): ControllerDefinition {
  const accounts = opts.accounts ?? ['default'];
  return defineController({
    name: 'serviceaccount-controller',
    aliases: ['serviceaccount'],
    component: 'serviceaccount-controller',
    for: namespaceKind,
    watches: [{ kind: serviceAccountKind, map: (sa: KubeObject) => (accounts.includes(sa.metadata.name ?? '') ? [{ namespace: '', name: sa.metadata.namespace ?? '' }] : []) }],
    reconciler: (ctx) => {
      const namespaces = ctx.informers.informerFor<Namespace>(namespaceKind).store;
      const sas = ctx.informers.informerFor<ServiceAccount>(serviceAccountKind).store;
      const client = ctx.client.resource<ServiceAccount>(serviceAccountKind);
      return {
        async reconcile({ name }) {
          const ns = namespaces.getByName(undefined, name);
          if (!ns || ns.metadata.deletionTimestamp || (ns.status?.phase ?? 'Active') !== 'Active') return;
          for (const sa of accounts) {
            if (sas.getByName(name, sa)) continue;
            try {
              await client.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: name } });
            } catch (err) {
              // Already there (stale cache), or the namespace went away or is terminating.
              if (isAlreadyExists(err) || isNotFound(err) || isForbidden(err)) continue;
              throw err;
            }
          }
        },
      };
    },
  });
}
