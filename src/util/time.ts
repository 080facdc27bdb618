/** Kubernetes timestamps. */

/** metav1.Time: RFC 3339 in whole seconds ("2026-01-02T03:04:05Z"). */
export function rfc3339(time: number | Date = Date.now()): string {
  const ms = typeof time === 'number' ? time : time.getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime: RFC 3339 with six fractional digits (Lease renewTime and acquireTime). */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
