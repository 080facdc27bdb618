/** The Endpoints and EndpointSlice controllers. */
export { endpointSliceController, endpointsController } from './controller.js';
export { HEADLESS_LABEL, MAX_ENDPOINTS_CAPACITY, OVER_CAPACITY_ANNOTATION } from './endpoints.js';
export { MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './endpointslice.js';
export { MAX_ENDPOINTS_PER_SLICE } from './slices.js';
