/** IP address checks, worded as upstream's apimachinery validation. */
import { isIP } from 'node:net';
import { type FieldError, invalid } from './field-errors.js';

export const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** IPv4 with a leading zero in an octet ("010.0.0.1") is refused, as upstream does. */
function hasLeadingZero(ip: string): boolean {
  return isIP(ip) === 4 && ip.split('.').some((o) => o.length > 1 && o.startsWith('0'));
}

/** Upstream IsValidIP: `Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`. */
export function validateIP(value: string, field: string): FieldError[] {
  if (isIP(value) === 0 || value.includes('%')) return [invalid(field, value, IP_ERROR)];
  if (hasLeadingZero(value)) return [invalid(field, value, 'IPv4 field has octet with leading zero')];
  return [];
}

/** 4 for IPv4, 6 for IPv6, 0 when not an IP. */
export function ipFamilyOf(value: string): 0 | 4 | 6 {
  return isIP(value) as 0 | 4 | 6;
}
