/** Unknown and duplicate field detection for write requests (`fieldValidation=Strict|Warn|Ignore`). */
export {
  type CheckFieldsOptions,
  type CheckFieldsResult,
  FIELD_VALIDATION_MODES,
  type FieldValidationMode,
  checkFields,
  parseFieldValidation,
  strictDecodingError,
  unknownFieldsOf,
} from './check.js';
export { type CheckPatchedOptions, type PatchFormat, checkPatchedFields } from './patch-check.js';
export { findDuplicateJsonFields, type JsonKeyEvent, scanJsonKeys } from './json-keys.js';
export { findUnknownFields, type UnknownFieldsResult } from './unknown-fields.js';
export { formatWarningHeader } from './warning-header.js';
