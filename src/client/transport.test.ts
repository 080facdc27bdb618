import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiError, isConflict, isNotFound } from '../machinery/index.js';
import { RestClient } from './rest-client.js';
import { errorFromResponse } from './transport.js';
import { json, startScriptedServer, status, type ScriptedServer } from './testing/http-server.js';

let srv: ScriptedServer;
let client: RestClient;
const cms = { group: '', version: 'v1', plural: 'configmaps', namespaced: true, kind: 'ConfigMap' };
const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' } };

beforeAll(async () => {
  srv = await startScriptedServer();
  client = new RestClient({ server: srv.url, maxRetries: 3, token: 'tok', userAgent: 'ua-test' });
});
afterAll(async () => {
  client?.close();
  await srv?.close();
});

describe('transport', () => {
  it('sends paths, query, auth and content type as the API expects', async () => {
    srv.requests.length = 0;
    srv.script(json(200, cm));
    await client.resource(cms).patch('ns', 'a', { type: 'apply', body: cm, force: true, dryRun: true });
    const r = srv.requests[0]!;
    expect(r.method).toBe('PATCH');
    expect(r.url).toBe('/api/v1/namespaces/ns/configmaps/a?fieldManager=ua-test&dryRun=All&force=true');
    expect(r.headers['content-type']).toBe('application/apply-patch+yaml');
    expect(r.headers.authorization).toBe('Bearer tok');
    expect(r.headers['user-agent']).toBe('ua-test');
    await client.resource({ group: 'apps', version: 'v1', plural: 'deployments', namespaced: true }).list('', { labelSelector: 'a=b', limit: 5 });
    expect(srv.requests[1]!.url).toBe('/apis/apps/v1/deployments?labelSelector=a%3Db&limit=5');
    await client.resource(cms).delete('ns', 'a', { propagationPolicy: 'Foreground', preconditions: { uid: 'u' } });
    expect(JSON.parse(srv.requests[2]!.body)).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground', preconditions: { uid: 'u' } });
  });

  it('retries 429 and 503 (honouring Retry-After), then succeeds', async () => {
    srv.requests.length = 0;
    srv.script(json(429, status(429, 'TooManyRequests'), { 'retry-after': '0' }), json(503, status(503, 'ServiceUnavailable')), json(201, cm));
    const created = await client.resource(cms).create(cm);
    expect(created.metadata.name).toBe('a');
    expect(srv.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
  });

  it('never retries other 4xx, nor a 500 on a POST; retries a 500 on a GET up to maxRetries', async () => {
    srv.requests.length = 0;
    srv.script(json(404, status(404, 'NotFound')));
    await expect(client.resource(cms).get('ns', 'a')).rejects.toSatisfy(isNotFound);
    expect(srv.requests).toHaveLength(1);

    srv.requests.length = 0;
    srv.script(json(409, status(409, 'Conflict')));
    await expect(client.resource(cms).update(cm)).rejects.toSatisfy(isConflict);
    expect(srv.requests).toHaveLength(1);

    srv.requests.length = 0;
    srv.script(json(500, status(500, 'InternalError')));
    await expect(client.resource(cms).create(cm)).rejects.toMatchObject({ code: 500 });
    expect(srv.requests).toHaveLength(1);

    srv.requests.length = 0;
    await expect(client.resource(cms).get('ns', 'a')).rejects.toMatchObject({ code: 500 });
    expect(srv.requests).toHaveLength(4); // 1 + maxRetries
  });

  it('turns bodies that are not a Status into an ApiError by code', async () => {
    srv.script((_req, res) => res.writeHead(403).end('nope'));
    const err = await client.resource(cms).get('ns', 'a').catch((e: unknown) => e);
    expect(isApiError(err) && err.reason).toBe('Forbidden');
    expect((err as Error).message).toMatch(/status 403: nope/);
    expect(errorFromResponse(418, '').reason).toBe('BadRequest');
    srv.script((_req, res) => res.writeHead(200).end('not json'));
    await expect(client.resource(cms).get('ns', 'a')).rejects.toThrow(/not JSON/);
  });

  it('gives up on connection refused after retries, and stops when aborted', async () => {
    const dead = new RestClient({ server: 'http://127.0.0.1:1', maxRetries: 1 });
    await expect(dead.resource(cms).get('ns', 'a')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    srv.script(() => {}); // never answers
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(client.resource(cms).get('ns', 'a', { signal: ac.signal })).rejects.toThrow(/abort/i);
    const slow = new RestClient({ server: srv.url, timeoutMs: 50, maxRetries: 0 });
    await expect(slow.resource(cms).get('ns', 'a')).rejects.toThrow(/no answer within 50 ms/);
    dead.close();
    slow.close();
  });
});
