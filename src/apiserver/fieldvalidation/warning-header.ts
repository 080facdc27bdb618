/**
 * `Warning` response header values (RFC 7234 §5.5, as kube-apiserver writes them):
 * `299 - "unknown field \"spec.bogus\""`. kubectl prints the text as `Warning: unknown field "spec.bogus"`
 * and silently drops a header it cannot parse, so quotes and backslashes are escaped and control
 * characters replaced.
 */
export function formatWarningHeader(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `299 - "${clean.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
