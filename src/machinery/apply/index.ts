export { applyConfig, trackUpdate, type ApplyConflict, type ApplyOptions, type OwnerOptions } from './managed-fields.js';
export { fieldsOf, valueAt } from './fields.js';
export { type FieldSet, members, pathString } from './fieldset.js';
