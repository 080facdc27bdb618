/** Completion indexes of Indexed Jobs: the pod's index, and sets of indexes as "1,3-5,7". */
import type { SuccessPolicy } from '../../api/batch/v1/index.js';
import type { Pod } from '../../api/core/v1/index.js';

export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** Failures of an index so far (with backoffLimitPerIndex). */
export const INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';

/** A pod's completion index (annotation, else label); undefined when absent or malformed. */
export function completionIndexOf(pod: Pod): number | undefined {
  const text = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION] ?? pod.metadata.labels?.[COMPLETION_INDEX_ANNOTATION];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Parses "1,3-5,7" into a sorted set of indexes below `limit`; malformed parts are skipped. */
export function parseIndexes(text: string | undefined, limit: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = Math.min(m[2] === undefined ? from : Number(m[2]), limit - 1);
    for (let i = from; i <= to; i++) out.add(i);
  }
  return out;
}

/** Formats a set of indexes as sorted intervals: {1,3,4,5,7} → "1,3-5,7". */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The lowest `count` indexes below `completions` that are in none of the given sets. */
export function firstPendingIndexes(count: number, completions: number, taken: Set<number>[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) {
    if (!taken.some((s) => s.has(i))) out.push(i);
  }
  return out;
}

/**
 * upstream matchSuccessPolicy: the message of the first rule the succeeded indexes meet
 * ("Matched rules at index N"), or undefined.
 */
export function matchSuccessPolicy(policy: SuccessPolicy | undefined, completions: number, succeeded: Set<number>): string | undefined {
  for (const [i, rule] of (policy?.rules ?? []).entries()) {
    let met: boolean;
    if (rule.succeededIndexes) {
      const wanted = parseIndexes(rule.succeededIndexes, completions);
      let got = 0;
      for (const ix of wanted) if (succeeded.has(ix)) got++;
      met = rule.succeededCount == null ? got === wanted.size && wanted.size > 0 : got >= rule.succeededCount;
    } else {
      met = rule.succeededCount != null && succeeded.size >= rule.succeededCount;
    }
    if (met) return `Matched rules at index ${i}`;
  }
  return undefined;
}
