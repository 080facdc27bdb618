import { describe, expect, it } from 'vitest';
import { ApiError } from '../../machinery/index.js';
import { PROTOBUF_MAGIC, readEnvelope } from './envelope.js';
import { envelope } from './testing/encode.js';

function badRequest(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(400);
    return e as ApiError;
  }
  throw new Error('expected a 400');
}

describe('readEnvelope', () => {
  it('reads typeMeta, raw and the content fields', () => {
    const env = readEnvelope(envelope(Uint8Array.of(1, 2, 3), { apiVersion: 'apps/v1', kind: 'Deployment' }));
    expect({ ...env, raw: [...env.raw] }).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', raw: [1, 2, 3], contentEncoding: '', contentType: '' });
  });

  it('gives empty strings and bytes for a bare envelope', () => {
    const env = readEnvelope(Buffer.from(PROTOBUF_MAGIC));
    expect(env.apiVersion).toBe('');
    expect(env.kind).toBe('');
    expect(env.raw.length).toBe(0);
  });

  it('refuses a body without the k8s\\0 prefix', () => {
    expect(badRequest(() => readEnvelope(Buffer.from('{"kind":"Namespace"}'))).message).toBe(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
    badRequest(() => readEnvelope(Buffer.from('k8s')));
    badRequest(() => readEnvelope(Buffer.alloc(0)));
  });

  it('refuses a truncated or garbled envelope', () => {
    const whole = envelope(Uint8Array.of(1, 2, 3), { apiVersion: 'v1', kind: 'Namespace' });
    expect(badRequest(() => readEnvelope(whole.subarray(0, whole.length - 2))).message).toMatch(/^error decoding the protobuf envelope: /);
    badRequest(() => readEnvelope(Buffer.concat([Buffer.from(PROTOBUF_MAGIC), Buffer.from([0x0f, 0xff])])));
  });
});
