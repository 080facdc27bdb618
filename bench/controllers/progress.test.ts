import { describe, expect, it } from 'vitest';
import { rolloutDone } from './progress.js';

describe('rolloutDone', () => {
  const d = (status: object, generation = 2) => ({ metadata: { generation }, spec: { selector: {}, template: {} }, status });
  it('waits for the generation, then every replica updated and available', () => {
    expect(rolloutDone(d({ observedGeneration: 1 }), 3)).toMatch(/^waiting for generation 2/);
    expect(rolloutDone(d({ observedGeneration: 2, updatedReplicas: 3, replicas: 4, availableReplicas: 3 }), 3)).toBe('updated 3, total 4, ready 0, available 3 of 3');
    expect(rolloutDone(d({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), 3)).toBe(true);
  });
});
