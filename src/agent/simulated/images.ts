/**
 * Image references as a container runtime reports them: "nginx" runs as
 * docker.io/library/nginx:latest, with an image ID that is a digest reference. Simulated nodes
 * pull nothing, so the digest is a stable hash of the reference.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The fully qualified form of an image reference (default registry, library/ namespace, :latest). */
export function normalizeImage(ref: string): string {
  const image = typeof ref === 'string' ? ref.trim() : '';
  if (!image) return '';
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let named = hasDomain ? image : slash < 0 ? `docker.io/library/${image}` : `docker.io/${image}`;
  const lastPart = named.slice(named.lastIndexOf('/') + 1);
  if (!named.includes('@') && !lastPart.includes(':')) named += ':latest';
  return named;
}

const idCache = new Map<string, string>();

/** "<repository>@sha256:<hex>" for a normalised reference (a digest reference is its own ID). */
export function imageIdOf(normalized: string): string {
  if (!normalized) return '';
  if (normalized.includes('@')) return normalized;
  let id = idCache.get(normalized);
  if (!id) {
    const repo = normalized.slice(0, normalized.lastIndexOf(':'));
    id = `${repo}@sha256:${createHash('sha256').update(normalized).digest('hex')}`;
    if (idCache.size > 10_000) idCache.clear();
    idCache.set(normalized, id);
  }
  return id;
}

/** A fresh container ID: "simulated://" and 64 hex digits, as long as a containerd ID. */
export function newContainerId(): string {
  return `simulated://${randomBytes(32).toString('hex')}`;
}
