/** Score normalisation shared by plugins (upstream pluginhelper.DefaultNormalizeScore). */
import { MAX_NODE_SCORE } from '../framework/interface.js';

/**
 * Scales scores so the highest becomes 100; with `reverse`, 100 − that (fewer is better).
 * All zero: 0 each, or 100 each when reversed.
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]!) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}
