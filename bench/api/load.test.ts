import { describe, it, expect } from 'vitest';
import { closedLoop, openLoop, percentile, summarize } from './load.js';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('summarize', () => {
  it('counts operations per second over the elapsed time and sorts latencies', () => {
    const s = summarize([3, 1, 2, 4], 1, { elapsedMs: 2000, firstError: 'boom' });
    expect(s).toMatchObject({ ops: 4, errors: 1, perSecond: 2, p50Ms: 2, maxMs: 4, firstError: 'boom' });
  });
});

describe('closedLoop', () => {
  it('keeps `concurrency` operations in flight and stops at maxOps', async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await closedLoop(
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        if (i === 3) throw new Error('op 3 failed');
      },
      { concurrency: 4, durationMs: 5000, maxOps: 40 },
    );
    expect(peak).toBe(4);
    expect(s.ops + s.errors).toBe(40);
    expect(s.errors).toBe(1);
    expect(s.firstError).toBe('op 3 failed');
  });

  it('stops starting operations when the time is up', async () => {
    const started = Date.now();
    const s = await closedLoop(() => new Promise((r) => setTimeout(r, 5)), { concurrency: 2, durationMs: 100 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(s.ops).toBeGreaterThan(0);
  });
});

describe('openLoop', () => {
  it('starts operations on a fixed schedule whatever their latency', async () => {
    const starts: number[] = [];
    const t0 = performance.now();
    const s = await openLoop(
      async () => {
        starts.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 30));
      },
      { ratePerSecond: 100, durationMs: 200 },
    );
    expect(s.ops).toBe(20);
    // Slow operations do not delay the next start: the 20th starts near 190 ms, not 20 × 30 ms.
    expect(starts[19]).toBeLessThan(400);
    expect(s.p50Ms).toBeGreaterThanOrEqual(29);
  });
});
