/**
 * NodePort allocation from a port range (default 30000-32767, as upstream's
 * --service-node-port-range). Records live under `/registry/allocations/servicenodeports/<port>`.
 */
import type { Backend } from '../../storage/index.js';
import { AllocatorConfigError } from './errors.js';
import type { Owner } from './record.js';
import type { ItemSpace } from './item-space.js';
import { StoreAllocator, type StoreAllocatorOptions } from './store-allocator.js';

export const DEFAULT_NODE_PORT_RANGE = '30000-32767';
export const NODE_PORTS_PREFIX = '/registry/allocations/servicenodeports/';

export interface PortRange {
  /** First port of the range. */
  base: number;
  /** How many ports it spans. */
  size: number;
}

export interface PortAllocatorOptions extends StoreAllocatorOptions {
  /** `30000-32767`, `30000+2768` or a single port, as upstream's flag; or {base, size}. */
  range?: string | PortRange;
  prefix?: string;
}

/** A Service as repair sees it: who it is and the node ports it holds (0 is skipped). */
export interface NodePortHolder extends Owner {
  ports: readonly number[];
}

/** Parses upstream's port range syntax. Throws AllocatorConfigError. */
export function parsePortRange(text: string): PortRange {
  const m = /^\s*(\d{1,5})\s*(?:([-+])\s*(\d{1,5})\s*)?$/.exec(String(text));
  if (!m) throw new AllocatorConfigError(`invalid port range ${JSON.stringify(text)}: want "low-high", "base+size" or "port"`);
  const base = Number(m[1]);
  const other = m[3] === undefined ? undefined : Number(m[3]);
  const size = other === undefined ? 1 : m[2] === '+' ? other : other - base + 1;
  return checkPortRange({ base, size }, text);
}

function checkPortRange(range: PortRange, text: string): PortRange {
  const { base, size } = range;
  const ok = Number.isInteger(base) && Number.isInteger(size) && base >= 1 && size >= 1 && base + size - 1 <= 65535;
  if (!ok) throw new AllocatorConfigError(`invalid port range ${text}: ports must lie within 1-65535, low <= high`);
  return range;
}

// Upstream's static band: min(max(16, size / 32), 128) ports at the bottom of the range.
function staticBandSize(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

function portSpace(range: PortRange, prefix: string): ItemSpace<number> {
  const first = BigInt(range.base);
  return {
    kind: 'port',
    prefix,
    first,
    last: first + BigInt(range.size - 1),
    dynamicFirst: first + BigInt(staticBandSize(range.size)),
    reserved: [],
    rangeText: `${range.base}-${range.base + range.size - 1}`,
    classify(item) {
      if (typeof item !== 'number' || !Number.isInteger(item) || item < 1 || item > 65535) {
        return { error: 'invalid' };
      }
      return { value: BigInt(item) };
    },
    toItem: (v) => Number(v),
    format: (v) => String(v),
    parseKey(suffix) {
      return /^[1-9][0-9]{0,4}$/.test(suffix) && Number(suffix) <= 65535 ? BigInt(suffix) : null;
    },
  };
}

export class PortAllocator extends StoreAllocator<number, NodePortHolder> {
  /** The range as error messages show it, e.g. `30000-32767`. */
  readonly range: string;

  constructor(backend: Backend, opts: PortAllocatorOptions = {}) {
    const raw = opts.range ?? DEFAULT_NODE_PORT_RANGE;
    const range = typeof raw === 'string' ? parsePortRange(raw) : checkPortRange(raw, JSON.stringify(raw));
    const prefix = opts.prefix ?? NODE_PORTS_PREFIX;
    if (!prefix.endsWith('/')) throw new AllocatorConfigError(`key prefix must end in "/": ${prefix}`);
    const space = portSpace(range, prefix);
    super(backend, space, opts);
    this.range = space.rangeText;
  }

  protected itemsOf(live: NodePortHolder): readonly unknown[] {
    return (live.ports ?? []).filter((p) => p !== 0);
  }
}
