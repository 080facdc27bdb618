import { afterAll, beforeAll } from 'vitest';
import { openBackend } from './index.js';
import { describeConformance } from './testing/conformance.js';
import { type EtcdServer, startEtcd } from './testing/etcd-server.js';

let etcd: EtcdServer;
beforeAll(async () => {
  etcd = await startEtcd();
});
afterAll(async () => {
  await etcd?.stop();
});

let n = 0;
describeConformance('etcd', (opts) =>
  openBackend(`${etcd.url}?prefix=/conformance-${++n}`, { ...opts, autoCompact: false }),
);
