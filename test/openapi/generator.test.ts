import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { OpenApiSchema } from '../../src/api/openapi/index.js';
import { sortKeys } from '../../src/api/openapi/index.js';
import { buildOpenApi } from '../../tools/openapi/build.js';
import { normalizeDescription } from '../../tools/openapi/convert.js';
import { groupFolder, packageOf } from '../../tools/openapi/naming.js';
import { applyPatchMeta, patchExtensions } from '../../tools/openapi/patch-meta.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/api', import.meta.url));
const W = 'io.k8s.api.widgets.v1';

const { generated, warnings } = buildOpenApi(FIXTURE, {
  kinds: [
    { group: 'widgets.example.com', version: 'v1', kind: 'Widget', listKind: 'WidgetList' },
    { group: 'widgets.example.com', version: 'v1', kind: 'Gadget', listKind: 'GadgetList' },
    { group: 'widgets.example.com', version: 'v1', kind: 'Missing', listKind: 'MissingList' },
  ],
});
const s = generated.schemas;
const props = (name: string): Record<string, OpenApiSchema> => s[name]!.properties!;

describe('the generator on a fixture API', () => {
  it('names schemas after the declaring folder and indexes kinds and lists', () => {
    expect(generated.kinds).toEqual({
      '/v1/Status': 'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
      'widgets.example.com/v1/Gadget': `${W}.Gadget`,
      'widgets.example.com/v1/GadgetList': `${W}.GadgetList`,
      'widgets.example.com/v1/Widget': `${W}.Widget`,
      'widgets.example.com/v1/WidgetList': `${W}.WidgetList`,
    });
    expect(warnings).toContain('no exported type Missing in src/api/widgets/v1');
    expect(Object.keys(s)).not.toContain('io.k8s.apimachinery.pkg.apis.meta.v1.KubeObject');
  });

  it('writes root schemas with the GVK list, optional type fields and conventional descriptions', () => {
    const w = s[`${W}.Widget`]!;
    expect(w['x-kubernetes-group-version-kind']).toEqual([{ group: 'widgets.example.com', kind: 'Widget', version: 'v1' }]);
    expect(w.required).toBeUndefined();
    expect(w.description).toBe('A widget.');
    expect(props(`${W}.Widget`).kind!.description).toMatch(/REST resource/);
    expect(props(`${W}.Widget`).spec).toEqual({ description: 'The desired state of a widget.', allOf: [{ $ref: `#/components/schemas/${W}.WidgetSpec` }] });
    // A field without a doc comment is described by its type.
    expect(props(`${W}.WidgetSpec`).source!.description).toBe('A source with other keys passed through.');
    // An alias of another kind's type gets a full copy under its own name.
    expect(props(`${W}.Gadget`)).toEqual(props(`${W}.Widget`));
    expect(s[`${W}.Gadget`]!['x-kubernetes-group-version-kind']).toEqual([{ group: 'widgets.example.com', kind: 'Gadget', version: 'v1' }]);
  });

  it('converts fields: integers, enums, maps, quantities, int-or-string, free-form values', () => {
    const part = props(`${W}.Part`);
    expect(s[`${W}.Part`]!.required).toEqual(['name']);
    expect(part.name!.description).toBe('The part\'s name, wrapped over two lines.\n\nA second paragraph.');
    expect(part.count).toEqual({ description: 'How many.', type: 'integer' });
    expect(part.color).toEqual({ description: 'Red or Green.', type: 'string', enum: ['Red', 'Green', ''] });
    expect(part.sizes).toEqual({
      description: 'Amounts.',
      type: 'object',
      additionalProperties: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' }] },
    });
    expect(s['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect(part.surge).toEqual({ description: 'Max surge.', allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }] });
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', 'x-kubernetes-int-or-string': true });
    expect(part.extra).toEqual({ description: 'Anything.', 'x-kubernetes-preserve-unknown-fields': true });
    const spec = props(`${W}.WidgetSpec`);
    const partRef = { description: 'One part of a widget.', allOf: [{ $ref: `#/components/schemas/${W}.Part` }] };
    // List items carry only the reference (kubectl explain prints the type's description once).
    expect(spec.parts!.items).toEqual({ allOf: partRef.allOf });
    expect(spec.byName!.additionalProperties).toEqual(partRef);
    expect(s[`${W}.Source`]!['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(spec.template!.properties!.note).toEqual({ type: 'string' });
    const meta = props('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(meta.creationTimestamp).toEqual({ type: 'string' });
    expect(meta.fieldsV1).toEqual({ description: 'Free-form.', type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  });

  it('adds list schemas with ListMeta', () => {
    const list = s[`${W}.WidgetList`]!;
    expect(list.required).toEqual(['items']);
    expect(list.properties!.items!.items).toEqual({ allOf: [{ $ref: `#/components/schemas/${W}.Widget` }] });
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta']).toBeDefined();
  });

  it('is deterministic', () => {
    const again = buildOpenApi(FIXTURE, { kinds: [{ group: 'widgets.example.com', version: 'v1', kind: 'Widget', listKind: 'WidgetList' }] });
    expect(JSON.stringify(again.generated.schemas[`${W}.Widget`])).toBe(JSON.stringify(s[`${W}.Widget`]));
    expect(Object.keys(s)).toEqual([...Object.keys(s)].sort());
  });
});

describe('patch metadata', () => {
  it('derives list types from the strategy', () => {
    expect(patchExtensions({ strategy: 'merge', mergeKey: 'name' }, true)).toEqual({
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(patchExtensions({ strategy: 'merge' }, true)['x-kubernetes-list-type']).toBe('set');
    expect(patchExtensions({ strategy: 'replace' }, true)['x-kubernetes-list-type']).toBe('atomic');
    expect(patchExtensions({ strategy: 'retainKeys' }, false)).toEqual({ 'x-kubernetes-patch-strategy': 'retainKeys' });
  });

  it('walks paths from the roots through lists and references, and reports paths that match nothing', () => {
    const schemas = structuredClone(s);
    const warn = applyPatchMeta(schemas, [`${W}.Widget`], { 'spec.parts': { strategy: 'merge', mergeKey: 'name' }, 'spec.nope': { strategy: 'merge' } });
    expect(props(`${W}.WidgetSpec`).parts!['x-kubernetes-patch-merge-key']).toBeUndefined();
    expect(schemas[`${W}.WidgetSpec`]!.properties!.parts!['x-kubernetes-patch-merge-key']).toBe('name');
    expect(warn).toEqual(['patch metadata for spec.nope matches no schema']);
  });
});

describe('naming helpers', () => {
  it('maps files and groups to upstream package names', () => {
    expect(packageOf('/r/src/api/core/v1/pod-types.ts', '/r/src/api')).toBe('io.k8s.api.core.v1');
    expect(packageOf('/r/src/api/meta.ts', '/r/src/api')).toBe('io.k8s.apimachinery.pkg.apis.meta.v1');
    expect(packageOf('/r/src/api/validation/names.ts', '/r/src/api')).toBe('dev.gantry.validation');
    expect(groupFolder('rbac.authorization.k8s.io')).toBe('rbac');
    expect(groupFolder('')).toBe('core');
  });

  it('normalizes descriptions and sorts keys', () => {
    expect(normalizeDescription('a\n b\n\n\n c ')).toBe('a b\n\nc');
    expect(JSON.stringify(sortKeys({ b: 1, a: [{ d: 1, c: 2 }] }))).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
