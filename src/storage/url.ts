/** Parsing of store URLs: sqlite:///abs/path.db, etcd://h1:2379,h2:2379?prefix=/x, memory://. */
import path from 'node:path';
import { StoreOpenError } from './errors.js';

export type StoreLocation =
  | { kind: 'memory' }
  | { kind: 'sqlite'; file: string }
  | { kind: 'etcd'; endpoints: string[]; prefix: string };

export const DEFAULT_ETCD_PREFIX = '/gantry';

function splitQuery(rest: string): [string, URLSearchParams] {
  const at = rest.indexOf('?');
  return at < 0 ? [rest, new URLSearchParams()] : [rest.slice(0, at), new URLSearchParams(rest.slice(at + 1))];
}

function rejectUnknown(url: string, query: URLSearchParams, known: string[]): void {
  for (const name of query.keys()) {
    if (!known.includes(name)) {
      throw new StoreOpenError(url, `unknown query parameter ${JSON.stringify(name)} (known: ${known.join(', ') || 'none'})`);
    }
  }
}

function parseEndpoint(url: string, host: string): string {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(host);
  const port = m ? Number(m[2] ?? 2379) : NaN;
  if (!m || port < 1 || port > 65535) throw new StoreOpenError(url, `bad etcd endpoint ${JSON.stringify(host)}`);
  return `http://${m[1]}:${port}`;
}

export function parseStoreUrl(url: string): StoreLocation {
  if (typeof url !== 'string') throw new StoreOpenError(String(url), 'the store URL must be a string');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  const [rest, query] = splitQuery(url.slice((scheme?.length ?? 0) + 3));
  switch (scheme) {
    case 'memory':
      rejectUnknown(url, query, []);
      return { kind: 'memory' };
    case 'sqlite': {
      rejectUnknown(url, query, []);
      let file: string;
      try {
        file = decodeURIComponent(rest);
      } catch {
        throw new StoreOpenError(url, 'the file path is not valid percent-encoding');
      }
      if (!path.isAbsolute(file)) {
        throw new StoreOpenError(url, 'the file path must be absolute (sqlite:///abs/path/state.db)');
      }
      return { kind: 'sqlite', file: path.normalize(file) };
    }
    case 'etcd': {
      rejectUnknown(url, query, ['prefix']);
      const hosts = rest.replace(/\/+$/, '').split(',').filter((h) => h !== '');
      if (hosts.length === 0) throw new StoreOpenError(url, 'no etcd endpoints (etcd://host:2379,host2:2379)');
      const prefix = query.get('prefix') ?? DEFAULT_ETCD_PREFIX;
      return { kind: 'etcd', endpoints: hosts.map((h) => parseEndpoint(url, h)), prefix };
    }
    default:
      throw new StoreOpenError(url, 'unknown store URL; use sqlite:///abs/path/state.db, etcd://host:2379 or memory://');
  }
}
