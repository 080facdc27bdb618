/** Small synchronous file helpers: private directories and atomic writes. */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Mode for private keys, tokens and kubeconfigs. */
export const PRIVATE_MODE = 0o600;
/** Mode for certificates, which are public. */
export const PUBLIC_MODE = 0o644;

/** Creates a directory (and parents) readable only by its owner. */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Writes a file so that readers see either the old or the new content, never a
 * partial one: the data goes to a temporary file beside it, which is renamed over.
 */
export function writeFileAtomic(path: string, data: string, opts: { mode: number }): void {
  ensurePrivateDir(dirname(path));
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { mode: opts.mode, flag: 'wx' });
    chmodSync(tmp, opts.mode); // the process umask applies at creation; set the exact mode
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The file's text, or undefined when it does not exist. Other errors are thrown. */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
