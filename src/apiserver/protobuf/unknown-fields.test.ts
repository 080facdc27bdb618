import { describe, expect, it } from 'vitest';
import { schemaRoot } from './schema/index.js';
import { encodeMessage, rawField } from './testing/encode.js';
import { findUnknownField } from './unknown-fields.js';

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const text = (s: string) => new TextEncoder().encode(s);

describe('findUnknownField', () => {
  const deployment = schemaRoot().lookupType('gantry.apps.Deployment');
  const podSpec = schemaRoot().lookupType('gantry.core.PodSpec');

  it('finds nothing in a body the schema covers', () => {
    const raw = encodeMessage('gantry.apps.Deployment', { metadata: { name: 'x', labels: { a: 'b' } }, spec: { replicas: 1 } });
    expect(findUnknownField(deployment, raw)).toBeUndefined();
  });

  it('ignores unmodelled fields that hold only zeros', () => {
    // PodSpec field 18 is affinity, 26 dnsConfig (here a struct of zero fields); 99 does not exist at all.
    const raw = concat(rawField(18, new Uint8Array(0)), rawField(26, concat(rawField(1, 0), rawField(2, text('')))), rawField(99, 0));
    expect(findUnknownField(podSpec, raw)).toBeUndefined();
  });

  it('reports an unmodelled field that carries data, with its path', () => {
    const affinity = rawField(18, concat(rawField(1, text('data'))));
    const spec = concat(rawField(2, encodeMessage('gantry.core.Container', { name: 'c' })), affinity);
    const template = rawField(2, spec);
    const raw = rawField(2, rawField(3, template));
    expect(findUnknownField(deployment, raw)).toEqual({ path: 'spec.template.spec', type: 'gantry.core.PodSpec', number: 18 });
    expect(findUnknownField(podSpec, rawField(11, 1))).toBeUndefined();
    expect(findUnknownField(podSpec, rawField(99, 5))).toEqual({ path: '', type: 'gantry.core.PodSpec', number: 99 });
  });

  it('looks inside map values that are messages', () => {
    const quota = schemaRoot().lookupType('gantry.core.ResourceQuotaSpec');
    const entry = concat(rawField(1, text('cpu')), rawField(2, concat(rawField(1, text('1')), rawField(7, 3))));
    expect(findUnknownField(quota, rawField(1, entry))).toEqual({ path: 'hard[*]', type: 'gantry.meta.Quantity', number: 7 });
  });

  it('leaves malformed input to the decoder', () => {
    expect(findUnknownField(deployment, Uint8Array.of(0x12, 0x05, 0x01))).toBeUndefined();
    expect(findUnknownField(deployment, Uint8Array.of(0x0f))).toBeUndefined();
  });

  it('counts deep nesting inside an unknown field as data', () => {
    let nested: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 40; i++) nested = rawField(1, nested);
    expect(findUnknownField(podSpec, rawField(18, nested))).toEqual({ path: '', type: 'gantry.core.PodSpec', number: 18 });
  });
});
