export { BUILTIN_SCOPES } from './builtinScopes.js';
export { resolveScope } from './resolveScope.js';
export type { ResolveScopeOptions } from './resolveScope.js';
export { AGS_TEXT_EXTENSIONS, AGS_TEXT_NAMES, isTextByName } from './isTextByName.js';
export { matchAnchors } from './matchAnchors.js';
export type { AnchorMatch } from './matchAnchors.js';
export { DEFAULT_LIMITS } from './types.js';
export type { Scope, PackLimits } from './types.js';
