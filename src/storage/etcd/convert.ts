/** Conversions between the contract's shapes and etcd's (keys under a prefix, string revisions). */
import type { IKeyValue } from 'etcd3';
import type { KeyValue, WatchEvent } from '../backend.js';

export class KeySpace {
  constructor(readonly prefix: string) {}

  /** The etcd key of `key`. */
  toEtcd(key: string): Buffer {
    return Buffer.from(this.prefix + key, 'utf8');
  }

  /** The etcd range end of keys starting with `key`, or the end of the prefix. */
  rangeEnd(end: string | null): Buffer {
    if (end !== null) return this.toEtcd(end);
    // Every key under our prefix: the etcd prefix's own end (etcd's rule: bump the last byte).
    const bytes = Buffer.from(this.prefix, 'utf8');
    for (let i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i]! < 0xff) {
        const end = Buffer.from(bytes.subarray(0, i + 1));
        end[i]!++;
        return end;
      }
    }
    return Buffer.from([0]); // etcd: "\0" as range_end means "every key".
  }

  kvOf(kv: IKeyValue): KeyValue {
    return {
      key: kv.key.toString('utf8').slice(this.prefix.length),
      value: kv.value.toString('utf8'),
      createRevision: Number(kv.create_revision),
      modRevision: Number(kv.mod_revision),
    };
  }

  /** A watch event from etcd's event (a put or a delete) and the previous value etcd attached. */
  eventOf(type: 'Put' | 'Delete', kv: IKeyValue, prev: IKeyValue | undefined): WatchEvent {
    const prevKv = prev ? this.kvOf(prev) : undefined;
    const revision = Number(kv.mod_revision);
    if (type === 'Delete') {
      const last: KeyValue = prevKv
        ? { ...prevKv, modRevision: revision }
        : { key: this.kvOf(kv).key, value: '', createRevision: 0, modRevision: revision };
      return prevKv ? { type: 'delete', kv: last, prevKv, revision } : { type: 'delete', kv: last, revision };
    }
    const current = this.kvOf(kv);
    if (current.createRevision === revision) return { type: 'create', kv: current, revision };
    return prevKv ? { type: 'update', kv: current, prevKv, revision } : { type: 'update', kv: current, revision };
  }
}
