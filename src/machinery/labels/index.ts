export { selectorFromLabelSelector, labelSelectorToString } from './label-selector.js';
export {
  SelectorError,
  newRequirement,
  requirementToString,
  type Labels,
  type Operator,
  type Requirement,
} from './requirement.js';
export { Selector, parseSelector, selectorFromSet } from './selector.js';
