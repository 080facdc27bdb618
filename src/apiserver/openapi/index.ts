/** OpenAPI v3 serving (/openapi/v3 and the per-group/version documents). */
export { OPENAPI_V3_PREFIX, type OpenApiService, type OpenApiServiceOptions, createOpenApiService } from './service.js';
export { groupVersionDocument, kindSchemas } from './document.js';
export { APPLY_PATCH, JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from './operations.js';
