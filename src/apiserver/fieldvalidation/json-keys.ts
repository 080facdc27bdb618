/**
 * A small JSON scanner that reports every object key with its field path and offset, so that the
 * duplicates `JSON.parse` silently drops (it keeps the last) can be reported as upstream's strict
 * decoder does: `duplicate field "metadata.name"`. Paths are written `spec.containers[0].name`.
 * Iterative (no recursion), so deep nesting cannot overflow the stack; invalid JSON ends the scan.
 */

export interface JsonKeyEvent {
  /** The field path of the key, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  /** Offset of the key's opening quote in the text. */
  offset: number;
  /** True when the same key already appeared in the same object. */
  duplicate: boolean;
}

interface Frame {
  kind: 'object' | 'array';
  path: string;
  seen?: Set<string>;
  index: number;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** The offset just past the string starting at `i` (a `"`), or -1 when unterminated. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return -1;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text[i]!)) i++;
  return i;
}

/** The offset just past a number or literal starting at `i`. */
function scalarEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && !WS.has(text[j]!) && text[j] !== ',' && text[j] !== '}' && text[j] !== ']' && text[j] !== ':') j++;
  return j === i ? -1 : j;
}

function decodeKey(raw: string): string | undefined {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return undefined;
  }
}

/** Every object key of `text` in document order. */
export function scanJsonKeys(text: string): JsonKeyEvent[] {
  const events: JsonKeyEvent[] = [];
  const stack: Frame[] = [];
  // The path the next value will have (set by a key, or by an array position).
  let valuePath = '';
  let i = skipWs(text, 0);
  while (i < text.length) {
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? { kind: 'object', path: valuePath, seen: new Set(), index: 0 } : { kind: 'array', path: valuePath, index: 0 });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      if (top?.kind === 'array') top.index++;
      i++;
    } else if (c === '"' && top?.kind === 'object' && expectsKey(text, i)) {
      const end = stringEnd(text, i);
      const key = end < 0 ? undefined : decodeKey(text.slice(i, end));
      if (key === undefined) break;
      const path = top.path === '' ? key : `${top.path}.${key}`;
      events.push({ path, offset: i, duplicate: top.seen!.has(key) });
      top.seen!.add(key);
      valuePath = path;
      i = end;
    } else {
      const end = c === '"' ? stringEnd(text, i) : c === ':' ? i + 1 : scalarEnd(text, i);
      if (end < 0) break;
      i = end;
    }
    i = skipWs(text, i);
    const now = stack[stack.length - 1];
    if (now?.kind === 'array' && text[i] !== ']' && text[i] !== ',') valuePath = `${now.path}[${now.index}]`;
  }
  return events;
}

/** True when the string at `i` is followed by `:` (an object key, not a value). */
function expectsKey(text: string, i: number): boolean {
  const end = stringEnd(text, i);
  return end >= 0 && text[skipWs(text, end)] === ':';
}

/** Paths of keys repeated within one object, each once, in document order (at most 100, as upstream). */
export function findDuplicateJsonFields(text: string): string[] {
  const out = new Set<string>();
  for (const e of scanJsonKeys(text)) {
    if (e.duplicate) out.add(e.path);
    if (out.size >= 100) break;
  }
  return [...out];
}
