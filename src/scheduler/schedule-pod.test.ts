import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind } from './schedule-pod.js';

describe('numFeasibleNodesToFind', () => {
  const cases: [number | undefined, number, number][] = [
    [undefined, 50, 50],
    [undefined, 100, 100],
    [undefined, 1000, 420],
    [undefined, 5000, 500],
    [undefined, 15000, 750],
    [undefined, 200, 100],
    [30, 1000, 300],
    [100, 5000, 5000],
    [1, 5000, 100],
  ];
  for (const [pct, nodes, want] of cases) {
    it(`${pct ?? 'adaptive'}% of ${nodes} nodes → ${want}`, () => expect(numFeasibleNodesToFind(pct, nodes)).toBe(want));
  }
});
