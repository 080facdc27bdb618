/** Decoding `application/vnd.kubernetes.protobuf` request bodies. This file is the folder's only public surface. */
export { decodeProtobufBody, decodeProtobufDeleteOptions } from './decode.js';
export { PROTOBUF_MEDIA_TYPE, PROTOBUF_MAGIC } from './envelope.js';
export { protobufKinds, type GroupVersionKind } from './schema/index.js';
