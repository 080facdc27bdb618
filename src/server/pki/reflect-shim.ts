/**
 * @peculiar/x509 uses tsyringe, which refuses to load unless a Reflect metadata
 * polyfill (reflect-metadata or similar) is present. The project does not
 * depend on one, so this module installs the four functions tsyringe calls,
 * and only when nothing else has installed them. Import it before @peculiar/x509
 * (./x509.js does).
 */

type MetaKey = unknown;
type PropKey = string | symbol | undefined;

interface ReflectMetadata {
  defineMetadata(key: MetaKey, value: unknown, target: object, prop?: PropKey): void;
  getOwnMetadata(key: MetaKey, target: object, prop?: PropKey): unknown;
  getMetadata(key: MetaKey, target: object, prop?: PropKey): unknown;
  hasMetadata(key: MetaKey, target: object, prop?: PropKey): boolean;
  metadata(key: MetaKey, value: unknown): (target: object, prop?: PropKey) => void;
}

const store = new WeakMap<object, Map<PropKey, Map<MetaKey, unknown>>>();

function table(target: object, prop: PropKey, create: boolean): Map<MetaKey, unknown> | undefined {
  let byProp = store.get(target);
  if (!byProp) {
    if (!create) return undefined;
    byProp = new Map();
    store.set(target, byProp);
  }
  let entries = byProp.get(prop);
  if (!entries && create) {
    entries = new Map();
    byProp.set(prop, entries);
  }
  return entries;
}

function lookup(key: MetaKey, target: object, prop: PropKey): { found: boolean; value: unknown } {
  for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t) as object | null) {
    const entries = table(t, prop, false);
    if (entries?.has(key)) return { found: true, value: entries.get(key) };
  }
  return { found: false, value: undefined };
}

const shim: ReflectMetadata = {
  defineMetadata(key, value, target, prop) {
    table(target, prop, true)!.set(key, value);
  },
  getOwnMetadata(key, target, prop) {
    return table(target, prop, false)?.get(key);
  },
  getMetadata(key, target, prop) {
    return lookup(key, target, prop).value;
  },
  hasMetadata(key, target, prop) {
    return lookup(key, target, prop).found;
  },
  metadata(key, value) {
    return (target, prop) => shim.defineMetadata(key, value, target, prop);
  },
};

const reflect = Reflect as unknown as Partial<ReflectMetadata>;
if (typeof reflect.getMetadata !== 'function') {
  Object.assign(Reflect, shim);
}
