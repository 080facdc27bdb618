/**
 * The storage package's public surface: the Backend contract, its errors, and openBackend(),
 * which picks a driver by URL:
 *
 *   sqlite:///abs/path/state.db      embedded store (the default for `gantry server`)
 *   etcd://h1:2379,h2:2379?prefix=/p  etcd, for several servers (prefix default /gantry)
 *   memory://                        in-memory, for unit tests
 */
import type { Backend } from './backend.js';
import type { AutoCompactOptions } from './auto-compact.js';
import { EtcdBackend } from './etcd/backend.js';
import { LogBackend, type LogBackendOptions } from './log/backend.js';
import { MemoryLogDriver } from './memory/driver.js';
import type { SqliteOpenOptions } from './sqlite/open.js';
import { SqliteLogDriver } from './sqlite/driver.js';
import { parseStoreUrl } from './url.js';

export * from './backend.js';
export * from './errors.js';
export type { AutoCompactOptions } from './auto-compact.js';
export { AUTO_COMPACT_DEFAULTS } from './auto-compact.js';
export { DEFAULT_WATCH_BUFFER } from './event-queue.js';
export { compareKeys, prefixEnd } from './keys.js';
export { LogBackend, type LogBackendOptions } from './log/backend.js';
export type { LogDriver, LogRow, LogChange, KeyRange } from './log/driver.js';
export { EtcdBackend, type EtcdBackendOptions } from './etcd/backend.js';
export { parseStoreUrl, type StoreLocation } from './url.js';

export interface OpenBackendOptions {
  /** Undelivered events a watcher may hold before it is dropped (default 10,000). */
  watchBufferSize?: number;
  /** Automatic compaction of old history; false turns it off. */
  autoCompact?: AutoCompactOptions | false;
  /** Log-backed drivers (sqlite, memory): group commit and compaction tuning. */
  log?: Omit<LogBackendOptions, 'watchBufferSize' | 'autoCompact'>;
  /** sqlite only. */
  sqlite?: SqliteOpenOptions;
  /** etcd only: how long to wait for the cluster to answer when opening (default 5 s). */
  etcdConnectTimeoutMs?: number;
}

/** Opens the store at `url`. Throws StoreOpenError (naming the file or URL) if it cannot. */
export async function openBackend(url: string, opts: OpenBackendOptions = {}): Promise<Backend> {
  const location = parseStoreUrl(url);
  const common = { watchBufferSize: opts.watchBufferSize, autoCompact: opts.autoCompact };
  switch (location.kind) {
    case 'memory':
      return LogBackend.open(new MemoryLogDriver(url), { ...opts.log, ...common });
    case 'sqlite': {
      const driver = SqliteLogDriver.open(location.file, opts.sqlite);
      try {
        return await LogBackend.open(driver, { ...opts.log, ...common });
      } catch (error) {
        await driver.close();
        throw error;
      }
    }
    case 'etcd':
      return EtcdBackend.open(location.endpoints, {
        ...common,
        prefix: location.prefix,
        location: url,
        connectTimeoutMs: opts.etcdConnectTimeoutMs,
      });
  }
}
