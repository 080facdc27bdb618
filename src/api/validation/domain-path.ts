/** IsDomainPrefixedPath: values such as "example.com/ingress-controller" (IngressClass controller, Job managedBy). */
import { type FieldError, invalid, required } from './field-errors.js';
import { isDNS1123Subdomain } from './names.js';

const HTTP_PATH_RE = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

export function validateDomainPrefixedPath(value: string, field: string): FieldError[] {
  if (!value) return [required(field)];
  const i = value.indexOf('/');
  const host = i < 0 ? value : value.slice(0, i);
  const path = i < 0 ? '' : value.slice(i + 1);
  if (i < 0 || !host || !path) return [invalid(field, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => invalid(field, host, m));
  if (!HTTP_PATH_RE.test(path)) {
    errs.push(invalid(field, path, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
  }
  return errs;
}
