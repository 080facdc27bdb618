import { describe, expect, it } from 'vitest';
import { checkOwner, decodeRecord, encodeRecord } from './record.js';

describe('allocation records', () => {
  const owner = { namespace: 'default', name: 'web', uid: 'u1' };

  it('round-trips', () => {
    const text = encodeRecord('10.43.0.5', { ...owner, extra: 1 } as never, new Date('2025-01-02T03:04:05Z'));
    expect(decodeRecord(text)).toEqual({ item: '10.43.0.5', owner, allocatedAt: '2025-01-02T03:04:05.000Z' });
    expect(text).not.toContain('extra');
  });

  it('reads anything else as null', () => {
    for (const bad of ['', 'null', '[]', '{"kind":"Allocation"}', '{"kind":"Other","item":"x","owner":{},"allocatedAt":""}']) {
      expect(decodeRecord(bad), bad).toBeNull();
    }
    const noUid = JSON.stringify({ kind: 'Allocation', item: 'x', owner: { namespace: '', name: '' }, allocatedAt: 'x' });
    expect(decodeRecord(noUid)).toBeNull();
  });

  it('checks owners', () => {
    expect(checkOwner(owner)).toEqual(owner);
    expect(() => checkOwner(null as never)).toThrow(TypeError);
    expect(() => checkOwner({ namespace: 'a', name: 'b', uid: '' })).toThrow(/non-empty uid/);
  });
});
