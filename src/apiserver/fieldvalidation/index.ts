/** Unknown and duplicate field detection for write requests (`fieldValidation=Strict|Warn|Ignore`). */
export {
  type CheckFieldsOptions,
  type CheckFieldsResult,
  FIELD_VALIDATION_MODES,
  type FieldValidationMode,
  checkFields,
  parseFieldValidation,
  strictDecodingError,
} from './check.js';
export { findDuplicateJsonFields, type JsonKeyEvent, scanJsonKeys } from './json-keys.js';
export { findUnknownFields, type UnknownFieldsResult } from './unknown-fields.js';
export { formatWarningHeader } from './warning-header.js';
