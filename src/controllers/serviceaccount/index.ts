/** The service account controller: a `default` ServiceAccount in every namespace. */
export { serviceAccountController, type ServiceAccountControllerOptions } from './controller.js';
