/** Decodes a captured request body the way the apiserver will: DELETE bodies as DeleteOptions. */
import { decodeProtobufBody, decodeProtobufDeleteOptions, type GroupVersionKind } from '../index.js';

export function decodeCaptured(method: string, body: Uint8Array, gvk: GroupVersionKind): Record<string, unknown> {
  return method === 'DELETE' ? decodeProtobufDeleteOptions(body) : decodeProtobufBody(body, gvk);
}
