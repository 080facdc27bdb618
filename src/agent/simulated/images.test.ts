import { describe, it, expect } from 'vitest';
import { imageIdOf, newContainerId, normalizeImage } from './images.js';

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['localhost/app', 'localhost/app:latest'],
    ['quay.io/x/y@sha256:abc', 'quay.io/x/y@sha256:abc'],
    ['', ''],
  ])('%s → %s', (ref, want) => {
    expect(normalizeImage(ref)).toBe(want);
  });

  it('gives stable digest IDs per reference', () => {
    const a = imageIdOf('docker.io/library/nginx:latest');
    expect(a).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageIdOf('docker.io/library/nginx:latest')).toBe(a);
    expect(imageIdOf('docker.io/library/nginx:1.27')).not.toBe(a);
    expect(imageIdOf('quay.io/x/y@sha256:abc')).toBe('quay.io/x/y@sha256:abc');
    expect(imageIdOf('')).toBe('');
  });

  it('makes container IDs that look like a runtime\'s', () => {
    expect(newContainerId()).toMatch(/^simulated:\/\/[0-9a-f]{64}$/);
    expect(newContainerId()).not.toBe(newContainerId());
  });
});
