import { describe, expect, it } from 'vitest';
import { newState } from '../../testing/fake-handle.js';
import { nodeInfo, podInfo } from '../../testing/builders.js';
import { ERR_REASON_NODE_NAME, NodeName } from './node-name.js';

describe('NodeName', () => {
  const cases: { name: string; want?: string; node: string; fits: boolean }[] = [
    { name: 'no nodeName fits any node', node: 'n1', fits: true },
    { name: 'matching nodeName', want: 'n1', node: 'n1', fits: true },
    { name: 'other nodeName', want: 'n2', node: 'n1', fits: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = new NodeName().filter(newState(), podInfo('p', { spec: c.want ? { nodeName: c.want, containers: [] } : {} }), nodeInfo(c.node));
      if (c.fits) expect(s).toBeUndefined();
      else {
        expect(s?.code).toBe('UnschedulableAndUnresolvable');
        expect(s?.reasons).toEqual([ERR_REASON_NODE_NAME]);
      }
    });
  }
});
