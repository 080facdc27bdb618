/**
 * One capture session: a fake API server plus a kubectl configured for it. Runs a case, returns
 * the one protobuf body kubectl sent (other writes, like drain's cordon patch, are JSON) and, for generator commands, the JSON kubectl prints for
 * `--dry-run=client -o json` (the object it would have sent as JSON). Test-only.
 */
import { join } from 'node:path';
import { PROTOBUF_MEDIA_TYPE } from '../envelope.js';
import { SERVED_OBJECTS, withFlags, type KubectlCase } from './cases.js';
import { startFakeApiserver, type CapturedRequest, type FakeApiserver } from './fake-apiserver.js';
import { kubectlEnv, runKubectl, type KubectlEnv } from './kubectl.js';
import { resolvePath, type ResolvedPath } from './resources.js';

export interface CaseCapture {
  request: CapturedRequest;
  /** The kind the request path names (what the apiserver would pass as `expected`). */
  gvk: ResolvedPath;
  /** The `--dry-run=client -o json` object, for cases that have one. */
  dryRun?: Record<string, unknown>;
}

export interface CaptureSession {
  run(c: KubectlCase): Promise<CaseCapture>;
  close(): Promise<void>;
}

export async function startCaptureSession(kubectl: string, dir: string): Promise<CaptureSession> {
  const srv: FakeApiserver = await startFakeApiserver({ dir, objects: SERVED_OBJECTS });
  const env: KubectlEnv = kubectlEnv(kubectl, { dir, server: srv.url });
  const files: Record<string, string> = { '@CERT': join(dir, 'tls.crt'), '@KEY': join(dir, 'tls.key') };
  const expand = (args: readonly string[]) => args.map((a) => a.replace(/@CERT|@KEY/, (m) => files[m]!));

  async function run(c: KubectlCase): Promise<CaseCapture> {
    const args = expand(c.args);
    const before = srv.captured.length;
    const res = await runKubectl(env, args);
    if (res.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${res.code}): ${res.stderr}`);
    const writes = srv.captured.slice(before).filter((w) => w.contentType === PROTOBUF_MEDIA_TYPE);
    if (writes.length !== 1) throw new Error(`kubectl ${c.name}: expected one protobuf write, got ${writes.length}`);
    const request = writes[0]!;
    const gvk = resolvePath(request.path);
    if (!gvk) throw new Error(`kubectl ${c.name}: unexpected path ${request.path}`);
    if (!c.dryRun) return { request, gvk };
    const dry = await runKubectl(env, withFlags(args, ['--dry-run=client', '-o', 'json']));
    if (dry.code !== 0) throw new Error(`kubectl ${c.name} --dry-run failed: ${dry.stderr}`);
    return { request, gvk, dryRun: JSON.parse(dry.stdout) as Record<string, unknown> };
  }

  return { run, close: () => srv.close() };
}
