import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { messageTypeFor, protobufKinds, schemaRoot } from './index.js';

function allTypes(ns: protobuf.NamespaceBase): protobuf.Type[] {
  return ns.nestedArray.flatMap((o) => [
    ...(o instanceof protobuf.Type ? [o] : []),
    ...(o instanceof protobuf.Namespace || o instanceof protobuf.Type ? allTypes(o) : []),
  ]);
}

describe('schema', () => {
  const types = allTypes(schemaRoot());

  it('gives every supported kind a top-level message with metadata as field 1', () => {
    for (const gvk of protobufKinds()) {
      const type = messageTypeFor(gvk);
      expect(type?.name, gvk.kind).toBe(gvk.kind);
      expect(type!.fieldsById[1]?.name).toBe('metadata');
    }
    expect(messageTypeFor({ group: 'apps', version: 'v1', kind: 'ReplicaSet' })).toBeUndefined();
    expect(messageTypeFor({ group: 'apps', version: 'v2', kind: 'Deployment' })).toBeUndefined();
  });

  it('uses only the field options the JSON conversion knows, where they mean something', () => {
    const known = new Set(['(keep)', '(ptr)', '(inline)', '(json)']);
    for (const type of types) {
      for (const field of type.fieldsArray) {
        const where = `${type.fullName}.${field.name}`;
        for (const key of Object.keys(field.options ?? {})) expect(known.has(key), `${where}: ${key}`).toBe(true);
        const opts = field.options ?? {};
        const isMessage = field.resolvedType instanceof protobuf.Type;
        if (opts['(ptr)']) expect(isMessage || field.repeated || field.map, `${where}: (ptr) on a message or list`).toBe(false);
        if (opts['(inline)']) expect(isMessage && !field.repeated, `${where}: (inline) needs a singular message`).toBe(true);
      }
    }
  });

  it('resolves every field type and holds more than the kinds alone', () => {
    expect(types.length).toBeGreaterThan(100);
    for (const type of types) for (const field of type.fieldsArray) expect(field.resolved, `${type.fullName}.${field.name}`).toBe(true);
  });
});
