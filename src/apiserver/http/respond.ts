/** Writing responses: JSON objects and Status errors. */
import type { ServerResponse } from 'node:http';
import type { Status } from '../../api/meta.js';

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: Status, headers: Record<string, string> = {}): void {
  const extra: Record<string, string> = { ...headers };
  if (status.code === 429 && status.details?.retryAfterSeconds) {
    extra['Retry-After'] = String(status.details.retryAfterSeconds);
  }
  sendJson(res, status.code, status, extra);
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, private' });
  res.end(text);
}
