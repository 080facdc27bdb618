/** Shared mechanisms with no component logic. This file is the folder's only public surface. */
export * from './errors/index.js';
export * from './labels/index.js';
export * from './fields/index.js';
export { deepClone, deepEqual } from './deep.js';
export {
  IntOrStringError,
  getScaledValueFromIntOrPercent,
  intOrPercentValue,
  validateIntOrPercent,
  type IntOrString,
} from './intstr.js';
export { controllerRef, isControlledBy, isOwnedBy, newControllerRef } from './owner-refs.js';
export * from './patch/index.js';
export * from './apply/index.js';
