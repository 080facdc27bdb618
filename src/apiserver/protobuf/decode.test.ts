import { describe, expect, it } from 'vitest';
import { ApiError } from '../../machinery/index.js';
import { decodeProtobufBody, decodeProtobufDeleteOptions, protobufKinds } from './index.js';
import { encodeBody, encodeMessage, envelope, rawField } from './testing/encode.js';

const cm = { group: '', version: 'v1', kind: 'ConfigMap' };
const deploy = { group: 'apps', version: 'v1', kind: 'Deployment' };

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('decodeProtobufBody', () => {
  it('decodes an object and sets apiVersion and kind from the request', () => {
    const body = encodeBody('gantry.core.ConfigMap', { metadata: { name: 'c', namespace: '' }, data: { a: 'b' } }, { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(decodeProtobufBody(body, cm)).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c' }, data: { a: 'b' } });
  });

  it('takes the kind from the request when the envelope has no typeMeta', () => {
    const body = encodeBody('gantry.apps.Deployment', { metadata: { name: 'd' }, spec: { replicas: 0 } });
    expect(decodeProtobufBody(body, deploy)).toEqual({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'd' }, spec: { replicas: 0 } });
  });

  it('decodes an Eviction (kubectl drain) with its delete options', () => {
    const body = encodeBody('gantry.policy.Eviction', {
      metadata: { name: 'p', namespace: 'ns' },
      deleteOptions: { gracePeriodSeconds: 0, dryRun: ['All'] },
    }, { apiVersion: 'policy/v1', kind: 'Eviction' });
    expect(decodeProtobufBody(body, { group: 'policy', version: 'v1', kind: 'Eviction' })).toEqual({
      kind: 'Eviction',
      apiVersion: 'policy/v1',
      metadata: { name: 'p', namespace: 'ns' },
      deleteOptions: { gracePeriodSeconds: 0, dryRun: ['All'] },
    });
  });

  it('lists the kinds it supports', () => {
    const kinds = protobufKinds().map((k) => `${k.group}/${k.version}/${k.kind}`);
    expect(kinds).toContain('/v1/Namespace');
    expect(kinds).toContain('apps/v1/Deployment');
    expect(kinds).toContain('authentication.k8s.io/v1/TokenRequest');
    expect(kinds).toHaveLength(23);
  });

  describe('decodeProtobufDeleteOptions', () => {
    const options = encodeMessage('gantry.meta.DeleteOptions', {
      gracePeriodSeconds: 0,
      preconditions: { uid: 'u-1' },
      propagationPolicy: 'Foreground',
    });
    const want = { gracePeriodSeconds: 0, preconditions: { uid: 'u-1' }, propagationPolicy: 'Foreground' };

    it('accepts the group/version a typed client sends it under', () => {
      for (const apiVersion of ['v1', 'apps/v1', 'meta.k8s.io/v1']) {
        const body = envelope(options, { apiVersion, kind: 'DeleteOptions' });
        expect(decodeProtobufDeleteOptions(body)).toEqual({ kind: 'DeleteOptions', apiVersion, ...want });
      }
      expect(decodeProtobufDeleteOptions(envelope(options))).toEqual({ kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', ...want });
    });

    it('refuses another kind and malformed bytes (400)', () => {
      const e = failure(() => decodeProtobufDeleteOptions(envelope(options, { apiVersion: 'v1', kind: 'Pod' })));
      expect([e.code, e.message]).toEqual([400, 'a DELETE body must be DeleteOptions, not Pod']);
      expect(failure(() => decodeProtobufDeleteOptions(envelope(Uint8Array.of(0x08)))).code).toBe(400);
      expect(failure(() => decodeProtobufDeleteOptions(Buffer.from('{}'))).code).toBe(400);
    });
  });

  describe('refuses', () => {
    it('a typeMeta that names another group/version or kind (400)', () => {
      const other = encodeBody('gantry.core.ConfigMap', {}, { apiVersion: 'apps/v1', kind: 'ConfigMap' });
      const e = failure(() => decodeProtobufBody(other, cm));
      expect([e.code, e.reason, e.message]).toEqual([
        400,
        'BadRequest',
        'the API version in the data (apps/v1) does not match the expected API version (v1)',
      ]);
      const kind = encodeBody('gantry.core.ConfigMap', {}, { apiVersion: 'v1', kind: 'Secret' });
      expect(failure(() => decodeProtobufBody(kind, cm)).message).toBe(
        'Secret in version "v1" cannot be handled as a ConfigMap: the kind in the data does not match',
      );
    });

    it('a kind without protobuf support (415, pointing at JSON)', () => {
      const body = encodeBody('gantry.core.ConfigMap', {}, { apiVersion: 'v1', kind: 'Node' });
      const e = failure(() => decodeProtobufBody(body, { group: '', version: 'v1', kind: 'Node' }));
      expect(e.code).toBe(415);
      expect(e.reason).toBe('UnsupportedMediaType');
      expect(e.message).toBe(
        'protobuf is not supported for v1, Kind=Node; the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
      );
    });

    it('a field this server does not model that carries data (415)', () => {
      const affinity = rawField(18, rawField(1, new TextEncoder().encode('v')));
      const raw = rawField(2, rawField(3, rawField(2, affinity)));
      const e = failure(() => decodeProtobufBody(envelope(raw), deploy));
      expect(e.code).toBe(415);
      expect(e.message).toMatch(/^protobuf field number 18 of gantry.core.PodSpec at spec.template.spec is not supported for apps\/v1, Kind=Deployment; /);
    });

    it('malformed object bytes (400)', () => {
      const raw = encodeMessage('gantry.core.ConfigMap', { metadata: { name: 'c' } });
      const e = failure(() => decodeProtobufBody(envelope(raw.subarray(0, raw.length - 1)), cm));
      expect(e.code).toBe(400);
      expect(e.message).toMatch(/^error decoding protobuf v1, Kind=ConfigMap: /);
      expect(failure(() => decodeProtobufBody(envelope(Uint8Array.of(0x0b, 0x01)), cm)).code).toBe(400);
    });

    it('values JSON cannot carry (400)', () => {
      const body = encodeBody('gantry.core.ConfigMap', { metadata: { generation: '9007199254740993' } });
      const e = failure(() => decodeProtobufBody(body, cm));
      expect([e.code, e.message]).toEqual([400, 'error decoding protobuf v1, Kind=ConfigMap: metadata.generation: integer 9007199254740993 is out of range']);
    });

    it('an encoded or non-protobuf inner content type (400)', () => {
      const raw = encodeMessage('gantry.core.ConfigMap', {});
      expect(failure(() => decodeProtobufBody(envelope(raw, { contentEncoding: 'gzip' }), cm)).message).toBe('unsupported protobuf content encoding "gzip"');
      expect(failure(() => decodeProtobufBody(envelope(raw, { contentType: 'application/json' }), cm)).code).toBe(400);
      expect(decodeProtobufBody(envelope(raw, { contentType: 'application/vnd.kubernetes.protobuf' }), cm)).toEqual({ kind: 'ConfigMap', apiVersion: 'v1' });
    });

    it('JSON, empty and random bodies without crashing (400)', () => {
      for (const body of [Buffer.from('{"kind":"ConfigMap"}'), Buffer.alloc(0), Buffer.from('k8s\0\xff\xff\xff', 'latin1')]) {
        expect(failure(() => decodeProtobufBody(body, cm)).code).toBe(400);
      }
    });

    it('arbitrary bytes after the prefix only with ApiErrors', () => {
      let seed = 7;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
      for (let i = 0; i < 300; i++) {
        const junk = Uint8Array.from({ length: 1 + (i % 40) }, rand);
        const bodies = [envelope(junk), Buffer.concat([Buffer.from('k8s\0', 'latin1'), junk])];
        for (const body of bodies) {
          try {
            decodeProtobufBody(body, deploy);
          } catch (e) {
            expect(e).toBeInstanceOf(ApiError);
          }
        }
      }
    });
  });
});
