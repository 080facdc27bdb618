import { describe, expect, it } from 'vitest';
import { defineController } from './controller.js';
import { ControllerRegistry } from './registry.js';

const noop = () => ({ reconcile: async () => {} });
function registry(): ControllerRegistry {
  return new ControllerRegistry().register(
    defineController({ name: 'replicaset-controller', aliases: ['replicaset'], reconciler: noop }),
    defineController({ name: 'job-controller', aliases: ['job'], reconciler: noop }),
    defineController({ name: 'bootstrap-signer-controller', aliases: ['bootstrapsigner'], disabledByDefault: true, reconciler: noop }),
  );
}
const names = (r: ControllerRegistry, spec: string[]) => r.select(spec).map((d) => d.name);

describe('ControllerRegistry.select (kube-controller-manager --controllers)', () => {
  it("'*' enables the on-by-default controllers", () => {
    expect(names(registry(), ['*'])).toEqual(['replicaset-controller', 'job-controller']);
    expect(names(registry(), [])).toEqual([]);
  });
  it("'-foo' disables, 'foo' enables, aliases work, first mention wins", () => {
    expect(names(registry(), ['*', '-job'])).toEqual(['replicaset-controller']);
    expect(names(registry(), ['*', 'bootstrapsigner'])).toEqual(['replicaset-controller', 'job-controller', 'bootstrap-signer-controller']);
    expect(names(registry(), ['job-controller'])).toEqual(['job-controller']);
    expect(names(registry(), ['-job', 'job', '*'])).toEqual(['replicaset-controller']);
  });
  it('rejects unknown names and duplicate registrations with clear errors', () => {
    expect(() => registry().select(['*', '-nope'])).toThrow(/"nope" is not in the list of known controllers/);
    expect(() => registry().register(defineController({ name: 'other', aliases: ['job'], reconciler: noop }))).toThrow(/registered twice/);
    expect(() => defineController({ name: 'Bad Name', reconciler: noop })).toThrow(/invalid controller name/);
  });
});
