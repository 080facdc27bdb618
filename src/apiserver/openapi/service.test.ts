import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheme } from '../../api/scheme.js';
import { createOpenApiService } from './service.js';

type Obj = Record<string, any>;

const service = createOpenApiService({ scheme, now: () => new Date('2025-01-01T00:00:00Z') });
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!service.handle(req, res, path)) {
      res.writeHead(404);
      res.end('not handled');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base + path, { headers, redirect: 'manual' });
}

describe('GET /openapi/v3', () => {
  it('lists every group/version with a hashed URL, with an ETag', async () => {
    const res = await get('/openapi/v3?timeout=32s');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(body.paths['api/v1']!.serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(body.paths['apis/apps/v1']!.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=/);
    for (const g of scheme.groups()) for (const v of scheme.versions(g)) expect(body.paths).toHaveProperty([g === '' ? `api/${v}` : `apis/${g}/${v}`]);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9A-F]+"$/);
    const again = await get('/openapi/v3', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
  });
});

describe('GET /openapi/v3/<group>/<version>', () => {
  it('serves hashed URLs as immutable, redirects stale hashes, revalidates ETags', async () => {
    const url = service.index()['apis/apps/v1']!.serverRelativeURL;
    const res = await get(`${url}&timeout=32s`, { Accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, immutable');
    expect(res.headers.get('expires')).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    const etag = res.headers.get('etag')!;
    expect(etag).toBe(`"${url.split('hash=')[1]}"`);
    expect((await get(url, { 'If-None-Match': etag })).status).toBe(304);
    const stale = await get('/openapi/v3/apis/apps/v1?hash=ABC');
    expect(stale.status).toBe(301);
    expect(stale.headers.get('location')).toBe(url);
    const plain = await get('/openapi/v3/apis/apps/v1');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('no-cache, private');
  });

  it('leaves other paths, methods and formats alone', async () => {
    expect((await get('/openapi/v1')).status).toBe(404);
    expect((await get('/openapi/v3/apis/nope/v1')).status).toBe(404);
    expect((await get('/openapi/v3x')).status).toBe(404);
    expect((await fetch(`${base}/openapi/v3`, { method: 'POST' })).status).toBe(404);
    expect((await get('/openapi/v3/api/v1', { Accept: 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf' })).status).toBe(406);
    expect((await get('/openapi/v3/api/v1', { Accept: 'application/json;q=0.9,*/*;q=0.1' })).status).toBe(200);
  });
});

describe('group/version documents', () => {
  const apps = service.document('apis/apps/v1') as Obj;
  const core = service.document('api/v1') as Obj;

  it('have the OpenAPI envelope', () => {
    expect(apps.openapi).toBe('3.0.0');
    expect(apps.info).toEqual({ title: 'Kubernetes', version: 'unversioned' });
  });

  it('give each kind a PATCH operation kubectl accepts for field validation', () => {
    for (const g of scheme.groups()) {
      for (const v of scheme.versions(g)) {
        const doc = service.document(g === '' ? `api/${v}` : `apis/${g}/${v}`) as Obj;
        for (const k of scheme.kindsIn(g, v)) {
          const patches = Object.values(doc.paths as Obj)
            .map((item: Obj) => item.patch)
            .filter((op: Obj | undefined) => op && op['x-kubernetes-group-version-kind'].kind === k.kind);
          expect(patches.length, `${g}/${v} ${k.kind}`).toBeGreaterThan(0);
          for (const op of patches) {
            expect(op['x-kubernetes-group-version-kind']).toEqual({ group: g, version: v, kind: k.kind });
            expect(op.parameters.map((p: Obj) => p.name)).toEqual(expect.arrayContaining(['dryRun', 'fieldManager', 'fieldValidation', 'force']));
            expect(Object.keys(op.requestBody.content)).toEqual(
              expect.arrayContaining(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']),
            );
          }
        }
      }
    }
  });

  it('offers strategic merge patch for Deployments and Pods, with the object, list and status paths', () => {
    const item = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(Object.keys(item.patch.requestBody.content)).toContain('application/strategic-merge-patch+json');
    expect(item.patch.operationId).toBe('patchAppsV1NamespacedDeployment');
    expect(item.patch['x-kubernetes-action']).toBe('patch');
    expect(item.get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/io.k8s.api.apps.v1.Deployment' });
    expect(apps.paths['/apis/apps/v1/deployments'].get.operationId).toBe('listAppsV1DeploymentForAllNamespaces');
    expect(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status'].patch).toBeDefined();
    const pod = core.paths['/api/v1/namespaces/{namespace}/pods/{name}'];
    expect(Object.keys(pod.patch.requestBody.content)).toContain('application/strategic-merge-patch+json');
    expect(core.paths['/api/v1/nodes/{name}'].patch.operationId).toBe('patchCoreV1Node');
  });

  it('carry every component their references reach, with the GVK list on root schemas', () => {
    for (const doc of [apps, core]) {
      const schemas = doc.components.schemas as Obj;
      const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[^"]+/g) ?? [];
      for (const r of new Set(refs)) expect(schemas, r).toHaveProperty([r.slice('#/components/schemas/'.length)]);
    }
    const d = apps.components.schemas['io.k8s.api.apps.v1.Deployment'];
    expect(d['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(core.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Status']).toBeDefined();
  });
});
