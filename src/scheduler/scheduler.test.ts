import { describe, expect, it } from 'vitest';
import { truncateMessage } from './scheduler.js';

describe('truncateMessage', () => {
  it('leaves short messages alone and cuts long ones to 1024 bytes', () => {
    expect(truncateMessage('short')).toBe('short');
    const long = 'x'.repeat(2000);
    const cut = truncateMessage(long);
    expect(Buffer.byteLength(cut)).toBe(1024);
    expect(cut.endsWith(' ...')).toBe(true);
  });
});
