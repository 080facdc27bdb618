import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isResourceExpired } from '../machinery/index.js';
import { RestClient } from './rest-client.js';
import { json, startScriptedServer, status, type ScriptedServer } from './testing/http-server.js';
import type { WatchEvent } from './types.js';
import { parseWatchLine } from './watch-stream.js';

let srv: ScriptedServer;
let client: RestClient;
const cms = { group: '', version: 'v1', plural: 'configmaps', namespaced: true };

beforeAll(async () => {
  srv = await startScriptedServer();
  client = new RestClient({ server: srv.url, maxRetries: 0 });
});
afterAll(async () => {
  client?.close();
  await srv?.close();
});

const line = (type: string, name: string, rv: number) => `${JSON.stringify({ type, object: { metadata: { name, resourceVersion: String(rv) } } })}\n`;

describe('watch framing', () => {
  it('parses events split across chunks (even inside a UTF-8 character) and ends with the stream', async () => {
    const text = line('ADDED', 'a', 1) + line('MODIFIED', 'é-b', 2) + line('BOOKMARK', '', 3) + line('DELETED', 'a', 4);
    const bytes = Buffer.from(text);
    srv.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let i = 0;
      const step = () => {
        if (i >= bytes.length) return res.end();
        res.write(bytes.subarray(i, i + 7));
        i += 7;
        setImmediate(step);
      };
      step();
    });
    const got: WatchEvent<{ metadata: { name?: string } }>[] = [];
    for await (const ev of client.resource(cms).watch('ns', { resourceVersion: '0' })) got.push(ev);
    expect(got.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)).toEqual(['ADDED a', 'MODIFIED é-b', 'BOOKMARK ', 'DELETED a']);
    expect(srv.requests.at(-1)!.url).toBe('/api/v1/namespaces/ns/configmaps?watch=true&resourceVersion=0&allowWatchBookmarks=true');
  });

  it('throws an ERROR event as ApiError, and an error answer likewise', async () => {
    srv.script((_req, res) => res.writeHead(200).end(line('ADDED', 'a', 1) + JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 1 (5)') }) + '\n'));
    const seen: string[] = [];
    const err = await (async () => {
      for await (const ev of client.resource(cms).watch('ns', { resourceVersion: '1' })) seen.push(ev.type);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['ADDED']);
    expect(isResourceExpired(err)).toBe(true);

    srv.script(json(410, status(410, 'Gone', 'gone')));
    const err2 = await (async () => {
      for await (const _ of client.resource(cms).watch('ns', {})) void _;
    })().catch((e: unknown) => e);
    expect((err2 as { code: number }).code).toBe(410);
  });

  it('rejects garbage lines with a clear error', () => {
    expect(() => parseWatchLine('{not json')).toThrow(/malformed event/);
    expect(() => parseWatchLine('{"type":"WHAT","object":{}}')).toThrow(/unexpected event/);
    expect(() => parseWatchLine('{"type":"ERROR","object":{"x":1}}')).toThrow(/without a Status/);
    expect(parseWatchLine('{"type":"ADDED","object":{}}').object.metadata).toEqual({});
  });
});
