export { compileSelectRules, NO_SELECT_RULES } from './compileRules.js';
export type { SelectRules } from './compileRules.js';
export { DEFAULT_IGNORE_PATTERNS } from './defaultIgnores.js';
export { omittedLookup } from './findOmitted.js';
export { planSelection } from './planSelection.js';
export type { OversizePolicy, SecretPolicy, SelectionFlags, SelectionPlan } from './planSelection.js';
export type { OmitReason, OmittedEntry, PatternList, SelectOptions } from './types.js';
export { listOmitted, tooLargeEntry } from './listOmitted.js';
