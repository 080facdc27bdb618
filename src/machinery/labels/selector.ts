/**
 * A compiled label selector. Parse once, then `matches` is a handful of closure calls per object.
 */
import { parseRequirements } from './parser.js';
import { compileRequirement, requirementToString, type Labels, type Requirement } from './requirement.js';

type Matcher = (labels: Labels | undefined) => boolean;

/** A stable sort by key, as upstream keeps requirements (deterministic toString). */
function sortByKey(reqs: readonly Requirement[]): Requirement[] {
  const indexed = reqs.map((r, i) => ({ r, i }));
  indexed.sort((a, b) => (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : a.i - b.i));
  return indexed.map((x) => x.r);
}

export class Selector {
  readonly requirements: readonly Requirement[];
  private readonly matchers: readonly Matcher[];
  private readonly matchesNothing: boolean;

  /**
   * Requirements must already be valid (see `newRequirement`); they are kept sorted by key.
   * `matchesNothing` makes the selector that selects no object at all.
   */
  constructor(requirements: readonly Requirement[], opts: { matchesNothing?: boolean } = {}) {
    this.requirements = sortByKey(requirements);
    this.matchers = this.requirements.map(compileRequirement);
    this.matchesNothing = opts.matchesNothing ?? false;
  }

  static fromRequirements(requirements: readonly Requirement[]): Selector {
    return new Selector(requirements);
  }

  /** Matches every label set. */
  static everything(): Selector {
    return EVERYTHING;
  }

  /** Matches no label set at all (what a missing LabelSelector means). */
  static nothing(): Selector {
    return NOTHING;
  }

  matches(labels: Labels | undefined): boolean {
    if (this.matchesNothing) return false;
    for (const m of this.matchers) if (!m(labels)) return false;
    return true;
  }

  /** True when the selector does not restrict anything (it matches everything). */
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  /** True for the selector that matches nothing. */
  isNothing(): boolean {
    return this.matchesNothing;
  }

  /** The canonical text, e.g. `app=web,tier in (a,b)`; '' for everything and nothing. */
  toString(): string {
    return this.requirements.map(requirementToString).join(',');
  }

  /** The value a selector demands for `key` (`key=v`, `key==v` or `key in (v)`), if any. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key);
    if (!r || r.values.length !== 1) return undefined;
    return r.operator === '=' || r.operator === '==' || r.operator === 'in' ? r.values[0] : undefined;
  }

  /** A new selector with more requirements (ANDed). */
  add(...requirements: Requirement[]): Selector {
    if (this.matchesNothing) return this;
    return Selector.fromRequirements([...this.requirements, ...requirements]);
  }
}

const EVERYTHING = new Selector([]);
const NOTHING = new Selector([], { matchesNothing: true });

/** Parses `?labelSelector=` text. Throws SelectorError (answer with 400) when it is malformed. */
export function parseSelector(s: string): Selector {
  return Selector.fromRequirements(parseRequirements(s));
}

/** A selector that matches exactly the given labels (no validation, as upstream's SelectorFromSet). */
export function selectorFromSet(set: Labels | undefined): Selector {
  if (!set) return EVERYTHING;
  const keys = Object.keys(set).sort();
  return Selector.fromRequirements(keys.map((k) => ({ key: k, operator: '=', values: [set[k]!] })));
}
