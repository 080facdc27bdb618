/** Decodes a captured request body the way the apiserver will: DELETE bodies as DeleteOptions. */
import { decodeProtobufBody, decodeProtobufDeleteOptions, type GroupVersionKind } from '../index.js';

export function decodeCaptured(req: { method: string; body: Uint8Array }, gvk: GroupVersionKind): Record<string, unknown> {
  return req.method === 'DELETE' ? decodeProtobufDeleteOptions(req.body) : decodeProtobufBody(req.body, gvk);
}
