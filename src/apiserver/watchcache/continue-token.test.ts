import { describe, expect, it } from 'vitest';
import { decodeContinueToken, encodeContinueToken } from './continue-token.js';
import { InvalidContinueTokenError } from './errors.js';

const prefix = '/registry/core/pods/';
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('continue tokens', () => {
  it('round-trips to the key just after the last one', () => {
    const token = encodeContinueToken(prefix, { revision: 42, lastKey: `${prefix}default/a` });
    const json = JSON.parse(Buffer.from(token, 'base64url').toString()) as Record<string, unknown>;
    expect(json).toEqual({ v: 'meta.k8s.io/v1', rv: 42, start: 'default/a\u0000' });
    expect(decodeContinueToken(prefix, token)).toEqual({ revision: 42, startKey: `${prefix}default/a\u0000` });
  });

  it('rejects malformed tokens with a clear error', () => {
    const bad = [
      '',
      '!!!',
      b64('not json'),
      b64('[1]'),
      b64('{"v":"other","rv":1,"start":"a"}'),
      b64('{"v":"meta.k8s.io/v1","rv":0,"start":"a"}'),
      b64('{"v":"meta.k8s.io/v1","rv":"1","start":"a"}'),
      b64('{"v":"meta.k8s.io/v1","rv":1,"start":""}'),
      'A'.repeat(20_000),
    ];
    for (const token of bad) {
      expect(() => decodeContinueToken(prefix, token), token.slice(0, 40)).toThrow(InvalidContinueTokenError);
    }
    expect(() => decodeContinueToken(prefix, b64('null'))).toThrow(/continue key is not valid/);
  });

  it('refuses to encode a key outside the prefix', () => {
    expect(() => encodeContinueToken(prefix, { revision: 1, lastKey: '/other/x' })).toThrow(InvalidContinueTokenError);
  });
});
