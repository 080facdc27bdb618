/** The namespace controller's definition. */
import { namespace as namespaceKind, type Namespace } from '../../api/core/v1/index.js';
import type { AnyKind } from '../../api/scheme.js';
import { defineController, type ControllerContext, type ControllerDefinition } from '../runtime/index.js';
import { apiContentAccess, namespacedKinds, type NamespaceContentAccess } from './content.js';
import { NamespaceDeleter } from './deleter.js';

export interface NamespaceControllerOptions {
  kinds?: AnyKind[];
  access?: (ctx: ControllerContext) => NamespaceContentAccess;
  /** How soon to look again while content remains (default 1000 ms). */
  pollMs?: number;
}

export function namespaceController(opts: NamespaceControllerOptions = {}): ControllerDefinition {
  return defineController({
    name: 'namespace-controller',
    aliases: ['namespace'],
    component: 'namespace-controller',
    for: namespaceKind,
    workers: 10,
    reconciler: (ctx) =>
      new NamespaceDeleter({
        namespaces: ctx.informers.informerFor<Namespace>(namespaceKind).store,
        kinds: opts.kinds ?? namespacedKinds(),
        access: opts.access?.(ctx) ?? apiContentAccess(ctx.client),
        nowMs: () => ctx.clock.now(),
        pollMs: opts.pollMs ?? (ctx.settings.namespaceSyncPollMs as number | undefined),
      }),
  });
}
