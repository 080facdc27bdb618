import { describe, expect, it } from 'vitest';
import { schemaRoot } from './schema/index.js';
import { encodeMessage } from './testing/encode.js';
import { ConversionError, messageToJson } from './to-json.js';

/** Round-trips `value` through the wire format, then converts it the way the decoder does. */
function json(typeName: string, value: Record<string, unknown>): unknown {
  const type = schemaRoot().lookupType(typeName);
  return messageToJson(type, type.decode(encodeMessage(typeName, value)) as unknown as Record<string, unknown>);
}

describe('messageToJson', () => {
  it('leaves out omitempty zeros and empty lists and maps', () => {
    const meta = { name: 'x', generateName: '', namespace: '', uid: '', generation: 0, labels: {}, finalizers: [] };
    expect(json('gantry.meta.ObjectMeta', meta)).toEqual({ name: 'x' });
  });

  it('writes a zero Time as null and others as RFC3339 seconds', () => {
    expect(json('gantry.meta.ObjectMeta', { creationTimestamp: {} })).toEqual({ creationTimestamp: null });
    const t = { seconds: 1_700_000_000, nanos: 500_000_000 };
    expect(json('gantry.meta.ObjectMeta', { creationTimestamp: t, deletionTimestamp: t })).toEqual({
      creationTimestamp: '2023-11-14T22:13:20Z',
      deletionTimestamp: '2023-11-14T22:13:20Z',
    });
  });

  it('keeps pointer fields that are on the wire, zero included', () => {
    expect(json('gantry.apps.DeploymentSpec', { replicas: 0 })).toEqual({ replicas: 0 });
    expect(json('gantry.apps.DeploymentSpec', {})).toEqual({});
    expect(json('gantry.meta.ObjectMeta', { deletionGracePeriodSeconds: 0 })).toEqual({ deletionGracePeriodSeconds: 0 });
  });

  it('writes non-omitempty fields even when absent: zero scalars, null lists', () => {
    expect(json('gantry.policy.PodDisruptionBudgetStatus', {})).toEqual({
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
    });
    expect(json('gantry.rbac.PolicyRule', { resources: ['pods'] })).toEqual({ verbs: null, resources: ['pods'] });
    expect(json('gantry.meta.OwnerReference', { name: 'a' })).toEqual({ apiVersion: '', kind: '', name: 'a', uid: '' });
  });

  it('converts IntOrString to a number or a string', () => {
    expect(json('gantry.core.ServicePort', { port: 80, targetPort: { type: 0, intVal: 8080 } })).toEqual({ port: 80, targetPort: 8080 });
    expect(json('gantry.core.ServicePort', { port: 80, targetPort: { type: 1, strVal: 'http' } })).toEqual({ port: 80, targetPort: 'http' });
    expect(json('gantry.core.ServicePort', { targetPort: {} })).toEqual({ port: 0, targetPort: 0 });
    expect(() => json('gantry.core.ServicePort', { targetPort: { type: 2 } })).toThrow('targetPort: impossible IntOrString type 2');
  });

  it('converts quantities to strings, and an empty one to "0"', () => {
    const limits = { cpu: { string: '500m' }, memory: { string: '1Gi' }, empty: {} };
    expect(json('gantry.core.ResourceRequirements', { limits })).toEqual({ limits: { cpu: '500m', memory: '1Gi', empty: '0' } });
  });

  it('writes bytes as base64, keeping empty values inside maps', () => {
    const data = { a: Buffer.from('hello'), empty: Buffer.alloc(0) };
    expect(json('gantry.core.Secret', { data })).toEqual({ data: { a: 'aGVsbG8=', empty: '' } });
  });

  it('merges inline structs into the parent', () => {
    const ref = { localObjectReference: { name: 'cm' }, key: 'k' };
    expect(json('gantry.core.ConfigMapKeySelector', ref)).toEqual({ name: 'cm', key: 'k' });
    const rule = { host: 'a.example', ingressRuleValue: { http: { paths: [{ path: '/' }] } } };
    expect(json('gantry.networking.IngressRule', rule)).toEqual({ host: 'a.example', http: { paths: [{ path: '/' }] } });
  });

  it('renames fields whose JSON name differs', () => {
    expect(json('gantry.authentication.BoundObjectReference', { kind: 'Pod', uID: 'u-1' })).toEqual({ kind: 'Pod', uid: 'u-1' });
  });

  it('turns ExtraValue into a plain list and FieldsV1 into JSON', () => {
    const user = { username: 'u', extra: { scopes: { items: ['a', 'b'] } } };
    expect(json('gantry.authentication.UserInfo', user)).toEqual({ username: 'u', extra: { scopes: ['a', 'b'] } });
    const entry = { manager: 'kubectl', fieldsType: 'FieldsV1', fieldsV1: { Raw: Buffer.from('{"f:data":{}}') } };
    expect(json('gantry.meta.ManagedFieldsEntry', entry)).toEqual({ manager: 'kubectl', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } });
  });

  it('writes int64 fields as numbers', () => {
    expect(json('gantry.meta.ObjectMeta', { generation: 7 })).toEqual({ generation: 7 });
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => json('gantry.meta.ObjectMeta', { generation: '9007199254740993' })).toThrow(ConversionError);
    expect(() => json('gantry.meta.ObjectMeta', { generation: '9007199254740993' })).toThrow(/generation: integer 9007199254740993 is out of range/);
    expect(() => json('gantry.meta.ManagedFieldsEntry', { fieldsV1: { Raw: Buffer.from('{') } })).toThrow(/fieldsV1 is not valid JSON/);
    expect(() => json('gantry.meta.ObjectMeta', { creationTimestamp: { seconds: '253402300800' } })).toThrow(
      'creationTimestamp: time 253402300800s is outside years 0-9999',
    );
    expect(json('gantry.meta.ObjectMeta', { creationTimestamp: { seconds: '253402300799' } })).toEqual({ creationTimestamp: '9999-12-31T23:59:59Z' });
  });
});
