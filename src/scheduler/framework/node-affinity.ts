/**
 * Node selectors and required node affinity, compiled once per pod (upstream
 * component-helpers nodeaffinity.RequiredNodeAffinity). Used by NodeAffinity and by
 * PodTopologySpread's node inclusion policy.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../api/core/v1/index.js';
import { Selector, newRequirement, type Labels, type Operator } from '../../machinery/index.js';

type LabelTest = (labels: Labels | undefined) => boolean;

const OPS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

const NEVER: LabelTest = () => false;

function compileExpr(r: NodeSelectorRequirement): LabelTest {
  const op = OPS[r?.operator as string];
  if (!op) return NEVER;
  try {
    const sel = Selector.fromRequirements([newRequirement(String(r.key ?? ''), op, (r.values ?? []).map(String))]);
    return (labels) => sel.matches(labels);
  } catch {
    // An invalid requirement (bad key or values) matches nothing, as upstream.
    return NEVER;
  }
}

function compileField(r: NodeSelectorRequirement): ((name: string) => boolean) | undefined {
  if (r?.key !== 'metadata.name') return undefined;
  const values = (r.values ?? []).map(String);
  if (r.operator === 'In') return (n) => values.length === 1 && values[0] === n;
  if (r.operator === 'NotIn') return (n) => values.length === 1 && values[0] !== n;
  return undefined;
}

/** A compiled NodeSelectorTerm: its expressions and fields ANDed. An empty term matches nothing. */
export class CompiledTerm {
  private readonly exprs: LabelTest[];
  private readonly fields: ((name: string) => boolean)[];
  private readonly valid: boolean;

  constructor(term: NodeSelectorTerm) {
    const exprs = Array.isArray(term?.matchExpressions) ? term.matchExpressions : [];
    const fields = Array.isArray(term?.matchFields) ? term.matchFields : [];
    this.exprs = exprs.map(compileExpr);
    const f = fields.map(compileField);
    this.valid = (exprs.length > 0 || fields.length > 0) && f.every((x) => x !== undefined);
    this.fields = f.filter((x): x is (name: string) => boolean => x !== undefined);
  }

  matches(node: Node): boolean {
    if (!this.valid) return false;
    const labels = node.metadata.labels;
    for (const e of this.exprs) if (!e(labels)) return false;
    const name = node.metadata.name ?? '';
    for (const f of this.fields) if (!f(name)) return false;
    return true;
  }
}

/** A pod's nodeSelector and required node affinity, ready to test nodes. */
export class RequiredNodeAffinity {
  private readonly selector: [string, string][] | undefined;
  private readonly terms: CompiledTerm[] | undefined;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector;
    this.selector = ns && typeof ns === 'object' && Object.keys(ns).length ? Object.entries(ns).map(([k, v]) => [k, String(v)]) : undefined;
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.terms = req ? (Array.isArray(req.nodeSelectorTerms) ? req.nodeSelectorTerms : []).map((t) => new CompiledTerm(t)) : undefined;
  }

  /** Nothing to check: every node matches. */
  isEmpty(): boolean {
    return this.selector === undefined && this.terms === undefined;
  }

  matches(node: Node): boolean {
    if (this.selector) {
      const labels = node.metadata.labels ?? {};
      for (const [k, v] of this.selector) if (labels[k] !== v) return false;
    }
    if (this.terms) {
      for (const t of this.terms) if (t.matches(node)) return true;
      return false;
    }
    return true;
  }
}

/**
 * The node names a required affinity limits the pod to through `metadata.name In` field terms,
 * or undefined when any node may match (upstream NodeAffinity PreFilterResult). Requirements
 * of one term intersect; terms unite.
 */
export function nodeNamesFromAffinity(pod: Pod): Set<string> | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const f of t.matchFields ?? []) {
      if (f.key !== 'metadata.name' || f.operator !== 'In') continue;
      const values = new Set((f.values ?? []).map(String));
      termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values;
    }
    if (!termNames) return undefined;
    for (const n of termNames) names.add(n);
  }
  return names;
}
