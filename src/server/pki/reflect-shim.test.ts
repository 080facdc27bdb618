import { describe, it, expect } from 'vitest';
import './reflect-shim.js';

interface MetadataReflect {
  defineMetadata(key: unknown, value: unknown, target: object, prop?: string | symbol): void;
  getOwnMetadata(key: unknown, target: object, prop?: string | symbol): unknown;
  getMetadata(key: unknown, target: object, prop?: string | symbol): unknown;
  hasMetadata(key: unknown, target: object, prop?: string | symbol): boolean;
}
const R = Reflect as unknown as MetadataReflect;

describe('Reflect metadata shim', () => {
  it('stores own metadata per target and property, and inherits along the prototype chain', () => {
    class Base {}
    class Derived extends Base {}
    R.defineMetadata('k', 1, Base);
    R.defineMetadata('k', 2, Base, 'method');
    expect(R.getOwnMetadata('k', Base)).toBe(1);
    expect(R.getOwnMetadata('k', Base, 'method')).toBe(2);
    expect(R.getOwnMetadata('k', Derived)).toBeUndefined();
    expect(R.getMetadata('k', Derived)).toBe(1);
    expect(R.hasMetadata('k', Derived)).toBe(true);
    expect(R.hasMetadata('other', Derived)).toBe(false);
  });
});
