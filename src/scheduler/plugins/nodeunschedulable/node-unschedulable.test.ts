import { describe, expect, it } from 'vitest';
import type { Toleration } from '../../../api/core/v1/index.js';
import { nodeInfo, podInfo } from '../../testing/builders.js';
import { newState } from '../../testing/fake-handle.js';
import { ERR_REASON_UNSCHEDULABLE, NodeUnschedulable } from './node-unschedulable.js';

describe('NodeUnschedulable', () => {
  const cases: { name: string; unschedulable: boolean; tolerations?: Toleration[]; fits: boolean }[] = [
    { name: 'schedulable node', unschedulable: false, fits: true },
    { name: 'cordoned node', unschedulable: true, fits: false },
    { name: 'cordoned node, pod tolerates the unschedulable taint', unschedulable: true, tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], fits: true },
    { name: 'cordoned node, toleration for another effect', unschedulable: true, tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }], fits: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = new NodeUnschedulable().filter(newState(), podInfo('p', { tolerations: c.tolerations }), nodeInfo('n', [], { unschedulable: c.unschedulable }));
      expect(s === undefined).toBe(c.fits);
      if (!c.fits) expect(s?.reasons).toEqual([ERR_REASON_UNSCHEDULABLE]);
    });
  }
});
