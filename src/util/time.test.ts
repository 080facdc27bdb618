import { describe, expect, it } from 'vitest';
import { rfc3339, rfc3339Micro } from './time.js';

describe('Kubernetes timestamps', () => {
  it('formats metav1.Time in whole seconds and MicroTime with six digits', () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    expect(rfc3339(ms)).toBe('2026-01-02T03:04:05Z');
    expect(rfc3339(new Date(ms))).toBe('2026-01-02T03:04:05Z');
    expect(rfc3339Micro(ms)).toBe('2026-01-02T03:04:05.678000Z');
  });
});
