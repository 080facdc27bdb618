/** Fixtures for the apps tests (not part of the public surface). */
import type { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import type { FieldError } from '../../validation/field-errors.js';

export const CREATED = '2024-01-01T00:00:00Z';

/** A pod template labelled `labels` running one nginx container. */
export function podTemplate(labels: Record<string, string> = { app: 'web' }): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
}

/** "field: message" lines, the way kubectl lists causes. */
export function messages(errs: FieldError[]): string[] {
  return errs.map((e) => `${e.field}: ${e.message}`);
}
