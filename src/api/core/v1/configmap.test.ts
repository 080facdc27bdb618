import { describe, expect, it } from 'vitest';
import { type ConfigMap, configMap } from './configmap.js';
import { created, problems, row, updateProblems } from './test-support.js';

function cm(extra: Partial<ConfigMap>): ConfigMap {
  return { metadata: { name: 'cfg', namespace: 'default' }, ...extra };
}

describe('ConfigMap', () => {
  it('checks keys', () => {
    expect(problems(configMap, cm({ data: { 'good.key': 'v', 'bad key': 'v', '..x': 'v' }, binaryData: { 'good.key': 'AA==' } }))).toEqual([
      'data[good.key]: Invalid value: "good.key": duplicate of key present in binaryData',
      `data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      `data[..x]: Invalid value: "..x": must not start with '..'`,
    ]);
  });

  it('refuses data changes once immutable', () => {
    const old = created(configMap, cm({ immutable: true, data: { a: '1' } }));
    expect(updateProblems(configMap, cm({ immutable: true, data: { a: '2' } }), old)).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(updateProblems(configMap, cm({ data: { a: '1' } }), old)).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
    expect(updateProblems(configMap, cm({ immutable: true, data: { a: '1' }, metadata: { name: 'cfg', labels: { x: 'y' } } }), old)).toEqual([]);
  });

  it('prints Name, Data, Age', () => {
    const c = created(configMap, cm({ data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }));
    expect(row(configMap, c)).toEqual({ Name: 'cfg', Data: 3, Age: '60m' });
    expect(configMap.shortNames).toEqual(['cm']);
    expect(configMap.generationFields).toEqual([]);
  });
});
