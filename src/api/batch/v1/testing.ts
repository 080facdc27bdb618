/** Fixtures for the batch tests (not part of the public surface). */
import type { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import type { FieldError } from '../../validation/field-errors.js';

export const CREATED = '2024-01-01T00:00:00Z';

/** A run-to-completion pod template. */
export function jobPodTemplate(restartPolicy: 'Never' | 'OnFailure' | 'Always' | undefined = 'Never'): PodTemplateSpec {
  return { spec: { restartPolicy, containers: [{ name: 'pi', image: 'perl:5.34' }] } };
}

export function messages(errs: FieldError[]): string[] {
  return errs.map((e) => `${e.field}: ${e.message}`);
}
