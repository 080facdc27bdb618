export {
  FieldSelector,
  FieldSelectorError,
  checkFieldNames,
  escapeFieldValue,
  exactNameAndNamespace,
  fieldSelectorFromSet,
  parseFieldSelector,
  unescapeFieldValue,
  type FieldGetter,
  type FieldOperator,
  type FieldRequirement,
} from './selector.js';
